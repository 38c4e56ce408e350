/**
 * Vonage OAuth2 client credentials: `POST /Auth/connect/token`, form body, client id and
 * secret in the body or HTTP Basic auth; `scope` required (Vonage never grants every scope
 * by default).
 */
import type { VendorRequest, VendorResponse } from '../../http';
import { basicCredentials, isFormEncoded, oauthError, parseScopes, safeEqual } from '../../oauth';

export const VONAGE_TOKEN_PATH = '/Auth/connect/token';
/** Scopes granted to the demo client (all of them). */
export const VONAGE_SCOPES = ['users:read', 'users:write', 'admin:read', 'admin:write', 'stats'] as const;
export const VONAGE_TOKEN_TTL_S = 7200;
export const VONAGE_TOKEN_PREFIX = 'vcc';

export interface VonageCredentials {
  clientId: string;
  clientSecret: string;
}

export const VONAGE_DEMO_CREDENTIALS: VonageCredentials = {
  clientId: 'sim-vonage-client',
  clientSecret: 'sim-vonage-secret-4b8e2f6a9c1d',
};

export function tokenEndpoint(req: VendorRequest): VendorResponse {
  const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };
  if (!isFormEncoded(req.headers)) {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded', noStore);
  }
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (!grant) return oauthError(400, 'invalid_request', 'grant_type is missing', noStore);
  if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `grant_type '${grant}' is not supported`, noStore);
  const basic = basicCredentials(req.headers);
  const clientId = form.get('client_id') ?? basic?.id;
  const clientSecret = form.get('client_secret') ?? basic?.secret;
  const creds = req.sim.credentials.vonage;
  if (!clientId || !clientSecret || !safeEqual(clientId, creds.clientId) || !safeEqual(clientSecret, creds.clientSecret)) {
    return oauthError(400, 'invalid_client', 'Unknown client or invalid client secret', noStore);
  }
  // Vonage requires the scope parameter: a token is never granted every scope by default.
  const scopes = parseScopes(form.get('scope'));
  if (!scopes) return oauthError(400, 'invalid_scope', 'scope is required (space-separated, e.g. "users:read users:write")', noStore);
  const unknown = scopes.filter((s) => !(VONAGE_SCOPES as readonly string[]).includes(s));
  if (unknown.length) return oauthError(400, 'invalid_scope', `Scope not allowed for this client: ${unknown.join(' ')}`, noStore);
  const token = req.sim.tokens.issue('vonage', VONAGE_TOKEN_PREFIX, clientId, scopes, VONAGE_TOKEN_TTL_S, req.now);
  return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: VONAGE_TOKEN_TTL_S }, headers: noStore };
}
