/**
 * A tiny terminal for tests: a fake TTY output stream and the screen it
 * draws, so a test asserts what a person would see rather than escape codes.
 * It understands what node:readline and pino-pretty write: printable text
 * (wrapping at `columns`), CR, LF (as a pty turns it into CR LF), cursor moves
 * (CSI n A/B/C/D, CSI n G), erasing (CSI J, CSI K, CSI 2K) and ignores colours
 * (CSI … m). Anything else is a test failure, not silently dropped.
 */
import { PassThrough } from 'node:stream';

export interface TerminalScreen {
  /** The output stream to hand the console: `isTTY` and `columns` set like a terminal's. */
  output: PassThrough;
  /** The visible rows, trailing blanks trimmed, empty rows at the end dropped. */
  rows(): string[];
  /** Where the cursor is. */
  cursor(): { row: number; col: number };
  /** Resolves once the screen (its rows joined with \n) matches. */
  waitFor(pattern: RegExp): Promise<void>;
}

// eslint-disable-next-line no-control-regex -- matching escape codes is the point
const CSI = /^\x1b\[([0-9;]*)([A-Za-z])/;

export function terminalScreen(columns = 80): TerminalScreen {
  const output = Object.assign(new PassThrough(), { isTTY: true, columns, rows: 24 });
  const lines: string[][] = [[]];
  let row = 0;
  let col = 0;
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];

  const line = (index: number): string[] => {
    while (lines.length <= index) lines.push([]);
    return lines[index] as string[];
  };
  const put = (char: string) => {
    if (col >= columns) {
      row += 1;
      col = 0;
    }
    const current = line(row);
    while (current.length < col) current.push(' ');
    current[col] = char;
    col += 1;
  };
  const control = (params: string, command: string) => {
    const n = params === '' ? null : Number(params);
    switch (command) {
      case 'A':
        row = Math.max(0, row - (n ?? 1));
        return;
      case 'B':
        row += n ?? 1;
        return;
      case 'C':
        col += n ?? 1;
        return;
      case 'D':
        col = Math.max(0, col - (n ?? 1));
        return;
      case 'G':
        col = Math.max(0, (n ?? 1) - 1);
        return;
      case 'J':
        if ((n ?? 0) !== 0) throw new Error(`terminal-screen: CSI ${params}J not supported`);
        line(row).length = Math.min(line(row).length, col);
        lines.length = row + 1;
        return;
      case 'K':
        if (n === 2) line(row).length = 0;
        else if ((n ?? 0) === 0) line(row).length = Math.min(line(row).length, col);
        else throw new Error(`terminal-screen: CSI ${params}K not supported`);
        return;
      case 'm':
        return;
      default:
        throw new Error(`terminal-screen: CSI ${params}${command} not supported`);
    }
  };
  const feed = (text: string) => {
    for (let i = 0; i < text.length; ) {
      const char = text[i] as string;
      if (char === '\x1b') {
        const match = CSI.exec(text.slice(i));
        if (!match) throw new Error(`terminal-screen: escape not supported: ${JSON.stringify(text.slice(i, i + 8))}`);
        control(match[1] ?? '', match[2] ?? '');
        i += match[0].length;
        continue;
      }
      if (char === '\r') col = 0;
      else if (char === '\n') {
        row += 1;
        col = 0;
      } else put(char);
      i += char.length;
    }
    line(row);
  };
  const rows = (): string[] => {
    const shown = lines.map((chars) => chars.join('').trimEnd());
    while (shown.length > 0 && shown[shown.length - 1] === '') shown.pop();
    return shown;
  };

  output.on('data', (chunk: Buffer) => {
    feed(chunk.toString());
    const text = rows().join('\n');
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(text)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });

  return {
    output,
    rows,
    cursor: () => ({ row, col }),
    waitFor: (pattern) =>
      pattern.test(rows().join('\n')) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, resolve })),
  };
}
