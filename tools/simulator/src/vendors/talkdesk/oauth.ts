/**
 * Talkdesk OAuth2 client credentials: `POST /oauth/token`, client id and secret in HTTP Basic
 * auth, form body, `scope` optional (absent: every scope granted to the client).
 */
import type { VendorRequest, VendorResponse } from '../../http';
import { basicCredentials, isFormEncoded, oauthError, parseScopes, safeEqual } from '../../oauth';

export const TALKDESK_TOKEN_PATH = '/oauth/token';
/** Scopes granted to the demo client (all of them). */
export const TALKDESK_SCOPES = ['presence-user:read', 'presence-status:write', 'presence-occupancy:write', 'users:read'] as const;
export const TALKDESK_TOKEN_TTL_S = 3600;
export const TALKDESK_TOKEN_PREFIX = 'tdk';

export interface TalkdeskCredentials {
  clientId: string;
  clientSecret: string;
  account: string;
}

export const TALKDESK_DEMO_CREDENTIALS: TalkdeskCredentials = {
  clientId: 'sim-talkdesk-client',
  clientSecret: 'sim-talkdesk-secret-9d3c7a1e5f2b',
  account: 'sim-account',
};

export function tokenEndpoint(req: VendorRequest): VendorResponse {
  const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };
  const basic = basicCredentials(req.headers);
  const creds = req.sim.credentials.talkdesk;
  if (!basic || !safeEqual(basic.id, creds.clientId) || !safeEqual(basic.secret, creds.clientSecret)) {
    return oauthError(401, 'invalid_client', 'Client authentication failed (HTTP Basic auth with client id and secret)', {
      ...noStore,
      'www-authenticate': 'Basic realm="talkdesk"',
    });
  }
  if (!isFormEncoded(req.headers)) {
    return oauthError(400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded', noStore);
  }
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (!grant) return oauthError(400, 'invalid_request', 'grant_type is missing', noStore);
  if (grant !== 'client_credentials') return oauthError(400, 'unsupported_grant_type', `grant_type '${grant}' is not supported`, noStore);
  const requested = parseScopes(form.get('scope'));
  const unknown = requested?.filter((s) => !(TALKDESK_SCOPES as readonly string[]).includes(s)) ?? [];
  if (unknown.length) return oauthError(400, 'invalid_scope', `Scope not granted to this client: ${unknown.join(' ')}`, noStore);
  const scopes = requested ?? [...TALKDESK_SCOPES];
  const token = req.sim.tokens.issue('talkdesk', TALKDESK_TOKEN_PREFIX, basic.id, scopes, TALKDESK_TOKEN_TTL_S, req.now);
  return {
    status: 200,
    body: { access_token: token, token_type: 'Bearer', expires_in: TALKDESK_TOKEN_TTL_S, scope: scopes.join(' ') },
    headers: noStore,
  };
}
