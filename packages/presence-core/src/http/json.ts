// Cirrus manager ids are int64. A bare JSON.parse rounds integers above 2^53,
// so the reviver swaps every unsafe integer literal for its exact decimal text.
// Node 24 passes the literal's source to revivers (TC39 "JSON.parse source text access").
type SourceContext = { source?: string };

function keepUnsafeIntegersExact(_key: string, value: unknown, context?: SourceContext): unknown {
  if (typeof value === 'number' && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
    return context.source;
  }
  return value;
}

const mayHoldUnsafeInteger = /\d{16}/;

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; reason: string };

/** Parses a response body; `undefined`/empty text gives `null`. */
export function parseJsonBody(body: unknown): JsonParseResult {
  if (body === undefined || body === null) return { ok: true, value: null };
  if (typeof body !== 'string') return { ok: true, value: body };
  if (body.trim() === '') return { ok: true, value: null };
  try {
    // A reviver makes JSON.parse several times slower, and only an integer literal of 16 or more
    // digits can be unsafe (2^53 has 16): without such a run of digits, a plain parse is identical.
    const value = mayHoldUnsafeInteger.test(body) ? JSON.parse(body, keepUnsafeIntegersExact as (k: string, v: unknown) => unknown) : JSON.parse(body);
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
