/** The console adapter end to end: typed lines in, cards and replies out, offline models, real SQLite. */
import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../adapters/console/index.js';
import { loadConfig } from '../src/config.js';
import { createCore } from '../src/core.js';
import { silentLogger } from '../src/logger.js';
import { tempDir } from './support/temp-dir.js';

const dir = tempDir('triage-console');
afterAll(() => dir.cleanup());

function collect(stream: PassThrough): { text(): string; waitFor(pattern: RegExp): Promise<void> } {
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

describe('console adapter', () => {
  it('triages a typed message, shows the card, and sends the approved reply', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const screen = collect(output);
    const adapter = new ConsoleAdapter({ input, output });
    const config = loadConfig({ MODEL_PROVIDER: 'offline', DATABASE_PATH: dir.file('console.db') });
    const core = createCore(config, silentLogger(), {
      channels: () => adapter,
      onOutcome: (outcome) => adapter.presentOutcome(outcome),
    });
    await adapter.start(core.adapterCore);

    input.write('Export problem | How do I export my reports to CSV? Order #4411\n');
    await screen.waitFor(/\[a\]pprove/);
    expect(screen.text()).toMatch(/Ticket #1 received/);
    expect(screen.text()).toMatch(/route: \w+ — why: /);
    expect(screen.text()).toMatch(/orders #?4411/);
    expect(screen.text()).toMatch(/cost so far: \$0/);

    input.write('a\n');
    await screen.waitFor(/is now sent/);
    expect(screen.text()).toMatch(/→ sent to the customer:/);
    expect(core.store.tickets.get(1)?.status).toBe('sent');

    input.write('#1 one more question about the export\n');
    await screen.waitFor(/Ticket #1 received; triaging…[\s\S]*Ticket #1 received; triaging…|Added to ticket #1/);
    input.end();
    await adapter.finished();
    await core.workflow.idle();
    expect(core.store.tickets.messages(1).filter((m) => m.direction === 'inbound')).toHaveLength(2);
    expect(core.store.modelCalls.forTicket(1).length).toBeGreaterThanOrEqual(4);
    core.close();
  });
});

describe('npm start', () => {
  it('runs the console with no configuration and exits when input ends', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { PATH: process.env.PATH, DATABASE_PATH: dir.file('main.db'), LOG_LEVEL: 'warn' },
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
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/flagship: human — Offline mode/);
    expect(stdout).toMatch(/reject: ticket #1 is now closed/);
  });

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
