/**
 * Microsoft Graph presence under `/teams`: the identity platform's token endpoint
 * (`/teams/{tenant}/oauth2/v2.0/token`) and Graph v1.0 (`/teams/v1.0/...`): users, presence
 * (one, many, set and clear the app's session, set and clear the user's preferred presence)
 * and change-notification subscriptions.
 *
 * Auth: `Authorization: Bearer <token>`; each route needs one of its application permissions
 * (roles), as the references list them. Errors: `{error: {code, message, innerError}}`.
 */
import { randomUUID } from 'node:crypto';
import type { RouteDef, VendorApi, VendorRequest, VendorResponse } from '../../http';
import { isJsonContentType, parseJsonBody } from '../../http';
import { isAgent, type SimAgent } from '../../types';
import { PREFERRED_PRESENCE_PAIRS, SET_PRESENCE_PAIRS, isPair, listPairs } from './catalog';
import { TEAMS_TOKEN_PATH, identityError, tokenEndpoint } from './oauth';
import { DEFAULT_USER_PROPERTIES, USER_PROPERTIES, teamsPresence, teamsUser, unknownPresence } from './records';
import { teamsStateOf } from './state';
import {
  MAX_SUBSCRIPTION_MS,
  MAX_SUBSCRIPTION_USERS,
  subscriptionView,
  type TeamsSubscription,
} from './subscriptions';
import { teamsSubscriptionsOf } from './control';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** getPresencesByUserId takes at most 650 ids (its reference). */
export const MAX_PRESENCE_IDS = 650;
/** `$top` of List users: 1 to 999, 100 by default. */
export const USERS_MAX_TOP = 999;
export const USERS_DEFAULT_TOP = 100;
const MIN = 60_000;
/** setPresence's expirationDuration: PT5M to PT4H, PT5M by default (its reference). */
export const SESSION_MIN_MS = 5 * MIN;
export const SESSION_MAX_MS = 240 * MIN;
const DAY = 24 * 60 * MIN;

const READ_PRESENCE = ['Presence.Read.All', 'Presence.ReadWrite.All'];
const WRITE_PRESENCE = ['Presence.ReadWrite.All'];
const READ_USERS = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];

/** Graph's error body (the error responses reference): `{error: {code, message, innerError: {request-id, date}}}`. */
export function graphError(status: number, code: string, message: string, now: number, headers?: Record<string, string>): VendorResponse {
  return {
    status,
    body: { error: { code, message, innerError: { 'request-id': randomUUID(), date: new Date(now).toISOString().replace(/\.\d+Z$/, '') } } },
    ...(headers ? { headers } : {}),
  };
}

const badRequest = (req: VendorRequest, message: string) => graphError(400, 'BadRequest', message, req.now);

/** The token, and one of the roles. */
function checkToken(req: VendorRequest, roles: string[], deniedCode = 'Forbidden'): VendorResponse | undefined {
  const check = req.sim.tokens.check('teams', req.headers, req.now);
  if (!check.ok) {
    const message =
      check.reason === 'missing'
        ? 'Access token is empty.'
        : check.reason === 'expired'
          ? 'Lifetime validation failed, the token is expired.'
          : 'Access token validation failure. Invalid audience.';
    return graphError(401, 'InvalidAuthenticationToken', message, req.now, { 'www-authenticate': 'Bearer realm="", error="invalid_token"' });
  }
  if (!roles.some((r) => check.info.scopes.has(r))) {
    return graphError(403, deniedCode, `Insufficient privileges to complete the operation. Requires one of these application permissions: ${roles.join(', ')}.`, req.now);
  }
  return undefined;
}

function guard(roles: string[], handler: (req: VendorRequest) => VendorResponse | Promise<VendorResponse>, deniedCode?: string) {
  return (req: VendorRequest): VendorResponse | Promise<VendorResponse> => checkToken(req, roles, deniedCode) ?? handler(req);
}

