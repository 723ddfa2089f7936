/**
 * A throwaway Postgres cluster for tests: initdb into a temp folder, started
 * by pg_ctl on a free 127.0.0.1 port with its Unix socket in that folder,
 * fsync off (nothing here must survive a crash), removed at the end. Each
 * test file starts its own, so files stay independent when vitest runs them
 * in parallel; `createDatabase` gives every test a fresh database.
 *
 * initdb refuses to run as root, so as root the cluster belongs to the
 * `postgres` system user (runuser). Where no Postgres binaries are found the
 * suites skip with a message, unless REQUIRE_POSTGRES=1 (CI sets it), where
 * they fail instead: a CI that silently skipped Postgres would prove nothing.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface PostgresCluster {
  /**
   * A new database, empty or a copy of `template` (a database name, with no
   * connection open); returns its URL (no password: the cluster trusts local
   * connections).
   */
  createDatabase(template?: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The folder holding initdb and pg_ctl, or null when this machine has no
 * Postgres. POSTGRES_BIN_DIR picks one (`none`: act as if there were none,
 * to see the skip and REQUIRE_POSTGRES paths on a machine that has it).
 */
export function postgresBinDir(): string | null {
  const chosen = process.env.POSTGRES_BIN_DIR;
  if (chosen === 'none') return null;
  const hasBinaries = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  if (chosen) return hasBinaries(chosen) ? chosen : null;
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // No pg_config: look where Debian puts each major version.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    for (const version of readdirSync(debian).sort((x, y) => Number(y) - Number(x))) candidates.push(join(debian, version, 'bin'));
  }
  candidates.push('/usr/local/bin', '/usr/bin');
  return candidates.find(hasBinaries) ?? null;
}

/** True when the suites must fail rather than skip without Postgres (CI). */
export const postgresRequired = process.env.REQUIRE_POSTGRES === '1';

/** Why the Postgres suites skip here, or null when they can run. */
export function postgresUnavailable(): string | null {
  if (postgresBinDir() !== null) return null;
  const why = 'Postgres binaries (initdb, pg_ctl) not found: the Postgres store suites are skipped (install postgresql to run them)';
  if (postgresRequired) throw new Error(`${why}; REQUIRE_POSTGRES=1 forbids skipping`);
  return why;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a Postgres binary, as the `postgres` user when we are root. */
async function runAsOwner(binary: string, args: string[]): Promise<void> {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
  try {
    await run(file, argv, { cwd: tmpdir() });
  } catch (cause) {
    const output = cause as { stdout?: string; stderr?: string };
    throw new Error(`${binary} ${args[0] ?? ''} failed: ${output.stderr ?? ''}${output.stdout ?? ''}`, { cause });
  }
}

export async function startPostgres(): Promise<PostgresCluster> {
  const bin = postgresBinDir();
  if (bin === null) throw new Error('Postgres binaries not found (pg_config --bindir, /usr/lib/postgresql/*/bin)');
  const root = mkdtempSync(join(tmpdir(), 'triage-pg-'));
  // The postgres user must reach the folder; it holds nothing else.
  chmodSync(root, 0o777);
  if (isRoot) execFileSync('chown', ['postgres', root]);
  const data = join(root, 'data');
  await runAsOwner(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  let port = 0;
  // A free port can be taken between finding it and binding it: try a few.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    try {
      // -w: returns once the server accepts connections (a positive signal, not a sleep).
      await runAsOwner(join(bin, 'pg_ctl'), ['start', '-w', '-t', '60', '-D', data, '-l', join(root, 'log'), '-o', options]);
      break;
    } catch (error) {
      if (attempt >= 3) {
        rmSync(root, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let next = 0;
  return {
    async createDatabase(template) {
      const name = `t${process.pid}_${++next}`;
      // FILE_COPY: copying a small template's files is faster than Postgres 15's default (WAL-logging every block).
      await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''} STRATEGY FILE_COPY`);
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      await admin.end().catch(() => undefined);
      // Immediate: the databases are thrown away, nothing to flush.
      await runAsOwner(join(bin, 'pg_ctl'), ['stop', '-w', '-m', 'immediate', '-D', data]).catch(() => undefined);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
