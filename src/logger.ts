/**
 * pino: JSON lines by default, pretty when stdout is a terminal. Components
 * take a child logger (`logger.child({ component: 'pipeline' })`). Secrets are
 * removed by path and scrubbed by pattern from every message string.
 */
import { pino, type Logger } from 'pino';
import type { LogLevel } from './config.js';
import { REDACTED, SECRET_LOG_PATHS, scrubSecrets } from './policy/redaction.js';

export type { Logger };

export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable lines; main.ts turns this on when the log stream is a terminal. */
  pretty?: boolean;
  /** Where JSON lines go; defaults to stdout. Tests pass a stream to read them. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? false;
  const base = {
    level: options.level,
    redact: { paths: SECRET_LOG_PATHS, censor: REDACTED },
    hooks: {
      // Scrub message strings; structured fields are covered by `redact`.
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)),
        );
      },
    },
    serializers: {
      err: (err: unknown) => {
        const serialized = pino.stdSerializers.err(err as Error);
        if (typeof serialized.message === 'string') serialized.message = scrubSecrets(serialized.message);
        if (typeof serialized.stack === 'string') serialized.stack = scrubSecrets(serialized.stack);
        return serialized;
      },
    },
  };
  if (pretty) {
    const destination = options.destination === process.stderr ? 2 : 1;
    return pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', destination } },
    });
  }
  return options.destination ? pino(base, options.destination as never) : pino(base);
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
