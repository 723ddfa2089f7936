/** The console surface end to end: typed lines in, cards, replies and private answers out, offline models, real SQLite. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter, type ConsoleAdapterOptions } from '../adapters/console/index.js';
import { loadConfig } from '../src/config.js';
import { createCore, type Core } from '../src/core.js';
import { silentLogger } from '../src/logger.js';
import { ROUTE_LABELS } from '../src/present/reason-labels.js';
import { openSqliteStore } from '../src/store/sqlite/index.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('triage-console');
afterAll(() => dir.cleanup());
const opened: Core[] = [];
afterEach(() => {
  for (const core of opened.splice(0)) core.close();
});

interface Screen {
  text(): string;
  waitFor(pattern: RegExp): Promise<void>;
}

function collect(stream: PassThrough): Screen {
  let buffer = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(buffer)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  return {
    text: () => buffer,
    waitFor: (pattern) =>
      pattern.test(buffer) ? Promise.resolve() : new Promise((resolve) => waiters.push({ pattern, resolve })),
  };
}

const count = (text: string, pattern: RegExp) => text.match(new RegExp(pattern.source, 'g'))?.length ?? 0;

/** A console attached to a fresh core, as src/main.ts wires it. */
async function startConsole(
  db: string,
  options: Omit<ConsoleAdapterOptions, 'input' | 'output'> = {},
): Promise<{ input: PassThrough; screen: Screen; adapter: ConsoleAdapter; core: Core }> {
  const input = new PassThrough();
  const output = new PassThrough();
  const screen = collect(output);
  const adapter = new ConsoleAdapter({ input, output, ...options });
  const core = createCore(loadConfig({ MODEL_PROVIDER: 'offline', DATABASE_PATH: dir.file(db) }), silentLogger());
  opened.push(core);
  await adapter.start(core.desk.attach(adapter));
  return { input, screen, adapter, core };
}

/** Ends the input and waits for the console and the work in hand (the core is closed after the test). */
async function finish(input: PassThrough, adapter: ConsoleAdapter, core: Core): Promise<void> {
  input.end();
  await adapter.finished();
  await core.workflow.idle();
}

const PROMPT = /\[s\]kip > /;

