/**
 * Vonage Contact Center (NewVoiceMedia) Agents API and user admin under `/vonage`.
 *
 * Auth: OAuth2 client credentials at `POST /vonage/Auth/connect/token` (form body).
 * Versioning: `Accept: application/vnd.newvoicemedia.v1+json` on `/agents/...` and `/webhooks/...`,
 * `...v4+json` on `/useradmin/users`.
 * Scopes per route (Vonage's reference pages): users:read reads presence, definitions and users,
 * users:write sets presence, admin:read lists and gets webhook subscriptions, admin:write creates
 * and deletes them, stats reads presence history (Insights Stats API). A token request must name its scopes.
 * Error shapes used (all four the docs list):
 *   `{message}`                          401 (bad/expired token), 400 (malformed user id), 404 (unknown user), 405
 *   `{status, title, detail}`            403 (scope), 400 "Query limit", 415, 429, 500, 503
 *   `{status, title, errors:[{message, path}]}`  400 validation (bad presenceId, limit, page...)
 *   `{error:{code, message}}`            400 ApiVersionUnspecified / UnsupportedApiVersion
 */
import { VONAGE_STATUSES } from './catalog';
import type { RouteDef, VendorApi, VendorRequest, VendorResponse } from '../../http';
import { isJsonContentType, parseJsonBody } from '../../http';
import { oauthError } from '../../oauth';
import { VONAGE_TOKEN_PATH, tokenEndpoint } from './oauth';
import { vonageActivity, vonageStints } from './history';
import { vonagePresence, vonageRecord, vonageUser } from './records';
import type { SimAgent } from '../../types';
import { VONAGE_WEBHOOK_EVENTS, isBase64Secret, webhooksOf } from './webhooks';

export const VONAGE_AGENTS_MEDIA_TYPE = 'application/vnd.newvoicemedia.v1+json';
export const VONAGE_USERADMIN_MEDIA_TYPE = 'application/vnd.newvoicemedia.v4+json';
export const VONAGE_MAX_IDS = 50;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, detail: string, title = TITLES[status] ?? 'Error'): VendorResponse {
  return { status, body: { status, title, detail } };
}

function validation(errors: Array<{ message: string; path: string }>): VendorResponse {
  return { status: 400, body: { status: 400, title: 'One or more validation errors occurred.', errors } };
}

function message(status: number, text: string, headers?: Record<string, string>): VendorResponse {
  return { status, body: { message: text }, ...(headers ? { headers } : {}) };
}

/** Check the versioned Accept header. */
function checkVersion(req: VendorRequest, version: number): VendorResponse | undefined {
  const accept = req.headers.accept ?? '';
  const versions = [...accept.matchAll(/application\/vnd\.newvoicemedia\.v(\d+)\+json/gi)].map((m) => Number(m[1]));
  if (versions.length === 0) {
    return {
      status: 400,
      body: {
        error: {
          code: 'ApiVersionUnspecified',
          message: `An API version is required, but was not specified. Send Accept: application/vnd.newvoicemedia.v${version}+json.`,
        },
      },
    };
  }
  if (!versions.includes(version)) {
    return {
      status: 400,
      body: {
        error: {
          code: 'UnsupportedApiVersion',
          message: `The HTTP resource that matches the request URI '${req.path}' does not support the API version '${versions[0]}'.`,
        },
      },
    };
  }
  return undefined;
}

function checkToken(req: VendorRequest, scope: string): VendorResponse | undefined {
  const check = req.sim.tokens.check('vonage', req.headers, req.now);
  if (!check.ok) {
    const description =
      check.reason === 'missing' ? 'No access token' : check.reason === 'expired' ? 'The access token expired' : 'Invalid access token';
    return message(401, 'Authorization has been denied for this request.', {
      'www-authenticate': `Bearer error="invalid_token", error_description="${description}"`,
    });
  }
  if (!check.info.scopes.has(scope)) {
    return problem(403, `The access token does not have the required scope '${scope}'.`);
  }
  return undefined;
}

function guard(version: number, scope: string, handler: (req: VendorRequest) => VendorResponse) {
  return (req: VendorRequest): VendorResponse => checkVersion(req, version) ?? checkToken(req, scope) ?? handler(req);
}

function userNotFound(id: string): VendorResponse {
  return message(404, `User '${id}' was not found.`);
}

function lookupAgent(req: VendorRequest): { agent: SimAgent; error?: undefined } | { agent?: undefined; error: VendorResponse } {
  const id = req.params.userId ?? '';
  // Vonage answers a malformed user id with a bare {message}, not a validation problem.
  if (!GUID.test(id)) return { error: message(400, `The value '${id}' is not valid.`) };
  const agent = req.sim.world.agent('vonage', id.toLowerCase());
  return agent ? { agent } : { error: userNotFound(id) };
}

