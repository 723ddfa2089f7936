/**
 * pino: JSON lines by default, pretty when stdout is a terminal. Components
 * take a child logger (`logger.child({ component: 'pipeline' })`).
 *
 * Secrets never reach the stream. Every logged object, interpolation argument,
 * message string and child binding goes through the redactor's deep scrub
 * (every string at every depth, by pattern and by configured value; keys that
 * name secrets redacted whatever they hold) BEFORE pino serialises it, and each
 * finished line is scrubbed once more by value before it is written.
 *
 * pino's order for `logger.warn(obj, msg, ...args)` (pino 10):
 *   1. hooks.logMethod(args)            ← deep scrub of every argument (here)
 *   2. util.format of msg with args     (%s / %o / %j see scrubbed copies)
 *   3. write(): an Error as first argument becomes { err }, msg defaults to its message
 *   4. formatters.log(obj)              ← guard: deep scrub of anything not scrubbed yet (a mixin, say)
 *   5. serializers[key] per key; `err` goes to serializers.err ← keeps the shape we built
 *   6. redact paths, JSON stringify; child bindings were stringified at child() time
 *   7. hooks.streamWrite(line)          ← by-value scrub of the whole line, then stream.write
 * Child bindings skip formatters.bindings (pino resets it for children), so
 * `child()` itself is wrapped to scrub its bindings.
 */
import { pino, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import type { LogLevel } from './config.js';
import { REDACTED, SECRET_LOG_PATHS, createRedactor, type Redactor } from './policy/redaction.js';

export type { Logger };

export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable lines; main.ts turns this on when the log stream is a terminal. */
  pretty?: boolean;
  /**
   * Where lines go; defaults to stdout. Tests pass a stream to read them; the
   * interactive console passes its own, which lays each line out above its prompt.
   */
  destination?: NodeJS.WritableStream;
  /** Every secret the process holds (`configuredSecrets(config)`): scrubbed by value wherever it appears. */
  secrets?: readonly string[];
}

type LogFn = (...args: unknown[]) => void;

/**
 * The arguments of one log call with everything scrubbed. An Error first
 * argument becomes `{ err }` (and, without a message, its message), as pino
 * itself would do, because the scrubbed copy is no longer an Error.
 */
function scrubArguments(redactor: Redactor, scrubbed: WeakSet<object>, args: unknown[]): unknown[] {
  if (args.length === 0) return args;
  const [first, ...rest] = args;
  const tail = rest.map((arg) => (typeof arg === 'string' ? redactor.scrub(arg) : redactor.scrubDeep(arg)));
  if (typeof first === 'string') return [redactor.scrub(first), ...tail];
  if (typeof first !== 'object' || first === null) return [first, ...tail];
  if (first instanceof Error) {
    const err = redactor.scrubDeep(first);
    const merged = markScrubbed(scrubbed, { err });
    const message = (err as { message?: unknown }).message;
    return tail.length === 0 && typeof message === 'string' ? [merged, message] : [merged, ...tail];
  }
  const copy = redactor.scrubDeep(first);
  // A scrubbed copy that is no longer an object (a Date, say) logs like pino would log a non-object.
  return typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? [markScrubbed(scrubbed, copy), ...tail] : [{ value: copy }, ...tail];
}

/** Records a scrubbed merge object and its `err`, so later stages need not walk them again. */
function markScrubbed(scrubbed: WeakSet<object>, value: object): object {
  scrubbed.add(value);
  const err = (value as { err?: unknown }).err;
  if (typeof err === 'object' && err !== null) scrubbed.add(err);
  return value;
}

/** Wraps `child` (inherited by grandchildren) so bindings are scrubbed before pino stringifies them. */
function scrubChildBindings(logger: Logger, redactor: Redactor): void {
  const proto = Object.getPrototypeOf(logger) as {
    child: (this: Logger, bindings: object, options?: object) => Logger;
    setBindings: (this: Logger, bindings: object) => void;
  };
  const clean = (bindings: object): object => {
    const copy = redactor.scrubDeep(bindings);
    return typeof copy === 'object' && copy !== null && !Array.isArray(copy) ? copy : {};
  };
  // Own properties of the root; children are created with Object.create(parent), so they inherit these.
  Object.defineProperty(logger, 'child', {
    configurable: true,
    writable: true,
    value: function child(this: Logger, bindings: object, options?: object): Logger {
      return proto.child.call(this, bindings ? clean(bindings) : bindings, options);
    },
  });
  Object.defineProperty(logger, 'setBindings', {
    configurable: true,
    writable: true,
    value: function setBindings(this: Logger, bindings: object): void {
      proto.setBindings.call(this, clean(bindings));
    },
  });
}

export function createLogger(options: LoggerOptions): Logger {
  const pretty = options.pretty ?? false;
  const redactor = createRedactor(options.secrets ?? []);
  const scrubbed = new WeakSet<object>();
  const deep = (value: unknown): unknown =>
    typeof value === 'object' && value !== null && scrubbed.has(value) ? value : redactor.scrubDeep(value);

  const base = {
    level: options.level,
    // Belt and braces: the deep scrub already redacts these keys at any depth.
    redact: { paths: SECRET_LOG_PATHS, censor: REDACTED },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: LogFn) {
        method.apply(this, scrubArguments(redactor, scrubbed, args));
      },
      // The last line of defence: a finished line (JSON, or JSON on its way to pino-pretty) by value.
      streamWrite: (line: string) => redactor.scrubValues(line),
    },
    formatters: {
      log: (object: Record<string, unknown>) => deep(object) as Record<string, unknown>,
    },
    serializers: {
      // The err shape (type, message, stack, code, details, cause chain) was built by the deep scrub.
      err: (err: unknown) => deep(err),
    },
  };
  let logger: Logger;
  const standard = options.destination === undefined || options.destination === process.stdout || options.destination === process.stderr;
  if (pretty && !standard) {
    // In-process and synchronous: a line reaches the stream (the console) at the moment it is logged, in order with its output.
    const prettify = prettyFactory({ colorize: true, ignore: 'pid,hostname' });
    const stream = options.destination as NodeJS.WritableStream;
    logger = pino(base, { write: (line: string) => void stream.write(prettify(line)) });
  } else if (pretty) {
    const destination = options.destination === process.stderr ? 2 : 1;
    logger = pino({
      ...base,
      transport: { target: 'pino-pretty', options: { colorize: true, ignore: 'pid,hostname', destination } },
    });
  } else {
    logger = options.destination ? pino(base, options.destination as never) : pino(base);
  }
  scrubChildBindings(logger, redactor);
  return logger;
}

/** A logger that writes nothing, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
