/**
 * Runs before `npm start` (its prestart script): compiles src/ and adapters/
 * into dist/ when dist/ is missing or older than the code, so the bot runs as
 * plain JavaScript. Run through tsx instead, a bot carries a second V8 (the
 * loader thread that compiles TypeScript on the fly) and the compiler's
 * caches: about 56 MiB more resident memory for nothing a user needs. The
 * tests and the other CLIs still run the TypeScript directly.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';

const root = join(import.meta.dirname, '..', '..');
const stamp = join(root, 'dist', '.compiled');
const inputs = ['src', 'adapters', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((name) => join(root, name));

/** The latest change under `path`: a folder's own time moves when a file is added or removed in it. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

const compiledAt = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
if (inputs.some((path) => existsSync(path) && newest(path) > compiledAt)) {
  process.stderr.write('Compiling the bot into dist/ (the first start, or the code changed since the last)…\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  // Without NODE_OPTIONS: a heap limit meant for the bot (say --max-old-space-size=256) is too small for the compiler.
  // eslint-disable-next-line no-restricted-properties -- passing the environment on to the compiler, not configuration
  const env = { ...process.env, NODE_OPTIONS: '' };
  // --noCheck: emit only (half the time); type errors are `npm run typecheck`'s to report, as CI does, and tsx never checked them either.
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit', env });
  if (result.status !== 0) {
    process.stderr.write('Compiling failed (above). `npx tsx src/main.ts` runs the bot without compiling.\n');
    process.exit(result.status ?? 1);
  }
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}