/** A JSON object body, or the error to answer. */
function jsonBody(req: VendorRequest): { body: Record<string, unknown>; error?: undefined } | { body?: undefined; error: VendorResponse } {
  if (!isJsonContentType(req.headers)) return { error: graphError(415, 'UnsupportedMediaType', 'Content-Type must be application/json.', req.now) };
  let body: unknown;
  try {
    body = parseJsonBody(req.body);
  } catch {
    return { error: badRequest(req, 'The request body is not valid JSON.') };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: badRequest(req, 'The request body must be a JSON object.') };
  return { body: body as Record<string, unknown> };
}

function lookupUser(req: VendorRequest): { agent: SimAgent; error?: undefined } | { agent?: undefined; error: VendorResponse } {
  const id = req.params.userId ?? '';
  if (!GUID.test(id)) return { error: badRequest(req, `Invalid user id '${id}': a user is named by its object id (a GUID).`) };
  const user = req.sim.world.user('teams', id.toLowerCase());
  if (!user) return { error: graphError(404, 'NotFound', `User '${id}' was not found.`, req.now) };
  if (!isAgent(user)) return { error: graphError(404, 'NotFound', `User '${id}' has no Teams presence session to change.`, req.now) };
  return { agent: user };
}

/** ISO 8601 duration (PnDTnHnMnS, no years or months) in ms, or undefined. */
export function parseDuration(text: string): number | undefined {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, d, h, min, s] = m;
  return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(min ?? 0)) * MIN + Number(s ?? 0) * 1000;
}

function getPresence(req: VendorRequest): VendorResponse {
  const id = req.params.userId ?? '';
  if (!GUID.test(id)) return badRequest(req, `Invalid user id '${id}': a user is named by its object id (a GUID).`);
  const user = req.sim.world.user('teams', id.toLowerCase());
  if (!user) return graphError(404, 'NotFound', `User '${id}' was not found.`, req.now);
  return { status: 200, body: isAgent(user) ? teamsPresence(req.sim.world, user) : unknownPresence(user) };
}

function getPresencesByUserId(req: VendorRequest): VendorResponse {
  const { body, error } = jsonBody(req);
  if (error) return error;
  const ids = body.ids;
  if (!Array.isArray(ids) || ids.length === 0) return badRequest(req, "The 'ids' parameter is required: a list of user object ids.");
  if (ids.length > MAX_PRESENCE_IDS) return badRequest(req, `At most ${MAX_PRESENCE_IDS} user ids are supported per request; ${ids.length} were given.`);
  const bad = ids.find((i) => typeof i !== 'string' || !GUID.test(i));
  if (bad !== undefined) return badRequest(req, `Invalid user id '${String(bad)}' in 'ids': user object ids are GUIDs.`);
  const seen = new Set<string>();
  const value = [];
  for (const raw of ids as string[]) {
    const id = raw.toLowerCase();
    if (seen.has(id)) continue;
    seen.add(id);
    const user = req.sim.world.user('teams', id);
    if (!user) continue;
    value.push(isAgent(user) ? teamsPresence(req.sim.world, user) : unknownPresence(user));
  }
  return { status: 200, body: { value } };
}

function setPresence(req: VendorRequest): VendorResponse {
  const { body, error } = jsonBody(req);
  if (error) return error;
  const { sessionId, availability, activity, expirationDuration } = body;
  const appId = req.sim.credentials.teams.clientId;
  if (typeof sessionId !== 'string' || sessionId === '') return badRequest(req, "The 'sessionId' parameter is required: the id of the application.");
  if (sessionId.toLowerCase() !== appId) return badRequest(req, `The 'sessionId' must be the id of the calling application (${appId}).`);
  if (!isPair(SET_PRESENCE_PAIRS, availability, activity)) {
    return badRequest(req, `Unsupported combination of availability '${String(availability)}' and activity '${String(activity)}'. Supported: ${listPairs(SET_PRESENCE_PAIRS)}.`);
  }
  let durationMs = SESSION_MIN_MS;
  if (expirationDuration !== undefined) {
    const ms = typeof expirationDuration === 'string' ? parseDuration(expirationDuration) : undefined;
    if (ms === undefined || ms < SESSION_MIN_MS || ms > SESSION_MAX_MS) {
      return badRequest(req, `Invalid 'expirationDuration' '${String(expirationDuration)}': an ISO 8601 duration from PT5M to PT4H.`);
    }
    durationMs = ms;
  }
  const { agent, error: notFound } = lookupUser(req);
  if (notFound) return notFound;
  teamsStateOf(req.sim).setSession(agent, { sessionId: appId, availability: availability as string, activity: activity as string, expiresAt: req.now + durationMs }, req.now);
  return { status: 200 };
}

