/**
 * The console's input line: asks a question (`customer> `) and returns the
 * line typed, and writes everything else so it never lands inside a prompt.
 *
 * On a terminal, readline owns the line being typed (editing, history), so
 * text that arrives while a prompt is shown (a log line, a card for a
 * recovered ticket) is written above it: the prompt line is cleared, the text
 * printed, and the prompt re-drawn with what was typed so far. Piped, input is
 * read line by line and output written as it comes, byte for byte as before:
 * there is no prompt line to protect, and tests read that output exactly.
 */
import { clearScreenDown, createInterface, cursorTo, moveCursor, type Interface } from 'node:readline';

export class PromptLine {
  private readonly readline: Interface;
  private readonly lines: AsyncIterator<string>;
  /** True while a prompt is on screen waiting for its answer. */
  private showing = false;
  /** Whether the answer to the prompt shown was typed at it (not typed ahead while the console was busy). */
  private answeredAtPrompt = false;

  constructor(
    input: NodeJS.ReadableStream,
    private readonly output: NodeJS.WritableStream,
    /** Whether input and output are an interactive terminal (readline then draws and edits the line). */
    readonly terminal: boolean,
  ) {
    // Piped, readline gets no output: it must not echo what it reads.
    this.readline = createInterface(terminal ? { input, output, terminal: true } : { input, terminal: false });
    this.lines = this.readline[Symbol.asyncIterator]();
    this.readline.on('line', () => {
      if (this.showing) this.answeredAtPrompt = true;
    });
  }

  /** Shows `prompt` and waits for a line; null once the input has ended (Ctrl-D, end of piped input). */
  async ask(prompt: string): Promise<string | null> {
    if (this.terminal) {
      // readline re-draws only the prompt's last line; anything before it is printed once.
      const split = prompt.lastIndexOf('\n') + 1;
      if (split > 0) this.output.write(prompt.slice(0, split));
      this.readline.setPrompt(prompt.slice(split));
      // Keeps the cursor after anything typed ahead while the console was busy.
      this.readline.prompt(true);
    } else {
      this.output.write(prompt);
    }
    this.showing = true;
    this.answeredAtPrompt = false;
    try {
      const next = await this.lines.next();
      if (!next.done) {
        // A line typed ahead was echoed wherever the cursor was then; shown
        // after its prompt too, the screen reads as question and answer.
        if (this.terminal && !this.answeredAtPrompt) this.output.write(`${next.value}\n`);
        return next.value;
      }
      // Ctrl-D leaves the cursor after the prompt; what follows ("bye") starts a line of its own.
      if (this.terminal) this.output.write('\n');
      return null;
    } finally {
      this.showing = false;
    }
  }

  /** Writes `text` (whole lines) to the output; on a terminal, above a prompt that is shown. */
  write(text: string): void {
    if (!this.terminal || !this.showing) {
      this.output.write(text);
      return;
    }
    // The prompt and what was typed may wrap over several rows: clear from the first.
    const { rows } = this.readline.getCursorPos();
    moveCursor(this.output, 0, -rows);
    cursorTo(this.output, 0);
    clearScreenDown(this.output);
    this.output.write(text.endsWith('\n') ? text : `${text}\n`);
    // readline's re-draw starts by climbing the rows it last drew below the
    // prompt's first (`prevRows`, which a paste leaves behind the cursor); that
    // many blank rows are left for it to climb, so the prompt lands right here.
    const climbs = (this.readline as unknown as { prevRows?: number }).prevRows ?? 0;
    if (climbs > 0) this.output.write('\n'.repeat(climbs));
    this.readline.prompt(true);
  }

  close(): void {
    this.readline.close();
  }
}
