/**
 * Builds a value that conforms to a JSON schema (the subset structured outputs accept):
 * enum → first value, const → the constant, string → a short string (format-aware),
 * number/integer → inside minimum/maximum, boolean → false, array → minItems items,
 * object → every property, anyOf / type arrays → the first non-null branch, $ref → $defs/definitions.
 */

type Schema = Record<string, unknown>;

const MAX_DEPTH = 12;
const DEFAULT_NUMBER = 0.9;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(root: Schema, ref: string): Schema {
  if (!ref.startsWith('#')) throw new Error(`fake OpenAI: only local $ref is supported, got ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isSchema(node) ? node[key] : undefined;
  }
  if (!isSchema(node)) throw new Error(`fake OpenAI: unresolvable $ref ${ref}`);
  return node;
}

function isNullSchema(schema: unknown): boolean {
  return isSchema(schema) && (schema.type === 'null' || (Array.isArray(schema.type) && schema.type.every((t) => t === 'null')));
}

function sampleString(schema: Schema): string {
  const format = typeof schema.format === 'string' ? schema.format : '';
  const byFormat: Record<string, string> = {
    'date-time': '2024-01-01T00:00:00Z',
    date: '2024-01-01',
    time: '00:00:00Z',
    email: 'user@example.com',
    uuid: '00000000-0000-4000-8000-000000000000',
    uri: 'https://example.com/',
    hostname: 'example.com',
    ipv4: '127.0.0.1',
    ipv6: '::1',
    duration: 'P1D',
  };
  let text = byFormat[format] ?? 'example';
  const minLength = typeof schema.minLength === 'number' ? schema.minLength : 0;
  const maxLength = typeof schema.maxLength === 'number' ? schema.maxLength : Infinity;
  if (text.length < minLength) text = text.padEnd(minLength, 'x');
  if (text.length > maxLength) text = text.slice(0, maxLength);
  return text;
}

function sampleNumber(schema: Schema, integer: boolean): number {
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const step = integer ? 1 : 0.001;
  let low = num(schema.minimum) ?? -Infinity;
  let high = num(schema.maximum) ?? Infinity;
  const exclusiveLow = num(schema.exclusiveMinimum);
  const exclusiveHigh = num(schema.exclusiveMaximum);
  if (exclusiveLow !== undefined) low = Math.max(low, exclusiveLow + step);
  if (exclusiveHigh !== undefined) high = Math.min(high, exclusiveHigh - step);
  if (integer) {
    low = Math.ceil(low);
    high = Math.floor(high);
  }
  const preferred = integer ? 0 : DEFAULT_NUMBER;
  return Math.min(Math.max(preferred, low), high);
}

function firstType(schema: Schema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (Array.isArray(schema.type)) {
    const nonNull = schema.type.find((t) => t !== 'null');
    return typeof nonNull === 'string' ? nonNull : 'null';
  }
  if (isSchema(schema.properties)) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

function sample(schema: unknown, root: Schema, depth: number): unknown {
  if (!isSchema(schema)) return null;
  if (depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === 'string') return sample(resolveRef(root, schema.$ref), root, depth + 1);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const nonNull = schema.enum.find((v) => v !== null);
    return nonNull === undefined ? null : nonNull;
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (Array.isArray(branches) && branches.length > 0) {
      const branch = branches.find((b) => !isNullSchema(b)) ?? branches[0];
      return sample(branch, root, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const merged: Schema = {};
    for (const part of schema.allOf) {
      const resolved = isSchema(part) && typeof part.$ref === 'string' ? resolveRef(root, part.$ref) : part;
      if (!isSchema(resolved)) continue;
      Object.assign(merged, resolved, {
        properties: { ...(isSchema(merged.properties) ? merged.properties : {}), ...(isSchema(resolved.properties) ? resolved.properties : {}) },
      });
    }
    return sample(merged, root, depth + 1);
  }

  switch (firstType(schema)) {
    case 'string':
      return sampleString(schema);
    case 'number':
      return sampleNumber(schema, false);
    case 'integer':
      return sampleNumber(schema, true);
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array': {
      const count = typeof schema.minItems === 'number' ? schema.minItems : 0;
      const tuple = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
      const items: unknown[] = [];
      for (let i = 0; i < Math.max(count, tuple.length); i++) {
        items.push(sample(tuple[i] ?? schema.items, root, depth + 1));
      }
      return items;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      const properties = isSchema(schema.properties) ? schema.properties : {};
      for (const [name, propertySchema] of Object.entries(properties)) {
        out[name] = sample(propertySchema, root, depth + 1);
      }
      return out;
    }
    default:
      return {};
  }
}

export function sampleFromSchema(schema: object): unknown {
  const root = schema as Schema;
  return sample(root, root, 0);
}
