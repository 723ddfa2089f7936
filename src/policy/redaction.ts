/**
 * Secret scrubbing for anything that leaves the process as text (logs, error
 * messages shown to reviewers). Two nets, because either alone has holes:
 *
 * - by pattern: tokens with recognisable prefixes (sk-, xoxb-, xapp-, Discord
 *   bot tokens, Bearer credentials), whoever's they are;
 * - by value: every secret the process was configured with, whatever it looks
 *   like (a key that matches no pattern, or one echoed back by an API), also in
 *   its JSON-escaped and URL-encoded forms.
 *
 * `createRedactor(secrets)` does both; `scrubDeep` applies it to every string
 * at every depth of a value (errors and their causes, headers, bodies, Maps…)
 * and returns a plain, JSON-serialisable copy.
 */
const SECRET_PATTERNS: RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g, // OpenAI keys (sk-..., sk-proj-...)
  /\bxox[abposre]-[A-Za-z0-9-]{8,}/g, // Slack bot/user/refresh tokens
  /\bxapp-[A-Za-z0-9-]{8,}/g, // Slack app-level tokens
  /\b[MNO][A-Za-z\d_-]{22,26}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, // Discord bot tokens (base64 user id first)
  /\bBearer\s+[A-Za-z0-9._~+/-]{8,}=*/gi, // HTTP credentials; scrubbing a rare English phrase is the cheaper mistake
];

export const REDACTED = '[REDACTED]';
export const CIRCULAR = '[Circular]';
export const TRUNCATED = '[Truncated]';
export const UNREADABLE = '[Unreadable]';

/** Secret values shorter than this are not scrubbed by value: they would eat ordinary words. */
export const MIN_SECRET_LENGTH = 8;

/** Pattern-only scrub (no configured values). Kept for callers without a redactor. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, REDACTED);
  return out;
}

/** Object paths pino removes outright, whatever their value. */
export const SECRET_LOG_PATHS = [
  'apiKey',
  '*.apiKey',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'signingSecret',
  '*.signingSecret',
  'OPENAI_API_KEY',
  '*.OPENAI_API_KEY',
];

/**
 * Keys whose value is a secret whatever it holds. Matched on the key lower-cased
 * with everything but letters and digits removed, so `apiKey`, `api_key`,
 * `x-api-key`, `OPENAI_API_KEY`, `botToken`, `SLACK_BOT_TOKEN`, `Set-Cookie` and
 * `x-slack-signature` all match. A suffix match (`…token`, not `…tokens`) keeps
 * usage counts such as `input_tokens` readable.
 */
const SECRET_KEY_SUFFIXES = [
  'authorization',
  'apikey',
  'token',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'cookie',
  'signature',
  'privatekey',
  'credential',
  'credentials',
];
const SECRET_KEY_EXACT = new Set(['auth', 'bearer', 'pwd', 'sessionid', 'xapikey']);

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (normalized === '') return false;
  return SECRET_KEY_EXACT.has(normalized) || SECRET_KEY_SUFFIXES.some((suffix) => normalized.endsWith(suffix));
}

export interface ScrubLimits {
  /** Containers nested deeper than this become `[Truncated]`. Default 12. */
  maxDepth: number;
  /** Entries kept per object, array, Map or Set; the rest are marked `[Truncated]`. Default 100. */
  maxEntries: number;
  /** Values visited per `scrubDeep` call; past it everything is `[Truncated]`. Default 5,000. */
  maxNodes: number;
  /** Characters kept per string (after scrubbing). Default 20,000. */
  maxStringLength: number;
}

export const DEFAULT_SCRUB_LIMITS: ScrubLimits = { maxDepth: 12, maxEntries: 100, maxNodes: 5_000, maxStringLength: 20_000 };