function clearPresence(req: VendorRequest): VendorResponse {
  const { body, error } = jsonBody(req);
  if (error) return error;
  const appId = req.sim.credentials.teams.clientId;
  if (typeof body.sessionId !== 'string' || body.sessionId === '') return badRequest(req, "The 'sessionId' parameter is required: the id of the application.");
  if (body.sessionId.toLowerCase() !== appId) return badRequest(req, `The 'sessionId' must be the id of the calling application (${appId}).`);
  const { agent, error: notFound } = lookupUser(req);
  if (notFound) return notFound;
  if (!teamsStateOf(req.sim).clearSession(agent, appId, req.now)) {
    return graphError(404, 'NotFound', `The application has no presence session for user '${agent.id}'.`, req.now);
  }
  return { status: 200 };
}

function setPreferred(req: VendorRequest): VendorResponse {
  const { body, error } = jsonBody(req);
  if (error) return error;
  const { availability, activity, expirationDuration } = body;
  if (!isPair(PREFERRED_PRESENCE_PAIRS, availability, activity)) {
    return badRequest(req, `Unsupported combination of availability '${String(availability)}' and activity '${String(activity)}'. Supported: ${listPairs(PREFERRED_PRESENCE_PAIRS)}.`);
  }
  // the reference's defaults: a day for DoNotDisturb and Busy, 7 days for the others
  let durationMs = availability === 'DoNotDisturb' || availability === 'Busy' ? DAY : 7 * DAY;
  if (expirationDuration !== undefined) {
    const ms = typeof expirationDuration === 'string' ? parseDuration(expirationDuration) : undefined;
    if (ms === undefined || ms <= 0) return badRequest(req, `Invalid 'expirationDuration' '${String(expirationDuration)}': an ISO 8601 duration such as PT8H.`);
    durationMs = ms;
  }
  const { agent, error: notFound } = lookupUser(req);
  if (notFound) return notFound;
  teamsStateOf(req.sim).setPreferred(agent, { availability: availability as string, activity: activity as string, expiresAt: req.now + durationMs }, req.now);
  return { status: 200 };
}

function clearPreferred(req: VendorRequest): VendorResponse {
  const { agent, error } = lookupUser(req);
  if (error) return error;
  teamsStateOf(req.sim).clearPreferred(agent, req.now);
  return { status: 200 };
}

/** GET /users: `$select`, `$top` and the `$skiptoken` of `@odata.nextLink`; other options are refused. */
function listUsers(req: VendorRequest): VendorResponse {
  for (const key of req.query.keys()) {
    if (!['$select', '$top', '$skiptoken'].includes(key)) {
      return graphError(400, 'Request_UnsupportedQuery', `The query option '${key}' is not supported here (only $select, $top and $skiptoken).`, req.now);
    }
  }
  const topRaw = req.query.get('$top');
  const top = topRaw === null ? USERS_DEFAULT_TOP : /^\d+$/.test(topRaw) ? Number(topRaw) : NaN;
  if (!(top >= 1 && top <= USERS_MAX_TOP)) {
    return graphError(400, 'Request_UnsupportedQuery', `Invalid page size specified: '${topRaw}'. Must be between 1 and ${USERS_MAX_TOP} inclusive.`, req.now);
  }
  const selectRaw = req.query.get('$select');
  const select = selectRaw === null ? DEFAULT_USER_PROPERTIES : selectRaw.split(',').map((s) => s.trim());
  const unknown = select.find((p) => !(USER_PROPERTIES as readonly string[]).includes(p));
  if (unknown !== undefined) return graphError(400, 'Request_BadRequest', `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`, req.now);
  let offset = 0;
  const skip = req.query.get('$skiptoken');
  if (skip !== null) {
    const m = /^o(\d+)$/.exec(Buffer.from(skip, 'base64url').toString('utf8'));
    if (!m) return graphError(400, 'Request_BadRequest', `Invalid $skiptoken '${skip}'.`, req.now);
    offset = Number(m[1]);
  }
  const all = req.sim.world.vendors.teams.users;
  const page = all.slice(offset, offset + top).map((u) => {
    const full = teamsUser(u);
    return Object.fromEntries(select.map((p) => [p, full[p as keyof typeof full]]));
  });
  const graph = `${req.baseUrl}/v1.0`;
  const body: Record<string, unknown> = { '@odata.context': `${graph}/$metadata#users${selectRaw === null ? '' : `(${select.join(',')})`}` };
  if (offset + top < all.length) {
    const next = new URLSearchParams();
    if (selectRaw !== null) next.set('$select', selectRaw);
    next.set('$top', String(top));
    next.set('$skiptoken', Buffer.from(`o${offset + top}`).toString('base64url'));
    body['@odata.nextLink'] = `${graph}/users?${next.toString().replace(/%24/g, '$').replace(/%2C/g, ',')}`;
  }
  body.value = page;
  return { status: 200, body };
}

