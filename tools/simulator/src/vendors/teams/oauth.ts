/**
 * Microsoft identity platform, client credentials (the login.microsoftonline.com shape, served on
 * the simulator's host): `POST /{tenant}/oauth2/v2.0/token`, form body with `client_id`,
 * `client_secret` (or HTTP Basic), `scope=https://graph.microsoft.com/.default` and
 * `grant_type=client_credentials`. The token carries the application permissions (roles) the
 * app was granted at the time (all of them for the demo app; `POST /_sim/teams/roles` changes that).
 */
import { randomUUID } from 'node:crypto';
import type { VendorRequest, VendorResponse } from '../../http';
import { basicCredentials, isFormEncoded, safeEqual } from '../../oauth';
import { teamsStateOf } from './state';

export const TEAMS_TOKEN_PATH = '/{tenant}/oauth2/v2.0/token';
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';
/** Application permissions of Microsoft Graph the simulator knows (the demo app is granted all). */
export const TEAMS_ROLES = ['Presence.Read.All', 'Presence.ReadWrite.All', 'User.Read.All'] as const;
export const TEAMS_TOKEN_TTL_S = 3599;
export const TEAMS_TOKEN_PREFIX = 'graph';

export interface TeamsCredentials {
  /** Directory (tenant) id: the token URL's path segment. */
  tenantId: string;
  /** Application (client) id: also the `sessionId` of the app's presence sessions. */
  clientId: string;
  clientSecret: string;
}

export const TEAMS_DEMO_CREDENTIALS: TeamsCredentials = {
  tenantId: '6f1c2b9a-4d3e-4f5a-8b7c-9d0e1f2a3b4c',
  clientId: '3c9a7e51-2b4d-4f86-a1c3-5e7f9b2d4a60',
  clientSecret: 'sim-teams-secret-8e2c4a6f1b3d',
};

/** The identity platform's error body: `{error, error_description, error_codes, timestamp, trace_id, correlation_id}`. */
export function identityError(status: number, error: string, code: number, description: string, now: number): VendorResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date(now).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
    },
    headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
  };
}

export function tokenEndpoint(req: VendorRequest): VendorResponse {
  const creds = req.sim.credentials.teams;
  const tenant = (req.params.tenant ?? '').toLowerCase();
  if (tenant !== creds.tenantId) {
    return identityError(400, 'invalid_request', 90002, `Tenant '${req.params.tenant}' not found. Check to make sure you have the correct tenant ID.`, req.now);
  }
  if (!isFormEncoded(req.headers)) {
    return identityError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.", req.now);
  }
  const form = new URLSearchParams(req.body.toString('utf8'));
  const grant = form.get('grant_type');
  if (!grant) return identityError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.", req.now);
  if (grant !== 'client_credentials') {
    return identityError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`, req.now);
  }
  const basic = basicCredentials(req.headers);
  const clientId = form.get('client_id') ?? basic?.id;
  const clientSecret = form.get('client_secret') ?? basic?.secret;
  if (!clientId) return identityError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.", req.now);
  if (clientId.toLowerCase() !== creds.clientId) {
    return identityError(400, 'unauthorized_client', 700016, `Application with identifier '${clientId}' was not found in the directory '${creds.tenantId}'.`, req.now);
  }
  if (!clientSecret || !safeEqual(clientSecret, creds.clientSecret)) {
    return identityError(401, 'invalid_client', 7000215, 'Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.', req.now);
  }
  const scope = form.get('scope');
  if (!scope) return identityError(400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.", req.now);
  // client credentials take only `<resource>/.default`
  if (scope.trim() !== GRAPH_DEFAULT_SCOPE) {
    return identityError(400, 'invalid_scope', 1002012, `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`, req.now);
  }
  const roles = teamsStateOf(req.sim).roles;
  const token = req.sim.tokens.issue('teams', TEAMS_TOKEN_PREFIX, creds.clientId, roles, TEAMS_TOKEN_TTL_S, req.now);
  return {
    status: 200,
    body: { token_type: 'Bearer', expires_in: TEAMS_TOKEN_TTL_S, access_token: token },
    headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
  };
}
