/**
 * JSON serialisation that can emit int64 values exactly.
 *
 * Cirrus manager ids are int64 and some are above 2^53, where a JS number loses
 * digits. They are kept as decimal strings internally and wrapped in {@link Int64}
 * inside response bodies; {@link toJson} writes them as bare integer literals with
 * every digit intact (JSON.stringify cannot). `bigint` values are written the same way.
 */
export class Int64 {
  readonly digits: string;

  constructor(digits: string | bigint | number) {
    const text = typeof digits === 'string' ? digits : BigInt(digits).toString();
    if (!/^-?\d{1,19}$/.test(text)) throw new TypeError(`Int64: not an integer literal: ${text}`);
    this.digits = text;
  }

  toString(): string {
    return this.digits;
  }
}

/** Serialise like JSON.stringify (no indentation), writing Int64/bigint as bare integers. */
export function toJson(value: unknown): string {
  const out = write(value);
  return out === undefined ? 'null' : out;
}

function write(value: unknown): string | undefined {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined; // undefined, function, symbol: skipped like JSON.stringify
  }
  if (value instanceof Int64) return value.digits;
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) s += ',';
      s += write(value[i]) ?? 'null';
    }
    return s + ']';
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return write(withToJson.toJSON());
  let s = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const item = write((value as Record<string, unknown>)[key]);
    if (item === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(key) + ':' + item;
    first = false;
  }
  return s + '}';
}