export interface Redactor {
  /** Pattern-based scrub plus every configured secret value (raw, JSON-escaped, URL-encoded). */
  scrub(text: string): string;
  /** By-value scrub only: for already-serialised text (a JSON log line) where patterns add nothing. */
  scrubValues(text: string): string;
  /**
   * A plain, JSON-serialisable copy of `value` with every string scrubbed and
   * secret-named keys redacted. Never throws; cycles become `[Circular]`,
   * what is too deep or too big `[Truncated]`, throwing getters `[Unreadable]`.
   */
  scrubDeep(value: unknown): unknown;
  /** The configured secret values that are scrubbed by value (8+ characters). */
  readonly secretCount: number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regex source matching `text` literally, with its %XX escapes in either case (%2f and %2F). */
function urlEncodedSource(encoded: string): string {
  return encoded
    .split(/(%[0-9A-F]{2})/)
    .map((part) => (/^%[0-9A-F]{2}$/.test(part) ? `%[${part[1]}${part[1]?.toLowerCase()}][${part[2]}${part[2]?.toLowerCase()}]` : escapeRegExp(part)))
    .join('');
}

function jsonEscaped(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

/** One regex for every form of every secret, longest first so a secret inside another goes with it. */
function valuePattern(secrets: readonly string[]): RegExp | null {
  const sources = new Map<string, number>();
  const add = (source: string, length: number) => {
    if (!sources.has(source)) sources.set(source, length);
  };
  for (const secret of new Set(secrets)) {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET_LENGTH) continue;
    const once = jsonEscaped(secret);
    const twice = jsonEscaped(once);
    for (const form of [secret, once, twice]) add(escapeRegExp(form), form.length);
    for (const encoded of [encodeURIComponent(secret), encodeURI(secret), encodeURIComponent(secret).replace(/%20/g, '+')]) {
      add(urlEncodedSource(encoded), encoded.length);
    }
  }
  if (sources.size === 0) return null;
  const ordered = [...sources.entries()].sort((a, b) => b[1] - a[1]).map(([source]) => source);
  return new RegExp(ordered.join('|'), 'g');
}

function isBinary(value: object): boolean {
  return (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    (typeof SharedArrayBuffer !== 'undefined' && value instanceof SharedArrayBuffer)
  );
}

function byteLength(value: object): number | string {
  try {
    const length = (value as { byteLength?: unknown }).byteLength;
    return typeof length === 'number' ? length : '?';
  } catch {
    return '?';
  }
}

function constructorName(value: object): string | null {
  try {
    const ctor = (value as { constructor?: unknown }).constructor;
    return typeof ctor === 'function' && typeof ctor.name === 'string' && ctor.name !== '' ? ctor.name : null;
  } catch {
    return null;
  }
}

function isError(value: object): value is Error {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  } catch {
    return false;
  }
}

function isPlainRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
}

/** Defines `key` as an own data property, so `__proto__` from a parsed body stays a plain key. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Error fields written first, in this order, when present. */
const ERROR_FIRST_KEYS = ['message', 'stack', 'code'] as const;

