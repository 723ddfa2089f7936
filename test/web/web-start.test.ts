/**
 * The web console as `npm start` runs it (src/main.ts, spawned): its address
 * printed, the page served, and the process kept up by the page alone when
 * standard input is closed, until a signal; a non-loopback WEB_HOST stops
 * start-up with its code.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('triage-web-start');
afterAll(() => dir.cleanup());

function startBot(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, MODEL_PROVIDER: 'offline', LOG_LEVEL: 'info', KB_PATH: dir.file('no-kb'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const match = (stdout + stderr).match(waiter.pattern);
      if (!match) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(match);
    }
  };
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString();
    check();
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
    check();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => stdout + stderr,
    waitFor: (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve) => {
        waiters.push({ pattern, resolve });
        check();
      }),
  };
}

describe('npm start with the web console', () => {
  it('prints the address, serves the page, and keeps running on the page alone after input closes, until SIGTERM', async () => {
    const bot = startBot({ DATABASE_PATH: dir.file('start.db'), WEB_PORT: '0' });
    const [, url] = await bot.waitFor(/Web console: (http:\/\/127\.0\.0\.1:\d+\/)/);
    // The console's input is closed: it says bye, and the web console goes on.
    await bot.waitFor(/console input closed; the web console keeps running/);
    const page = await fetch(url ?? '');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Review queue');
    const tryPage = await fetch(new URL('try', url));
    expect(tryPage.status).toBe(200);
    await tryPage.text();
    expect(bot.child.exitCode).toBeNull();
    // An open page (its event stream) must not hold the shutdown up.
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const stream = await fetch(new URL('api/events', url), { headers: { cookie } });
    expect(stream.status).toBe(200);
    const reader = stream.body?.getReader();
    expect(new TextDecoder().decode((await reader?.read())?.value)).toContain('event: ready');
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('refuses a non-loopback WEB_HOST without WEB_PUBLIC_URL (sign-in links need an address to point to)', async () => {
    const bot = startBot({ DATABASE_PATH: dir.file('public.db'), WEB_PORT: '0', WEB_HOST: '0.0.0.0' });
    expect(await bot.exited).toBe(2);
    expect(bot.output()).toMatch(/WEB_PUBLIC_URL: required when WEB_HOST \(0\.0\.0\.0\) is not loopback/);
  });
});