const root = (body: unknown): unknown[] => [body];

function parseIntParam(raw: string | null, fallback: number): number | undefined {
  if (raw === null || raw === '') return fallback;
  return /^-?\d+$/.test(raw) ? Number(raw) : undefined;
}

/** GET /useradmin/users: pages from 1 (the endpoint's reference: minimum 1, default 1), `{users: [...]}`. */
function listUsers(req: VendorRequest): VendorResponse {
  const include = req.query.get('include') ?? 'Active';
  const includeValue = ['Active', 'Archived', 'All'].find((v) => v.toLowerCase() === include.toLowerCase());
  const errors: Array<{ message: string; path: string }> = [];
  if (!includeValue) errors.push({ message: `The value '${include}' is not valid for include (Active, Archived, All).`, path: 'include' });
  const limit = parseIntParam(req.query.get('limit'), 25);
  if (limit === undefined || limit < 1 || limit > 5000) {
    errors.push({ message: 'The field limit must be between 1 and 5000.', path: 'limit' });
  }
  const page = parseIntParam(req.query.get('page'), 1);
  if (page === undefined || page < 1) errors.push({ message: 'The field page must be 1 or greater.', path: 'page' });
  if (errors.length) return validation(errors);
  const users = req.sim.world.vendors.vonage.users.filter((u) =>
    includeValue === 'All' ? true : includeValue === 'Archived' ? u.kind === 'archived' : u.kind !== 'archived',
  );
  const start = (page! - 1) * limit!;
  return { status: 200, body: { users: users.slice(start, start + limit!).map(vonageUser) } };
}

function batchPresence(req: VendorRequest): VendorResponse {
  const ids = req.query
    .getAll('userId')
    .flatMap((v) => v.split(','))
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length === 0) return validation([{ message: 'The userId field is required.', path: 'userId' }]);
  if (ids.length > VONAGE_MAX_IDS) {
    return problem(400, `A maximum of ${VONAGE_MAX_IDS} user IDs is allowed in one query; ${ids.length} were given.`, 'Query limit');
  }
  const seen = new Set<string>();
  const records = [];
  for (const id of ids) {
    const key = id.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const agent = req.sim.world.agent('vonage', key);
    if (agent) records.push(vonageRecord(req.sim.world, agent));
  }
  return { status: 200, body: records };
}

function setPresence(req: VendorRequest): VendorResponse {
  if (!isJsonContentType(req.headers)) {
    return problem(415, 'Content-Type must be application/json.');
  }
  let body: unknown;
  try {
    body = parseJsonBody(req.body);
  } catch {
    return validation([{ message: 'The request body is not valid JSON.', path: '' }]);
  }
  const presenceId = (body as { presenceId?: unknown } | undefined)?.presenceId;
  if (typeof presenceId !== 'string' || presenceId === '') {
    return validation([{ message: 'The presenceId field is required.', path: 'presenceId' }]);
  }
  const status = VONAGE_STATUSES.find((s) => s.presenceId === presenceId.toLowerCase());
  if (!status) return validation([{ message: `Presence definition '${presenceId}' does not exist.`, path: 'presenceId' }]);
  if (!status.selectable) {
    return validation([{ message: `Presence definition '${presenceId}' is not selectable.`, path: 'presenceId' }]);
  }
  const { agent, error } = lookupAgent(req);
  if (error) return error;
  req.sim.world.setStatus(agent, status.idx, req.now, 'api');
  return { status: 200, body: vonageRecord(req.sim.world, agent) };
}

const HISTORY_MAX_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;
const HISTORY_INCLUDE = ['Started', 'StartedOrEnded', 'Processed'];

/**
 * GET /stats/agent-activities/presence ("Get agent presence activities"): stints begun (or, for
 * StartedOrEnded and Processed, begun or ended) in [start, end), by start then agent. A page holds
 * at most the configured page size; `meta.upTo` is where the next request starts: the start of the
 * page's last record when more follow (so the records begun at that instant come again, as the
 * vendor warns), else the end of the window.
 */