describe('console surface', () => {
  it('triages a typed message, shows the card, and sends the approved reply', async () => {
    const { input, screen, adapter, core } = await startConsole('console.db');
    expect(adapter.platform).toBe('console');
    expect(adapter.cardChannel).toBe('console');

    input.write('Export problem | How do I export my reports to CSV? Order #4411\n');
    await screen.waitFor(/\[a\]pprove/);
    expect(screen.text()).toMatch(/Ticket #1 received/);
    expect(screen.text()).toMatch(/── Ticket #1 needs review · awaiting_review/);
    const decision = await core.store.triage.latestDecision(1);
    expect(decision).not.toBeNull();
    expect(screen.text()).toContain(`route: ${ROUTE_LABELS[decision?.route ?? 'human_review']} (by ${decision?.decidedBy})`);
    expect(screen.text()).toMatch(/why: \S/);
    expect(screen.text()).toMatch(/orders #?4411/);
    // Offline calls bill nothing; what they would cost on the configured models is shown, labelled as an estimate.
    expect(screen.text()).toMatch(/cost so far: \$0\.00 \(about \$0\.0\d+ on the configured models, estimated\)\n/);
    expect((await core.store.tickets.get(1))?.subject).toBe('Export problem');

    input.write('a\n');
    await screen.waitFor(/is now sent/);
    // The console knows no customer name, so the draft greets no one by name.
    expect(screen.text()).toMatch(/→ sent to the customer \(ticket #1\):\n {2}Hello,\n/);
    expect(screen.text()).not.toMatch(/Console customer/);
    expect(screen.text()).toMatch(/✓ Done: ticket #1 is now sent\./);
    // The card was posted once and updated in place, now resolved.
    expect(screen.text()).toMatch(/── Ticket #1 · approved · sent[\s\S]*Approved by console-reviewer/);
    expect((await core.store.cards.latest(1, 'console'))?.messageId).toMatch(/^console-card-/);
    expect((await core.store.tickets.get(1))?.status).toBe('sent');
    expect((await core.store.reviews.forTicket(1)).filter((r) => r.reviewerKind === 'human').map((r) => [r.reviewer, r.action])).toEqual([
      ['console-reviewer', 'approve'],
    ]);

    input.write('#1 one more question about the export\n');
    await screen.waitFor(/Ticket #1 received; triaging…[\s\S]*Ticket #1 received; triaging…|Added to ticket #1/);
    await finish(input, adapter, core);
    expect((await core.store.tickets.messages(1)).filter((m) => m.direction === 'inbound')).toHaveLength(2);
    expect((await core.store.modelCalls.forTicket(1)).length).toBeGreaterThanOrEqual(4);
  });

  it('asks for the edit as a form: an empty one is refused, escalation returns to the prompt, the edited reply is sent', async () => {
    const { input, screen, adapter, core } = await startConsole('edit.db');
    input.write('How do I export my reports to CSV?\n');
    const fullPrompt = '[a]pprove  [e]dit  [r]eject  escalate [x]  [s]kip > ';
    await screen.waitFor(/\[s\]kip > $/);
    expect(screen.text().endsWith(fullPrompt)).toBe(true);

    input.write('e\n\n');
    await screen.waitFor(/new reply> ✗ This cannot be empty; nothing was changed\.\n[^\n]*\[s\]kip > $/);
    expect((await core.store.tickets.get(1))?.status).toBe('awaiting_review');

    input.write('x\n');
    await screen.waitFor(/✓ Done: ticket #1 is now awaiting_review\.\n[^\n]*\[s\]kip > $/);
    // Once the flagship has reviewed, the card offers no escalation, and the prompt follows it.
    expect(screen.text().endsWith('✓ Done: ticket #1 is now awaiting_review.\n[a]pprove  [e]dit  [r]eject  [s]kip > ')).toBe(true);
    // The escalated card shows the flagship's opinion and who escalated.
    expect(screen.text()).toMatch(/second opinion \(flagship\): human — Offline mode/);
    expect(screen.text()).toMatch(/last action: escalated by console-reviewer/);

    input.write('e\nThe export is under Reports → Export.\n');
    await screen.waitFor(/✓ Done: ticket #1 is now sent\./);
    expect(screen.text()).toMatch(/→ sent to the customer \(ticket #1\):\n {2}The export is under Reports → Export\./);
    expect(screen.text()).toMatch(/Edited and sent by console-reviewer/);
    await finish(input, adapter, core);
    expect((await core.store.reviews.forTicket(1)).filter((r) => r.reviewerKind === 'human').map((r) => r.action)).toEqual(['escalate', 'edit']);
  });

  it('answers /triage status and /triage today, at the customer prompt and at the review prompt, privately', async () => {
    const privateOutput = new PassThrough();
    const answers = collect(privateOutput);
    const { input, screen, adapter, core } = await startConsole('triage.db', { privateOutput });
    input.write('/triage status 1\n');
    await answers.waitFor(/» No ticket #1\./);

    input.write('My invoice is wrong, order #5521\n');
    await screen.waitFor(PROMPT);
    input.write('/triage status 1\n');
    await answers.waitFor(/» Ticket #1 · awaiting_review/);
    expect(answers.text()).toMatch(/» Ticket #1 · awaiting_review[^\n]*\n {2}Customer: console-customer\n {2}Urgency: /);
    expect(answers.text()).toMatch(/ {2}Cost so far: \$0\.00 \(about \$0\.0\d+ on the configured models, estimated\)\n/);
    // Still at the review prompt: a command is no action.
    await screen.waitFor(new RegExp(`(${PROMPT.source}[\\s\\S]*){2}$`));

    input.write('/triage today\n');
    await answers.waitFor(/» Today \(since 00:00 UTC\): 1 ticket · spend \$0/);
    expect(answers.text()).toMatch(/» Today[^\n]*\n {2}Urgency: [^\n]+\n {2}Status: awaiting_review 1/);

    input.write('s\n/triage\n/triage status 07\n/triage today\n');
    await answers.waitFor(/» Usage: \/triage status <ticket number>, \/triage today, \/triage source <ticket number> <n> or \/triage web for a sign-in link to the web console\n» No ticket #07\.\n» Today/);
    await finish(input, adapter, core);
    // Private answers never reach the shared screen, and commands open no ticket.
    expect(screen.text()).not.toMatch(/»|Usage:/);
    expect((await core.store.tickets.countsBetween(new Date(0), new Date(Date.now() + 60_000))).tickets).toBe(1);
    expect((await core.store.tickets.get(1))?.status).toBe('awaiting_review');
  });

  it('refuses a second console user, who changes nothing; the reviewer may then act', async () => {
    let actingAs = 'someone-else';
    const privateOutput = new PassThrough();
    const answers = collect(privateOutput);
    const { input, screen, adapter, core } = await startConsole('outsider.db', { privateOutput, reviewerId: () => actingAs });
    input.write('Can I get a copy of my contract?\n');
    await screen.waitFor(PROMPT);

    for (const key of ['a', 'e', 'r']) input.write(`${key}\n`);
    await answers.waitFor(/(✗ You are not one of the reviewers for support replies, so nothing was changed\.\n){3}/);
    // A command's answer is marked », refusal or not.
    input.write('/triage today\n');
    await answers.waitFor(/» You are not one of the reviewers for support replies, so nothing was changed\.\n/);
    // Refused, so the card still waits: the prompt comes back each time and no form was asked for.
    await screen.waitFor(new RegExp(`(${PROMPT.source}[\\s\\S]*){5}$`));
    expect(screen.text()).not.toMatch(/new reply>|reason>/);
    expect(answers.text()).not.toMatch(/Today|✓/);
    expect((await core.store.tickets.get(1))?.status).toBe('awaiting_review');
    expect((await core.store.reviews.forTicket(1)).filter((r) => r.reviewerKind === 'human')).toHaveLength(0);
    expect(screen.text()).not.toMatch(/→ sent to the customer/);

    actingAs = 'console-reviewer';
    input.write('a\n');
    await answers.waitFor(/✓ Done: ticket #1 is now sent\./);
    await finish(input, adapter, core);
    expect((await core.store.reviews.forTicket(1)).filter((r) => r.reviewerKind === 'human').map((r) => r.reviewer)).toEqual(['console-reviewer']);
    expect(count(screen.text(), /→ sent to the customer \(ticket #1\):/)).toBe(1);
  });

  it('a "thanks!" closed without a card goes straight back to the customer prompt', async () => {
    const { input, screen, adapter, core } = await startConsole('thanks.db');
    input.write('thanks!\n');
    await screen.waitFor(/Ticket #1 closed without a reply: nothing to review\.\n\ncustomer> $/);
    await finish(input, adapter, core);
    expect(screen.text()).not.toMatch(/── Ticket #1|\[s\]kip/);
  });
});

describe('npm start', () => {
  it('runs the console with no configuration and exits when input ends (compiled into dist/ first, prompts and migrations found from there)', async () => {
    // `npm start` itself: its prestart compiles what changed, then node runs dist/src/main.js.
    const child = spawn('npm', ['start', '--silent'], {
      cwd: join(import.meta.dirname, '..'),
      // WEB_PORT=off: the web console would keep the bot running after its input ends (test/web/web-start.test.ts covers that).
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_PATH: dir.file('main.db'), LOG_LEVEL: 'warn', WEB_PORT: 'off' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdin.write('I was charged twice, refund $500 please\n');
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (/\[a\]pprove/.test(stdout)) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    child.stdin.write('r\nnot our customer\n');
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr.replace(/^Compiling the bot into dist\/ .*\n/, '')).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/\/triage status 12/);
    expect(stdout).toMatch(/second opinion \(flagship\): human — Offline mode/);
    expect(stdout).toMatch(/reason> [\s\S]*Rejected by console-reviewer — not our customer[\s\S]*✓ Done: ticket #1 is now closed\./);
    const store = openSqliteStore(dir.file('main.db'));
    try {
      expect((await store.tickets.get(1))?.status).toBe('closed');
      const human = (await store.reviews.forTicket(1)).filter((r) => r.reviewerKind === 'human');
      expect(human.map((r) => [r.reviewer, r.action, r.reason])).toEqual([['console-reviewer', 'reject', 'not our customer']]);
    } finally {
      store.close();
    }
  }, 120_000);

  it('fails at start-up with a message that names the bad variable', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, MODEL_PROVIDER: 'gpt', DATABASE_PATH: dir.file('bad.db') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/CONFIG_INVALID: MODEL_PROVIDER: expected one of openai, openai-compatible, offline/);
  });

  it('prints --help', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--help'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: npm start/);
    expect(stdout).toMatch(/MODEL_PROVIDER/);
  });
});
