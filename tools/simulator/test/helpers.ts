import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { Simulator } from '../src';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = any>(): T;
}

export interface CallOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** JSON body (sets content-type). */
  json?: unknown;
  /** Form body (sets content-type). */
  form?: Record<string, string>;
}

/** One HTTP request on a fresh connection; resolves with the raw body text. */
export function call(url: string, options: CallOptions = {}): Promise<RawResponse> {
  const headers: Record<string, string> = { ...options.headers };
  let body = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['content-type'] ??= 'application/json';
  }
  if (options.form !== undefined) {
    body = new URLSearchParams(options.form).toString();
    headers['content-type'] ??= 'application/x-www-form-urlencoded';
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          json: () => JSON.parse(text),
        });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const VONAGE_V1 = 'application/vnd.newvoicemedia.v1+json';
export const VONAGE_V4 = 'application/vnd.newvoicemedia.v4+json';

export function cirrusHeaders(sim: Simulator): Record<string, string> {
  return { authorization: `Bearer ${sim.credentials.cirrus.apiKey}` };
}

/** A Vonage token; Vonage requires the scope parameter, so the default asks for every scope the demo client has. */
export async function vonageToken(sim: Simulator, scope: string | null = 'users:read users:write admin:read admin:write'): Promise<string> {
  const form: Record<string, string> = {
    grant_type: 'client_credentials',
    client_id: sim.credentials.vonage.clientId,
    client_secret: sim.credentials.vonage.clientSecret,
  };
  if (scope !== null) form.scope = scope;
  const res = await call(sim.vendors.vonage.tokenUrl, { method: 'POST', form });
  if (res.status !== 200) throw new Error(`vonage token: ${res.status} ${res.text}`);
  return res.json().access_token;
}

export function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
}

export async function talkdeskToken(sim: Simulator, scope?: string): Promise<string> {
  const form: Record<string, string> = { grant_type: 'client_credentials' };
  if (scope !== undefined) form.scope = scope;
  const res = await call(sim.vendors.talkdesk.tokenUrl, {
    method: 'POST',
    form,
    headers: { authorization: basic(sim.credentials.talkdesk.clientId, sim.credentials.talkdesk.clientSecret) },
  });
  if (res.status !== 200) throw new Error(`talkdesk token: ${res.status} ${res.text}`);
  return res.json().access_token;
}

export function vonageHeaders(token: string, accept = VONAGE_V1): Record<string, string> {
  return { authorization: `Bearer ${token}`, accept };
}

export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** Compare structure: same keys, same JSON value types, nested; arrays against their first expected element. */
export function shapeDiff(actual: unknown, expected: unknown, path = '$'): string[] {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  const ka = kind(actual);
  const ke = kind(expected);
  if (ka !== ke) return [`${path}: expected ${ke}, got ${ka}`];
  if (ke === 'array') {
    const exp = expected as unknown[];
    const act = actual as unknown[];
    if (exp.length === 0) return [];
    // an empty array has no element types to compare (tests assert non-emptiness where it matters)
    return act.flatMap((item, i) => shapeDiff(item, exp[0], `${path}[${i}]`));
  }
  if (ke === 'object') {
    const a = actual as Record<string, unknown>;
    const e = expected as Record<string, unknown>;
    const diffs: string[] = [];
    for (const key of Object.keys(e)) {
      if (!(key in a)) diffs.push(`${path}.${key}: missing`);
      else diffs.push(...shapeDiff(a[key], e[key], `${path}.${key}`));
    }
    for (const key of Object.keys(a)) if (!(key in e)) diffs.push(`${path}.${key}: unexpected field`);
    return diffs;
  }
  return [];
}

/** A Graph token for the demo Teams app (client credentials, `.default` scope, secret in the body). */
export async function teamsToken(sim: Simulator): Promise<string> {
  const c = sim.credentials.teams;
  const res = await call(sim.vendors.teams.tokenUrl, {
    method: 'POST',
    form: { client_id: c.clientId, client_secret: c.clientSecret, scope: 'https://graph.microsoft.com/.default', grant_type: 'client_credentials' },
  });
  if (res.status !== 200) throw new Error(`teams token: ${res.status} ${res.text}`);
  return res.json().access_token;
}