function presenceHistory(req: VendorRequest): VendorResponse {
  const errors: Array<{ message: string; path: string }> = [];
  const startRaw = req.query.get('start');
  const start = startRaw ? Date.parse(startRaw) : NaN;
  if (!startRaw) errors.push({ message: 'The start field is required.', path: 'start' });
  else if (Number.isNaN(start)) errors.push({ message: `The value '${startRaw}' is not valid for start.`, path: 'start' });
  const endRaw = req.query.get('end');
  const end = endRaw ? Date.parse(endRaw) : req.now;
  if (endRaw && Number.isNaN(end)) errors.push({ message: `The value '${endRaw}' is not valid for end.`, path: 'end' });
  const includeRaw = req.query.get('include') ?? 'Started';
  const include = HISTORY_INCLUDE.find((v) => v.toLowerCase() === includeRaw.toLowerCase());
  if (!include) errors.push({ message: `The value '${includeRaw}' is not valid for include (${HISTORY_INCLUDE.join(', ')}).`, path: 'include' });
  if (errors.length) return validation(errors);
  if (end <= start) return validation([{ message: 'The end must be after the start.', path: 'end' }]);
  // The documented answer to a window over 31 days.
  if (end - start > HISTORY_MAX_WINDOW_MS) return message(400, 'Request window size limit exceeded 31 days');
  const agentId = req.query.get('agentId')?.toLowerCase() || undefined;
  if (agentId !== undefined && !req.sim.world.agent('vonage', agentId)) return { status: 200, body: { meta: { count: 0, upTo: new Date(Math.min(end, req.now)).toISOString() }, items: [] } };
  const all =
    include === 'Started'
      ? vonageStints(req.sim.world, start, end, agentId)
      : vonageStints(req.sim.world, 0, end, agentId).filter((s) => s.startMs >= start || (s.endMs !== null && s.endMs >= start && s.endMs < end));
  const size = req.sim.config.vonageHistoryPageSize;
  const page = all.slice(0, size);
  const more = all.length > size;
  const upTo = more ? Math.max(page[page.length - 1]!.startMs, start) : Math.min(end, req.now);
  return { status: 200, body: { meta: { count: page.length, upTo: new Date(upTo).toISOString() }, items: page.map(vonageActivity) } };
}