/** The users a presence subscription's resource names, or why it is refused. */
function resourceUsers(resource: string): { ids: string[]; error?: undefined } | { ids?: undefined; error: string } {
  const one = /^\/?communications\/presences\/([^/?]+)$/.exec(resource);
  if (one) return GUID.test(one[1]!) ? { ids: [one[1]!.toLowerCase()] } : { error: `Invalid user id '${one[1]}' in the resource.` };
  const many = /^\/?communications\/presences\?\$filter=id in \((.*)\)$/.exec(resource);
  if (!many) {
    return { error: "Unsupported resource: presence subscriptions take '/communications/presences/{id}' or \"/communications/presences?$filter=id in ('{id}','{id}',…)\"." };
  }
  const items = many[1]!.split(',').map((s) => s.trim());
  const ids: string[] = [];
  for (const item of items) {
    const m = /^'([^']*)'$/.exec(item);
    if (!m || !GUID.test(m[1]!)) return { error: `Invalid user id ${item} in the resource's $filter: quoted user object ids (GUIDs).` };
    ids.push(m[1]!.toLowerCase());
  }
  if (ids.length > MAX_SUBSCRIPTION_USERS) return { error: `A presence subscription takes at most ${MAX_SUBSCRIPTION_USERS} users; ${ids.length} were given.` };
  return { ids: [...new Set(ids)] };
}

function expiry(req: VendorRequest, raw: unknown): { at: number; error?: undefined } | { at?: undefined; error: VendorResponse } {
  const at = typeof raw === 'string' ? Date.parse(raw) : NaN;
  if (typeof raw !== 'string' || Number.isNaN(at)) return { error: badRequest(req, "The 'expirationDateTime' property is required: an ISO 8601 date-time.") };
  if (at <= req.now) return { error: badRequest(req, `Subscription expiration ${raw} is in the past.`) };
  if (at > req.now + MAX_SUBSCRIPTION_MS) {
    return { error: graphError(400, 'ExtensionError', 'Operation: Create; Exception: [Status Code: BadRequest; Reason: Subscription expiration can only be 60 minutes in the future.]', req.now) };
  }
  return { at };
}

function httpsOrLoopback(url: string): boolean {
  try {
    const u = new URL(url);
    const h = u.hostname.toLowerCase();
    return u.protocol === 'https:' || (u.protocol === 'http:' && (h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)));
  } catch {
    return false;
  }
}

