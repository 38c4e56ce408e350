import { ContractError, VendorApiError } from '../errors';
import { normalizeBaseUrl } from '../http/base-url';
import { parseJsonBody } from '../http/json';
import type { Clock, HttpTransport } from '../http/transport';
import { describeZodIssue } from '../http/zod-issue';
import type { VendorId } from '../model';
import { parseVendorError } from '../vendor-errors';
import { OAuthTokenSchema } from './token-schema';

export interface ClientCredentialsOptions {
  vendor: VendorId;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes; omitted when empty. */
  scope?: string;
  /** Where the client id and secret go: the form body (Vonage) or HTTP Basic auth (Talkdesk). */
  clientAuthentication: 'body' | 'basic';
  now?: Clock;
}

export interface OAuthTransport extends HttpTransport {
  /** Forget the cached token; the next request fetches a new one. */
  invalidate(): void;
}

/** Refresh this long before the stated expiry, so a token never expires in flight. */
const expiryMarginMs = 60_000;

/**
 * OAuth2 client credentials for use outside n8n (inside, n8n's credential system does this).
 * One token fetch at a time; a 401 from the API refreshes the token and retries once.
 */
export function withClientCredentials(transport: HttpTransport, options: ClientCredentialsOptions): OAuthTransport {
  const tokenUrl = normalizeBaseUrl(options.tokenUrl, 'tokenUrl', options.vendor);
  const now = options.now ?? (() => Date.now());
  let cached: { token: string; expiresAt: number } | undefined;
  let inflight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (options.scope?.trim()) form.set('scope', options.scope.trim());
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
    if (options.clientAuthentication === 'basic') {
      const pair = `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`;
      headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else {
      form.set('client_id', options.clientId);
      form.set('client_secret', options.clientSecret);
    }
    const res = await transport.request({ method: 'POST', url: tokenUrl, headers, body: form.toString() });
    const parsed = parseJsonBody(res.body);
    if (res.status >= 400) {
      const e = parseVendorError(options.vendor, res.status, parsed.ok ? parsed.value : res.body, res.headers, now());
      throw new VendorApiError({ vendor: options.vendor, httpStatus: res.status, code: e.code, message: e.message, endpoint: 'POST token', retryAfterMs: e.retryAfterMs, hint: res.status === 400 || res.status === 401 ? 'Check the client id, client secret and scopes of the credential.' : undefined });
    }
    const token = OAuthTokenSchema.safeParse(parsed.ok ? parsed.value : undefined);
    if (!token.success) {
      const { field, problem } = parsed.ok ? describeZodIssue(token.error) : { field: '', problem: parsed.reason };
      throw new ContractError({ vendor: options.vendor, field, problem, endpoint: 'POST token' });
    }
    const lifetimeMs = (token.data.expires_in ?? 3600) * 1000;
    cached = { token: token.data.access_token, expiresAt: now() + Math.max(0, lifetimeMs - expiryMarginMs) };
    return cached.token;
  }

  function currentToken(): Promise<string> {
    if (cached && now() < cached.expiresAt) return Promise.resolve(cached.token);
    inflight ??= fetchToken().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    async request(req) {
      const token = await currentToken();
      const res = await transport.request({ ...req, headers: { ...req.headers, Authorization: `Bearer ${token}` } });
      if (res.status !== 401) return res;
      if (cached?.token === token) cached = undefined;
      const fresh = await currentToken();
      return transport.request({ ...req, headers: { ...req.headers, Authorization: `Bearer ${fresh}` } });
    },
    sleep: transport.sleep?.bind(transport),
    invalidate() {
      cached = undefined;
    },
  };
}