export function createRedactor(secretValues: readonly string[] = [], limits: Partial<ScrubLimits> = {}): Redactor {
  const pattern = valuePattern(secretValues);
  const max: ScrubLimits = { ...DEFAULT_SCRUB_LIMITS, ...limits };

  const scrubValues = (text: string): string => (pattern ? text.replace(pattern, REDACTED) : text);
  // Values first: a configured key that also matches a pattern is replaced whole either way.
  const scrub = (text: string): string => scrubSecrets(scrubValues(text));

  function scrubDeep(root: unknown): unknown {
    let nodes = 0;
    const ancestors = new Set<object>();

    const scrubString = (text: string): string => {
      const clean = scrub(text);
      return clean.length > max.maxStringLength ? `${clean.slice(0, max.maxStringLength)}…${TRUNCATED}` : clean;
    };

    /** Reads one property; a throwing getter (or Proxy trap) becomes `[Unreadable]`. */
    const read = (target: object, key: PropertyKey): { ok: true; value: unknown } | { ok: false } => {
      try {
        return { ok: true, value: (target as Record<PropertyKey, unknown>)[key] };
      } catch {
        return { ok: false };
      }
    };

    const visitEntry = (key: string, value: unknown, depth: number): unknown => {
      if (isSecretKey(key) && value !== undefined) return REDACTED;
      return visit(value, depth);
    };

    const walkKeys = (target: object, keys: readonly string[], out: Record<string, unknown>, depth: number): void => {
      let kept = 0;
      for (const key of keys) {
        if (Object.hasOwn(out, key)) continue;
        if (kept >= max.maxEntries || nodes >= max.maxNodes) {
          setKey(out, TRUNCATED, TRUNCATED);
          return;
        }
        kept += 1;
        const got = read(target, key);
        setKey(out, scrubString(key), got.ok ? visitEntry(key, got.value, depth + 1) : UNREADABLE);
      }
    };

    const visitError = (error: Error, depth: number): Record<string, unknown> => {
      const out: Record<string, unknown> = {};
      const nameRead = read(error, 'name');
      const name = nameRead.ok && typeof nameRead.value === 'string' ? nameRead.value : null;
      const ctor = constructorName(error);
      const type = ctor && ctor !== 'Object' ? ctor : (name ?? 'Error');
      out.type = scrubString(type);
      let own: string[];
      try {
        own = Object.getOwnPropertyNames(error);
      } catch {
        own = [];
      }
      const first: readonly string[] = ERROR_FIRST_KEYS;
      const keys = [
        'message',
        'stack',
        ...(own.includes('code') ? ['code'] : []),
        // `name` only when it says more than `type`.
        ...own.filter((key) => !first.includes(key) && key !== 'cause' && key !== 'errors' && (key !== 'name' || name !== type)),
        // `cause` last but one (it may be inherited or a getter), then AggregateError's `errors`.
        'cause',
        ...(own.includes('errors') ? ['errors'] : []),
      ];
      walkKeys(error, keys, out, depth);
      for (const key of ['stack', 'cause']) if (out[key] === undefined) delete out[key];
      return out;
    };

    const visitEntries = (entries: Iterable<unknown>, depth: number): unknown => {
      const pairs: [unknown, unknown][] = [];
      let truncated = false;
      for (const entry of entries) {
        if (pairs.length >= max.maxEntries || nodes >= max.maxNodes) {
          truncated = true;
          break;
        }
        if (Array.isArray(entry) && entry.length >= 2) pairs.push([entry[0], entry[1]]);
        else pairs.push([pairs.length, entry]);
      }
      const primitiveKeys = pairs.every(([key]) => typeof key === 'string' || typeof key === 'number');
      if (primitiveKeys) {
        const out: Record<string, unknown> = {};
        for (const [key, value] of pairs) {
          const name = String(key);
          const cleaned = visitEntry(name, value, depth + 1);
          const cleanKey = scrubString(name);
          // Headers and URLSearchParams may repeat a name: keep every value.
          if (Object.hasOwn(out, cleanKey)) {
            const previous = out[cleanKey];
            setKey(out, cleanKey, Array.isArray(previous) ? [...(previous as unknown[]), cleaned] : [previous, cleaned]);
          } else setKey(out, cleanKey, cleaned);
        }
        if (truncated) setKey(out, TRUNCATED, TRUNCATED);
        return out;
      }
      const out: unknown[] = pairs.map(([key, value]) => [
        visit(key, depth + 1),
        typeof key === 'string' ? visitEntry(key, value, depth + 1) : visit(value, depth + 1),
      ]);
      if (truncated) out.push(TRUNCATED);
      return out;
    };

    const visitArray = (array: readonly unknown[], depth: number): unknown[] => {
      const out: unknown[] = [];
      const length = array.length;
      for (let index = 0; index < length; index += 1) {
        if (index >= max.maxEntries || nodes >= max.maxNodes) {
          out.push(TRUNCATED);
          break;
        }
        const got = read(array, index);
        out.push(got.ok ? visit(got.value, depth + 1) : UNREADABLE);
      }
      return out;
    };

    const visitObject = (value: object, depth: number): unknown => {
      if (isError(value)) return visitError(value, depth);
      if (Array.isArray(value)) return visitArray(value, depth);
      if (isBinary(value)) return `[${constructorName(value) ?? 'binary'}: ${byteLength(value)} bytes]`;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
      if (value instanceof RegExp) return scrubString(String(value));
      if (value instanceof URL) return scrubString(value.href);
      if (value instanceof Set) return visitArray([...value.values()].slice(0, max.maxEntries + 1), depth);
      if (value instanceof WeakMap || value instanceof WeakSet || value instanceof Promise) return `[${constructorName(value) ?? 'object'}]`;
      const entries = read(value, 'entries');
      if (!isPlainRecord(value) && entries.ok && typeof entries.value === 'function') {
        // Map, Headers, URLSearchParams, FormData, discord.js Collections…
        try {
          const iterable = (entries.value as () => unknown).call(value) as Iterable<unknown> | null;
          if (iterable && typeof (iterable as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') {
            return visitEntries(iterable, depth);
          }
        } catch {
          // Not really iterable after all: walk its properties instead.
        }
      }
      const toJSON = isPlainRecord(value) ? null : read(value, 'toJSON');
      if (toJSON?.ok && typeof toJSON.value === 'function') {
        // What JSON.stringify would have written (a luxon DateTime, a discord.js structure…).
        const json = (toJSON.value as () => unknown).call(value);
        if (json !== value) return visit(json, depth);
      }
      const out: Record<string, unknown> = {};
      let keys: string[];
      try {
        keys = Object.keys(value);
      } catch {
        return UNREADABLE;
      }
      walkKeys(value, keys, out, depth);
      return out;
    };

    function visit(value: unknown, depth: number): unknown {
      nodes += 1;
      switch (typeof value) {
        case 'string':
          return scrubString(value);
        case 'number':
        case 'boolean':
        case 'undefined':
          return value;
        case 'bigint':
          return value.toString();
        case 'symbol':
          return scrubString(value.toString());
        case 'function':
          return `[Function${value.name ? `: ${scrubString(value.name)}` : ''}]`;
        default:
          break;
      }
      if (value === null) return null;
      const object = value as object;
      if (ancestors.has(object)) return CIRCULAR;
      if (depth > max.maxDepth || nodes > max.maxNodes) return TRUNCATED;
      ancestors.add(object);
      try {
        return visitObject(object, depth);
      } catch {
        return UNREADABLE;
      } finally {
        ancestors.delete(object);
      }
    }

    try {
      return visit(root, 0);
    } catch {
      return UNREADABLE;
    }
  }

  const secretCount = new Set(secretValues.filter((secret) => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH)).size;
  return { scrub, scrubValues, scrubDeep, secretCount };
}