async function createSubscription(req: VendorRequest): Promise<VendorResponse> {
  const { body, error } = jsonBody(req);
  if (error) return error;
  const invalid = (message: string) => graphError(400, 'InvalidRequest', message, req.now);
  if (body.changeType !== 'updated') return invalid("Presence subscriptions take changeType 'updated'.");
  if (typeof body.notificationUrl !== 'string' || !httpsOrLoopback(body.notificationUrl)) {
    return invalid("The 'notificationUrl' must be an https URL (the simulator also takes http to a loopback host).");
  }
  if (body.lifecycleNotificationUrl !== undefined && (typeof body.lifecycleNotificationUrl !== 'string' || !httpsOrLoopback(body.lifecycleNotificationUrl))) {
    return invalid("The 'lifecycleNotificationUrl' must be an https URL (the simulator also takes http to a loopback host).");
  }
  if (typeof body.resource !== 'string') return invalid("The 'resource' property is required.");
  const users = resourceUsers(body.resource);
  if (users.error !== undefined) return invalid(users.error);
  const missing = users.ids.find((id) => !req.sim.world.user('teams', id));
  if (missing) return graphError(404, 'NotFound', `User '${missing}' in the resource was not found.`, req.now);
  if (body.clientState !== undefined && (typeof body.clientState !== 'string' || body.clientState.length > 128)) {
    return invalid("The 'clientState' must be a string of at most 128 characters.");
  }
  if (body.includeResourceData === true) {
    return invalid('Resource data in presence notifications needs an encryptionCertificate; the simulator sends notifications without resource data only (includeResourceData false).');
  }
  const when = expiry(req, body.expirationDateTime);
  if (when.error) return when.error;
  const hub = teamsSubscriptionsOf(req.sim);
  for (const url of [body.notificationUrl, ...(typeof body.lifecycleNotificationUrl === 'string' ? [body.lifecycleNotificationUrl] : [])]) {
    const why = await hub.validate(url);
    if (why) return invalid(`Subscription validation request failed: ${why}. The notification endpoint must answer the validation request with 200 OK, Content-Type text/plain and the validationToken as the body, within 10 seconds.`);
  }
  const creds = req.sim.credentials.teams;
  const sub: TeamsSubscription = {
    id: randomUUID(),
    resource: body.resource,
    applicationId: creds.clientId,
    changeType: 'updated',
    clientState: (body.clientState as string | undefined) ?? null,
    notificationUrl: body.notificationUrl,
    lifecycleNotificationUrl: (body.lifecycleNotificationUrl as string | undefined) ?? null,
    expirationDateTime: new Date(when.at).toISOString(),
    creatorId: creds.clientId,
    latestSupportedTlsVersion: typeof body.latestSupportedTlsVersion === 'string' ? body.latestSupportedTlsVersion : 'v1_2',
    notificationContentType: 'application/json',
    userIds: users.ids,
    expiresAt: when.at,
  };
  hub.add(sub);
  return { status: 201, body: subscriptionView(sub, `${req.baseUrl}/v1.0`), headers: { location: `${req.baseUrl}/v1.0/subscriptions/${sub.id}` } };
}

function subscriptionNotFound(req: VendorRequest): VendorResponse {
  return graphError(404, 'ResourceNotFound', `The object was not found: subscription '${req.params.id}'.`, req.now);
}

function updateSubscription(req: VendorRequest): VendorResponse {
  const { body, error } = jsonBody(req);
  if (error) return error;
  const hub = teamsSubscriptionsOf(req.sim);
  const sub = hub.get(req.params.id ?? '', req.now);
  if (!sub) return subscriptionNotFound(req);
  const extra = Object.keys(body).find((k) => k !== 'expirationDateTime' && k !== 'notificationUrl');
  if (extra) return badRequest(req, `The property '${extra}' cannot be updated (only expirationDateTime and notificationUrl).`);
  const when = expiry(req, body.expirationDateTime);
  if (when.error) return when.error;
  if (body.notificationUrl !== undefined) {
    if (typeof body.notificationUrl !== 'string' || !httpsOrLoopback(body.notificationUrl)) {
      return graphError(400, 'InvalidRequest', "The 'notificationUrl' must be an https URL (the simulator also takes http to a loopback host).", req.now);
    }
    sub.notificationUrl = body.notificationUrl;
  }
  sub.expiresAt = when.at;
  sub.expirationDateTime = new Date(when.at).toISOString();
  return { status: 200, body: subscriptionView(sub, `${req.baseUrl}/v1.0`) };
}

const records = (body: unknown) => (body as { value: unknown[] }).value;

