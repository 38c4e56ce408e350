// Cirrus manager ids are int64. A bare JSON.parse rounds integers above 2^53, so every unsafe
// integer literal becomes its exact decimal text. Node 22 and later pass the literal's source to
// revivers (TC39 "JSON.parse source text access"); Node 20, which n8n 1.x runs on, does not, and
// there the literals are quoted in the text before parsing instead.
type SourceContext = { source?: string };

function keepUnsafeIntegersExact(_key: string, value: unknown, context?: SourceContext): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
    return context.source;
  }
  return value;
}

/** Whether this runtime gives revivers the source text (checked once, not assumed from a version). */
const reviverGetsSource = (() => {
  try {
    return JSON.parse('1', ((_k: string, _v: unknown, context?: SourceContext) => context?.source) as (k: string, v: unknown) => unknown) === '1';
  } catch {
    return false;
  }
})();

const numberOrString = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * The same JSON text with every integer literal outside a string that is not a safe integer
 * written as a string ("9007199254740993"), the value the reviver gives where it can. Strings
 * are matched whole first, so digits inside them are never touched; text that is not valid
 * JSON stays invalid, and JSON.parse reports it as before.
 */
export function quoteUnsafeIntegers(text: string): string {
  return text.replace(numberOrString, (token) =>
    token.startsWith('"') || !/^-?\d+$/.test(token) || Number.isSafeInteger(Number(token)) ? token : `"${token}"`,
  );
}

const mayHoldUnsafeInteger = /\d{16}/;

function parseKeepingIntegersExact(body: string): unknown {
  return reviverGetsSource ? JSON.parse(body, keepUnsafeIntegersExact as (k: string, v: unknown) => unknown) : JSON.parse(quoteUnsafeIntegers(body));
}

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a response body; `undefined`/empty text gives `null`. */
export function parseJsonBody(body: unknown): JsonParseResult {
  if (body === undefined || body === null) return { ok: true, value: null };
  if (typeof body !== 'string') return { ok: true, value: body };
  if (body.trim() === '') return { ok: true, value: null };
  try {
    // Keeping integers exact makes JSON.parse several times slower, and only an integer literal of 16 or more
    // digits can be unsafe (2^53 has 16): without such a run of digits, a plain parse is identical.
    const value = mayHoldUnsafeInteger.test(body) ? parseKeepingIntegersExact(body) : JSON.parse(body);
    return { ok: true, value };
  } catch (error) {
    const looksHtml = /^\s*</.test(body);
    return {
      ok: false,
      reason: looksHtml
        ? 'is an HTML page, not JSON'
        : `is not valid JSON (${error instanceof Error ? error.message : 'parse error'}; truncated?)`,
    };
  }
}

/** A short, tag-free excerpt of a non-JSON body for error messages. */
export function excerpt(body: unknown, max = 160): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body) ?? '';
  const plain = text.replace(/<style[\s\S]*?<\/style>|<script[\s\S]*?<\/script>/gi, ' ').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain.length > max ? `${plain.slice(0, max)}…` : plain;
}
