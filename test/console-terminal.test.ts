/**
 * The console on an interactive terminal: a log line (or anything else
 * printed) while a prompt is shown lands on its own line above the prompt,
 * which is drawn again with what was typed so far. Asserted on the screen a
 * person would see (test/support/terminal-screen.ts), not on escape codes.
 */
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { ConsoleAdapter } from '../adapters/console/index.js';
import type { InboundMessage } from '../src/domain/index.js';
import { createLogger } from '../src/logger.js';
import type { SurfaceInbox } from '../src/ports/surface.js';
import { terminalScreen } from './support/terminal-screen.js';

// readline draws a prompt with cursor codes unless the terminal is "dumb".
beforeEach(() => vi.stubEnv('TERM', 'xterm-256color'));
afterEach(() => vi.unstubAllEnvs());

function fakeInbox(): { inbox: SurfaceInbox; received: InboundMessage[] } {
  const received: InboundMessage[] = [];
  const inbox = {
    receive(message: InboundMessage) {
      received.push(message);
      // A follow-up: no card to wait for, so the console goes straight back to its prompt.
      return { ticketId: 7, isNew: false, triageStarted: false };
    },
    async interact() {},
  } as unknown as SurfaceInbox;
  return { inbox, received };
}

/** A console on a fake terminal: input with `isTTY`, output drawn on a screen. */
async function startTerminal(columns = 80) {
  const screen = terminalScreen(columns);
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const adapter = new ConsoleAdapter({ input, output: screen.output });
  const { inbox, received } = fakeInbox();
  await adapter.start(inbox);
  await screen.waitFor(/customer>$/);
  return { screen, input, adapter, received };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

it('is interactive only when both streams are terminals, unless told', () => {
  const tty = () => Object.assign(new PassThrough(), { isTTY: true });
  expect(new ConsoleAdapter({ input: tty(), output: tty() }).interactive).toBe(true);
  expect(new ConsoleAdapter({ input: new PassThrough(), output: tty() }).interactive).toBe(false);
  expect(new ConsoleAdapter({ input: tty(), output: new PassThrough() }).interactive).toBe(false);
  expect(new ConsoleAdapter({ input: new PassThrough(), output: new PassThrough(), terminal: true }).interactive).toBe(true);
});

it('prints a log line above the prompt and draws the prompt again with what was typed', async () => {
  const { screen, input, adapter, received } = await startTerminal();
  const logger = createLogger({ level: 'info', pretty: true, destination: adapter.logLines });

  input.write('our whole team');
  await screen.waitFor(/customer> our whole team$/);
  logger.warn('model call attempt failed; retrying');
  await settle();

  const rows = screen.rows();
  // The log line on a row of its own, the prompt and the half-typed message after it.
  expect(rows.at(-2)).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: model call attempt failed; retrying$/);
  expect(rows.at(-1)).toBe('customer> our whole team');
  expect(rows.filter((row) => row.includes('customer>'))).toHaveLength(1);
  expect(screen.cursor()).toEqual({ row: rows.length - 1, col: 'customer> our whole team'.length });

  // Typing goes on where it stopped: the line the console receives is whole.
  input.write(" can't log in\r");
  await screen.waitFor(/Added to ticket #7\.\n\ncustomer>$/);
  expect(received.map((message) => message.text)).toEqual(["our whole team can't log in"]);

  input.write('\x04');
  await adapter.finished();
  expect(screen.rows().at(-1)).toBe('bye');
});

it('gives the console pretty log lines at once, at LOG_LEVEL, with secrets scrubbed', () => {
  const written: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      written.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'warn', pretty: true, destination, secrets: ['sk-proj-abc123456789'] });
  logger.info('not at this level');
  logger.error({ key: 'sk-proj-abc123456789' }, 'refused sk-proj-abc123456789');
  // Synchronous: the line is there before the next statement, so it is placed above the prompt shown now.
  expect(written).toHaveLength(1);
  // eslint-disable-next-line no-control-regex -- pino-pretty's colour codes
  const plain = (written[0] ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] ERROR: refused \[REDACTED\]\n/);
  expect(plain).not.toContain('sk-proj-abc123456789');
});

it('keeps a prompt that wraps over several rows whole, with the log line above it', async () => {
  const { screen, input, adapter } = await startTerminal(20);
  const typed = 'the dashboard shows error 502';
  input.write(typed);
  await settle();
  adapter.logLines.write('a log line\n');
  adapter.logLines.write('another one\n');
  await settle();

  const rows = screen.rows();
  // `customer> ` and the typed text take two rows of twenty columns.
  expect(rows.slice(-4)).toEqual(['a log line', 'another one', `customer> ${typed}`.slice(0, 20), `customer> ${typed}`.slice(20)]);
  expect(rows.filter((row) => row.includes('customer>'))).toHaveLength(1);
  // Ctrl-D with text on the line deletes rather than quits: stop as a signal would.
  await adapter.stop();
});

it('leaves the screen alone when no prompt is shown, and before the console starts', async () => {
  const screen = terminalScreen();
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const adapter = new ConsoleAdapter({ input, output: screen.output });
  adapter.logLines.write('starting\n');
  await settle();
  expect(screen.rows()).toEqual(['starting']);
  await adapter.start(fakeInbox().inbox);
  await screen.waitFor(/customer>$/);
  expect(screen.rows()[0]).toBe('starting');
  expect(screen.rows()[1]).toMatch(/^Support triage console\./);
  input.write('\x04');
  await adapter.finished();
});

it('shows a line typed ahead after the prompt it answers', async () => {
  const screen = terminalScreen();
  const input = Object.assign(new PassThrough(), { isTTY: true });
  const adapter = new ConsoleAdapter({ input, output: screen.output });
  // Typed before the console was ready: readline echoes it at once, and the prompt takes it when it comes.
  input.write('hello\r');
  await adapter.start(fakeInbox().inbox);
  await screen.waitFor(/customer> hello\nAdded to ticket #7\./);
  input.write('\x04');
  await adapter.finished();
});
