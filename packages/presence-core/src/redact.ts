// Vendors sometimes echo request details back in error bodies; nothing that
// looks like a credential may survive into a message, a log or an n8n item.
const patterns: Array<[RegExp, string]> = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/("?(?:access_token|refresh_token|client_secret|api_key|apikey|password|secret|authorization)"?\s*[:=]\s*"?)[^"&\s,}]+/gi, '$1[redacted]'],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
  return out;
}

/** Deep copy of a JSON-like value with every string redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = /^(authorization|access_token|refresh_token|client_secret|password|secret|api_?key)$/i.test(k)
      ? '[redacted]'
      : redactValue(v, depth + 1);
  }
  return out;
}