/** Loopback hosts, the only ones a subscription may reach over plain http in the simulator. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function createSubscription(req: VendorRequest): VendorResponse {
  if (!isJsonContentType(req.headers)) return problem(415, 'Content-Type must be application/json.');
  let body: unknown;
  try {
    body = parseJsonBody(req.body);
  } catch {
    return validation([{ message: 'The request body is not valid JSON.', path: '' }]);
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return validation([{ message: 'The request body must be a JSON object.', path: '' }]);
  }
  const b = body as Record<string, unknown>;
  const errors: Array<{ message: string; path: string }> = [];

  // name: 3–128 characters, unique within the account (the subscription reference).
  if (typeof b.name !== 'string' || b.name.trim() === '') errors.push({ message: 'The name field is required.', path: 'name' });
  else if (b.name.length < 3 || b.name.length > 128) errors.push({ message: 'The name field must be between 3 and 128 characters.', path: 'name' });
  else if (webhooksOf(req.sim).list().some((s) => s.name === b.name)) {
    errors.push({ message: `A subscription named '${b.name}' already exists.`, path: 'name' });
  }

  let url: URL | undefined;
  if (typeof b.url !== 'string' || b.url === '') {
    errors.push({ message: 'The url field is required.', path: 'url' });
  } else {
    try {
      url = new URL(b.url);
    } catch {
      errors.push({ message: `The url '${b.url}' is not an absolute URL.`, path: 'url' });
    }
    if (url && !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))) {
      errors.push({ message: 'The url must use https (the simulator also accepts http to a loopback host).', path: 'url' });
      url = undefined;
    }
  }

  const known = VONAGE_WEBHOOK_EVENTS as readonly string[];
  let events: string[] = [];
  if (!Array.isArray(b.events) || b.events.length === 0) {
    errors.push({ message: `The events field must list at least one event (${known.join(', ')}).`, path: 'events' });
  } else {
    b.events.forEach((e, i) => {
      if (typeof e !== 'string' || !known.includes(e)) {
        errors.push({ message: `Unknown event '${String(e)}' (known: ${known.join(', ')}).`, path: `events[${i}]` });
      }
    });
    events = b.events as string[];
  }

  if (b.enabled !== undefined && typeof b.enabled !== 'boolean') {
    errors.push({ message: 'The enabled field must be true or false.', path: 'enabled' });
  }

  if (typeof b.secret !== 'string' || b.secret === '') {
    errors.push({ message: 'The secret field is required.', path: 'secret' });
  } else if (!isBase64Secret(b.secret)) {
    errors.push({ message: 'The secret must be a base64 string (standard alphabet, padded).', path: 'secret' });
  }

  if (errors.length) return validation(errors);
  const sub = webhooksOf(req.sim).create({
    name: b.name as string,
    url: b.url as string,
    events,
    enabled: (b.enabled as boolean | undefined) ?? true,
    secret: b.secret as string,
  });
  return { status: 201, body: sub, headers: { location: `${req.baseUrl}/webhooks/subscriptions/${sub.subscriptionId}` } };
}

const routes: RouteDef[] = [
  { method: 'POST', template: VONAGE_TOKEN_PATH, bearer: false, handler: tokenEndpoint },
  {
    method: 'GET',
    template: '/agents/presence-definitions',
    bearer: true,
    handler: guard(1, 'users:read', () => ({
      status: 200,
      body: { presenceDefinitions: VONAGE_STATUSES.map(vonagePresence) },
    })),
    records: (body) => (body as { presenceDefinitions: unknown[] }).presenceDefinitions,
    driftField: 'category.categoryType',
  },
  {
    method: 'GET',
    template: '/agents/presences/users',
    bearer: true,
    handler: guard(1, 'users:read', batchPresence),
    records: (body) => body as unknown[],
    driftField: 'presence.category.categoryType',
  },
  {
    method: 'GET',
    template: '/agents/{userId}/presence',
    bearer: true,
    handler: guard(1, 'users:read', (req) => {
      const { agent, error } = lookupAgent(req);
      return error ?? { status: 200, body: vonageRecord(req.sim.world, agent) };
    }),
    records: root,
    driftField: 'presence.category.categoryType',
  },
  {
    method: 'PATCH',
    template: '/agents/{userId}/presence',
    bearer: true,
    handler: guard(1, 'users:write', setPresence),
    records: root,
    driftField: 'presence.category.categoryType',
  },
  {
    method: 'GET',
    template: '/useradmin/users',
    bearer: true,
    handler: guard(4, 'users:read', listUsers),
    records: (body) => (body as { users: unknown[] }).users,
    driftField: 'userAccountConfiguration.actAsAgent',
  },
  {
    method: 'GET',
    template: '/stats/agent-activities/presence',
    bearer: true,
    handler: guard(1, 'stats', presenceHistory),
    records: (body) => (body as { items: unknown[] }).items,
    driftField: 'category',
  },
  { method: 'POST', template: '/webhooks/subscriptions', bearer: true, handler: guard(1, 'admin:write', createSubscription) },
  {
    method: 'GET',
    template: '/webhooks/subscriptions',
    bearer: true,
    handler: guard(1, 'admin:read', (req) => ({ status: 200, body: { subscriptions: webhooksOf(req.sim).list() } })),
  },
  {
    method: 'GET',
    template: '/webhooks/subscriptions/{id}',
    bearer: true,
    handler: guard(1, 'admin:read', (req) => {
      const id = req.params.id ?? '';
      const sub = webhooksOf(req.sim).get(id);
      return sub ? { status: 200, body: sub } : message(404, `Webhook subscription '${id}' was not found.`);
    }),
  },
  {
    method: 'DELETE',
    template: '/webhooks/subscriptions/{id}',
    bearer: true,
    handler: guard(1, 'admin:write', (req) => {
      const id = req.params.id ?? '';
      return webhooksOf(req.sim).delete(id) ? { status: 204 } : message(404, `Webhook subscription '${id}' was not found.`);
    }),
  },
];

export const vonageApi: VendorApi = {
  routes,
  serialize: (body) => JSON.stringify(body),
  notFound: (req) => message(404, `No HTTP resource was found that matches the request URI '${req.path}'.`),
  methodNotAllowed: (req, allowed) =>
    message(405, `The requested resource does not support http method '${req.method}'.`, { allow: allowed.join(', ') }),
  faultResponse: (kind, route, req) => {
    if (route?.template === VONAGE_TOKEN_PATH) {
      return kind === '500'
        ? oauthError(500, 'server_error', 'The authorization server encountered an unexpected condition')
        : oauthError(Number(kind), 'temporarily_unavailable', 'The authorization server is temporarily unavailable');
    }
    if (kind === 'token-expiry') {
      return message(401, 'Authorization has been denied for this request.', {
        'www-authenticate': 'Bearer error="invalid_token", error_description="The access token expired"',
      });
    }
    const details: Record<string, string> = {
      '429': 'Fair usage limit exceeded. Retry after a short period.',
      '500': 'An unexpected error occurred.',
      '503': 'The service is temporarily unavailable.',
    };
    return problem(Number(kind), `${details[kind]} (${req.method} ${req.path})`);
  },
};