const routes: RouteDef[] = [
  { method: 'POST', template: TEAMS_TOKEN_PATH, bearer: false, handler: tokenEndpoint },
  {
    method: 'GET',
    template: '/v1.0/users',
    bearer: true,
    handler: guard(READ_USERS, listUsers, 'Authorization_RequestDenied'),
    records,
    driftField: 'userPrincipalName',
  },
  {
    method: 'GET',
    template: '/v1.0/users/{userId}/presence',
    bearer: true,
    handler: guard(READ_PRESENCE, getPresence),
    records: (body) => [body],
    driftField: 'availability',
  },
  {
    method: 'POST',
    template: '/v1.0/communications/getPresencesByUserId',
    bearer: true,
    handler: guard(READ_PRESENCE, getPresencesByUserId),
    records,
    driftField: 'availability',
  },
  { method: 'POST', template: '/v1.0/users/{userId}/presence/setPresence', bearer: true, handler: guard(WRITE_PRESENCE, setPresence) },
  { method: 'POST', template: '/v1.0/users/{userId}/presence/clearPresence', bearer: true, handler: guard(WRITE_PRESENCE, clearPresence) },
  { method: 'POST', template: '/v1.0/users/{userId}/presence/setUserPreferredPresence', bearer: true, handler: guard(WRITE_PRESENCE, setPreferred) },
  { method: 'POST', template: '/v1.0/users/{userId}/presence/clearUserPreferredPresence', bearer: true, handler: guard(WRITE_PRESENCE, clearPreferred) },
  { method: 'POST', template: '/v1.0/subscriptions', bearer: true, handler: guard(READ_PRESENCE, createSubscription) },
  {
    method: 'GET',
    template: '/v1.0/subscriptions',
    bearer: true,
    handler: guard(READ_PRESENCE, (req) => ({
      status: 200,
      body: {
        '@odata.context': `${req.baseUrl}/v1.0/$metadata#subscriptions`,
        value: teamsSubscriptionsOf(req.sim)
          .list(req.now)
          .map((s) => {
            const { '@odata.context': _, ...view } = subscriptionView(s, `${req.baseUrl}/v1.0`);
            return view;
          }),
      },
    })),
  },
  {
    method: 'GET',
    template: '/v1.0/subscriptions/{id}',
    bearer: true,
    handler: guard(READ_PRESENCE, (req) => {
      const sub = teamsSubscriptionsOf(req.sim).get(req.params.id ?? '', req.now);
      return sub ? { status: 200, body: subscriptionView(sub, `${req.baseUrl}/v1.0`) } : subscriptionNotFound(req);
    }),
  },
  { method: 'PATCH', template: '/v1.0/subscriptions/{id}', bearer: true, handler: guard(READ_PRESENCE, updateSubscription) },
  {
    method: 'DELETE',
    template: '/v1.0/subscriptions/{id}',
    bearer: true,
    handler: guard(READ_PRESENCE, (req) => (teamsSubscriptionsOf(req.sim).delete(req.params.id ?? '', req.now) ? { status: 204 } : subscriptionNotFound(req))),
  },
];

export const teamsApi: VendorApi = {
  routes,
  serialize: (body) => JSON.stringify(body),
  notFound: (req) => {
    const segment = req.path.split('/').filter(Boolean).at(-1) ?? '';
    return graphError(400, 'BadRequest', `Resource not found for the segment '${segment}'.`, req.now);
  },
  methodNotAllowed: (req, allowed) =>
    graphError(405, 'Request_BadRequest', `The HTTP method '${req.method}' is not allowed here (allowed: ${allowed.join(', ')}).`, req.now, { allow: allowed.join(', ') }),
  faultResponse: (kind, route, req) => {
    if (route?.template === TEAMS_TOKEN_PATH) {
      return kind === '500'
        ? identityError(500, 'server_error', 50000, 'There was an error issuing a token.', req.now)
        : identityError(Number(kind), 'temporarily_unavailable', 50001, 'The service is temporarily unavailable.', req.now);
    }
    if (kind === 'token-expiry') {
      return graphError(401, 'InvalidAuthenticationToken', 'Lifetime validation failed, the token is expired.', req.now, { 'www-authenticate': 'Bearer realm="", error="invalid_token"' });
    }
    if (kind === '429') return graphError(429, 'TooManyRequests', 'Too many requests.', req.now);
    if (kind === '503') return graphError(503, 'serviceNotAvailable', 'The service is temporarily unavailable. Try again later.', req.now);
    return graphError(500, 'generalException', 'An unspecified error has occurred.', req.now);
  },
};
