// Secret hygiene: every secret the run used (the credentials' key and client
// secrets, their Basic header values, and every access token the simulator issued
// and n8n stored) must appear in no output item, error and logged line.
import type { NodeHarness } from '@agent-presence/n8n-shared/testing';
import type { Simulator } from '@agent-presence/simulator';

export interface Secret {
  label: string;
  value: string;
}

const basic = (id: string, secret: string) => Buffer.from(`${id}:${secret}`).toString('base64');

/** The simulator's credentials, in every form they travel in. */
export function credentialSecrets(sim: Simulator): Secret[] {
  const c = sim.credentials;
  return [
    { label: 'cirrus API key', value: c.cirrus.apiKey },
    { label: 'vonage client secret', value: c.vonage.clientSecret },
    { label: 'vonage Basic credentials', value: basic(c.vonage.clientId, c.vonage.clientSecret) },
    { label: 'talkdesk client secret', value: c.talkdesk.clientSecret },
    { label: 'talkdesk Basic credentials', value: basic(c.talkdesk.clientId, c.talkdesk.clientSecret) },
  ];
}

/** Every access token n8n fetched and stored for these harnesses (the tokens the simulator issued). */
export function issuedTokens(harnesses: readonly NodeHarness[]): Secret[] {
  const tokens = new Set<string>();
  for (const h of harnesses) {
    for (const t of h.credentialsHelper.tokenUpdates) if (typeof t.accessToken === 'string' && t.accessToken !== '') tokens.add(t.accessToken);
    for (const data of h.credentialsHelper.stored.values()) {
      const token = (data.oauthTokenData as { access_token?: unknown } | undefined)?.access_token;
      if (typeof token === 'string' && token !== '') tokens.add(token);
    }
  }
  return [...tokens].map((value, i) => ({ label: `access token #${i + 1}`, value }));
}

/**
 * A deep, cycle-safe text of any value (own properties, errors included), so a
 * secret hidden in an error's cause or response details is found too.
 */
export function textOf(value: unknown, maxDepth = 8): string {
  const seen = new WeakSet<object>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object') return typeof v === 'function' ? undefined : typeof v === 'bigint' ? String(v) : v;
    if (seen.has(v) || depth > maxDepth) return '[…]';
    seen.add(v);
    if (Buffer.isBuffer(v)) return v.toString('utf8');
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    const out: Record<string, unknown> = {};
    const keys = new Set<string>(Object.getOwnPropertyNames(v));
    if (v instanceof Error) for (const k of ['name', 'message', 'stack', 'description', 'cause']) keys.add(k);
    for (const k of keys) {
      try {
        out[k] = walk((v as Record<string, unknown>)[k], depth + 1);
      } catch {
        out[k] = '[unreadable]';
      }
    }
    return out;
  };
  return typeof value === 'string' ? value : (JSON.stringify(walk(value, 0)) ?? String(value));
}

export interface Leak {
  secret: string;
  where: string;
  excerpt: string;
}

/** Authorization header values that escaped redaction, whatever their secret. */
const headerPattern = /\b(?:Bearer|Basic)\s+(?!\[redacted\])[A-Za-z0-9._~+/=-]{8,}/;

export class SecretScanner {
  private readonly texts: Array<{ where: string; text: string }> = [];

  /** Adds anything shown to a user or written to a log. */
  add(where: string, value: unknown): void {
    this.texts.push({ where, text: textOf(value) });
  }

  addLines(where: string, lines: readonly string[]): void {
    for (const line of lines) this.texts.push({ where, text: line });
  }

  get size(): number {
    return this.texts.length;
  }

  /** Every text that contains a secret or an Authorization header value. */
  leaks(secrets: readonly Secret[]): Leak[] {
    const out: Leak[] = [];
    const wanted = secrets.filter((s) => s.value.length >= 6);
    for (const { where, text } of this.texts) {
      for (const s of wanted) {
        const at = text.indexOf(s.value);
        if (at >= 0) out.push({ secret: s.label, where, excerpt: text.slice(Math.max(0, at - 40), at).concat('<SECRET>') });
      }
      const header = headerPattern.exec(text);
      if (header) out.push({ secret: 'an Authorization header value', where, excerpt: text.slice(Math.max(0, header.index - 40), header.index + 12) + '…' });
    }
    return out;
  }
}
