/**
 * Talkdesk API under `/talkdesk`.
 *
 * Auth: OAuth2 client credentials at `POST /talkdesk/oauth/token`, client id and
 * secret in HTTP Basic auth, form body; `scope` optional (absent: all granted scopes).
 * Errors: `{code, message, description?, fields:[{name, description}]}`.
 * `PUT /users/{id}/presence/status` answers 204 No Content (the docs do not say), and so does
 * `PATCH /users/{id}/presence/occupancy`.
 */
import { TALKDESK_CUSTOM_STATUSES, TALKDESK_STATUSES } from './catalog';
import type { RouteDef, VendorApi, VendorRequest, VendorResponse } from '../../http';
import { isJsonContentType, parseJsonBody } from '../../http';
import { oauthError } from '../../oauth';
import { TALKDESK_TOKEN_PATH, tokenEndpoint } from './oauth';
import { talkdeskRecord, talkdeskUser } from './records';
import type { Interaction, SimAgent } from '../../types';

const USER_ID = /^[0-9a-f]{24}$/;
export const TALKDESK_DEFAULT_PER_PAGE = 20;
export const TALKDESK_MAX_PER_PAGE = 100;

const MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Error codes are 7-digit strings in Talkdesk's style; the values are the simulator's own. */
export function talkdeskError(
  status: number,
  description?: string,
  fields: Array<{ name: string; description: string }> = [],
  headers?: Record<string, string>,
): VendorResponse {
  return {
    status,
    body: {
      code: `0330${String(status).padStart(3, '0')}`,
      message: MESSAGES[status] ?? 'Error',
      ...(description !== undefined ? { description } : {}),
      fields,
    },
    ...(headers ? { headers } : {}),
  };
}

function acceptsJson(req: VendorRequest): boolean {
  const accept = req.headers.accept;
  if (!accept) return true;
  return accept
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .some((t) => t === '*/*' || t === 'application/*' || t === 'application/json' || t === 'application/hal+json');
}

/** Check the token and that it has one of the scopes. */
function checkToken(req: VendorRequest, scopes: string[]): VendorResponse | undefined {
  const check = req.sim.tokens.check('talkdesk', req.headers, req.now);
  if (!check.ok) {
    const why = check.reason === 'missing' ? 'missing access token' : check.reason === 'expired' ? 'access token expired' : 'invalid access token';
    return talkdeskError(401, why, [], { 'www-authenticate': 'Bearer error="invalid_token"' });
  }
  if (!scopes.some((s) => check.info.scopes.has(s))) {
    return talkdeskError(403, `The access token lacks the required scope: ${scopes.join(' or ')}`);
  }
  return undefined;
}

function guard(scopes: string[], handler: (req: VendorRequest) => VendorResponse, read = true) {
  return (req: VendorRequest): VendorResponse => {
    const denied = checkToken(req, scopes);
    if (denied) return denied;
    if (read && !acceptsJson(req)) return talkdeskError(406, 'Only application/json responses are available');
    return handler(req);
  };
}

function lookupAgent(req: VendorRequest): { agent: SimAgent; error?: undefined } | { agent?: undefined; error: VendorResponse } {
  const id = req.params.id ?? '';
  const notFound = { error: talkdeskError(404, `User ${id} not found`, [{ name: 'user_id', description: 'user not found' }]) };
  if (!USER_ID.test(id)) return notFound;
  const agent = req.sim.world.agent('talkdesk', id);
  return agent ? { agent } : notFound;
}

function setStatus(req: VendorRequest): VendorResponse {
  const denied = checkToken(req, ['presence-status:write']);
  if (denied) return denied;
  if (!isJsonContentType(req.headers)) return talkdeskError(415, 'Content-Type must be application/json');
  let body: unknown;
  try {
    body = parseJsonBody(req.body);
  } catch {
    return talkdeskError(400, 'The request body is not valid JSON');
  }
  const input = (body ?? {}) as { status?: unknown; custom_status_id?: unknown };
  const allowed = ['available', 'away', 'offline', 'hidden'];
  if (typeof input.status !== 'string' || !allowed.includes(input.status)) {
    return talkdeskError(400, 'Invalid request body', [{ name: 'status', description: `must be one of ${allowed.join(', ')}` }]);
  }
  let custom: string | null = null;
  if (input.custom_status_id !== undefined && input.custom_status_id !== null && input.custom_status_id !== '') {
    if (typeof input.custom_status_id !== 'string' || !TALKDESK_CUSTOM_STATUSES.some((c) => c.id === input.custom_status_id)) {
      return talkdeskError(400, 'Invalid request body', [{ name: 'custom_status_id', description: 'unknown custom status id' }]);
    }
    if (input.status !== 'away') {
      return talkdeskError(400, 'Invalid request body', [
        { name: 'custom_status_id', description: 'custom statuses are sub-statuses of "away"' },
      ]);
    }
    custom = input.custom_status_id;
  }
  const { agent, error } = lookupAgent(req);
  if (error) return error;
  const status = TALKDESK_STATUSES.find((s) => s.status === input.status && s.customStatusId === custom)!;
  const check = req.sim.tokens.check('talkdesk', req.headers, req.now);
  const keepWork = status.status === 'available' ? { interactions: agent.interactions, occupancy: agent.occupancy } : {};
  req.sim.world.setStatus(agent, status.idx, req.now, 'api', {
    ...keepWork,
    updatedBy: check.ok ? check.info.clientId : agent.id,
  });
  return { status: 204 };
}

const INTERACTIONS_PATH = /^\/?interactions(?:\/(-|\d+)(?:\/([A-Za-z_]+))?)?$/;

function isInteraction(v: unknown): v is Interaction {
  const i = v as Partial<Interaction> | null;
  return (
    i !== null &&
    typeof i === 'object' &&
    typeof i.id === 'string' &&
    i.id !== '' &&
    typeof i.channel_name === 'string' &&
    i.channel_name !== '' &&
    (i.device_id === undefined || typeof i.device_id === 'string') &&
    Number.isInteger(i.cost) &&
    i.cost! >= 0
  );
}

/**
 * PATCH /users/{id}/presence/occupancy ("Change User Occupancy", scope presence-occupancy:write):
 * a JSON Patch on `interactions` (add, remove, replace, test; the reference's own `interactions/-`
 * without a leading slash, and an array value appending each item). Occupancy follows as the sum of
 * the interactions' costs (at most 100). 400 for a body that is not such a patch, 422 for one that
 * cannot apply (a failed test, an index out of range, an offline user), 204 on success.
 */
function changeOccupancy(req: VendorRequest): VendorResponse {
  const denied = checkToken(req, ['presence-occupancy:write']);
  if (denied) return denied;
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && type !== 'application/json-patch+json') return talkdeskError(400, 'Content-Type must be application/json');
  let body: unknown;
  try {
    body = parseJsonBody(req.body);
  } catch {
    return talkdeskError(400, 'The request body is not valid JSON');
  }
  if (!Array.isArray(body) || body.length === 0) return talkdeskError(400, 'Invalid request body', [{ name: 'body', description: 'must be a non-empty JSON Patch array' }]);
  const { agent, error } = lookupAgent(req);
  if (error) return error;
  const list: Interaction[] = agent.interactions.map((i) => ({ ...i }));
  for (const [n, raw] of body.entries()) {
    const op = raw as { op?: unknown; path?: unknown; value?: unknown };
    const where = `[${n}]`;
    const m = typeof op?.path === 'string' ? INTERACTIONS_PATH.exec(op.path) : null;
    if (!['add', 'remove', 'replace', 'test'].includes(op?.op as string) || !m) {
      return talkdeskError(400, 'Invalid request body', [{ name: `${where}.path`, description: 'must be an add, remove, replace or test operation on interactions' }]);
    }
    const [, at, field] = m;
    const index = at === undefined || at === '-' ? undefined : Number(at);
    const unprocessable = (d: string) => talkdeskError(422, d, [{ name: `${where}.path`, description: String(op.path) }]);
    if (op.op === 'add') {
      if (field !== undefined || at === undefined) return unprocessable('add appends or inserts whole interactions');
      const values = Array.isArray(op.value) ? op.value : [op.value];
      if (!values.every(isInteraction)) return talkdeskError(400, 'Invalid request body', [{ name: `${where}.value`, description: 'an interaction is {id, channel_name, device_id?, cost}' }]);
      if (index !== undefined && index > list.length) return unprocessable('index out of range');
      list.splice(index ?? list.length, 0, ...values.map((v) => ({ ...v })));
      continue;
    }
    if (index === undefined || index >= list.length) return unprocessable('index out of range');
    if (op.op === 'remove') {
      if (field !== undefined) return unprocessable('only whole interactions can be removed');
      list.splice(index, 1);
    } else if (op.op === 'replace') {
      const next = field === undefined ? op.value : { ...list[index]!, [field]: op.value };
      if (!isInteraction(next)) return talkdeskError(400, 'Invalid request body', [{ name: `${where}.value`, description: 'an interaction is {id, channel_name, device_id?, cost}' }]);
      list[index] = { ...next };
    } else {
      const actual = field === undefined ? list[index] : (list[index] as unknown as Record<string, unknown>)[field];
      if (JSON.stringify(actual) !== JSON.stringify(op.value)) return unprocessable('test failed');
    }
  }
  const status = req.sim.world.status('talkdesk', agent.statusIdx);
  if (status.category === 'offline' && list.length > 0) return talkdeskError(422, 'The user is offline', [{ name: 'status', description: 'offline' }]);
  const check = req.sim.tokens.check('talkdesk', req.headers, req.now);
  req.sim.world.setStatus(agent, agent.statusIdx, req.now, 'api', { interactions: list, updatedBy: check.ok ? check.info.clientId : agent.id });
  return { status: 204 };
}

function listUsers(req: VendorRequest): VendorResponse {
  const fields: Array<{ name: string; description: string }> = [];
  const num = (name: string, fallback: number, max: number) => {
    const raw = req.query.get(name);
    if (raw === null || raw === '') return fallback;
    const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!(n >= 1 && n <= max)) fields.push({ name, description: `must be an integer between 1 and ${max}` });
    return n;
  };
  const page = num('page', 1, Number.MAX_SAFE_INTEGER);
  const perPage = num('per_page', TALKDESK_DEFAULT_PER_PAGE, TALKDESK_MAX_PER_PAGE);
  if (fields.length) return talkdeskError(400, 'Invalid query parameters', fields);
  const all = req.sim.world.vendors.talkdesk.users;
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const users = all.slice((page - 1) * perPage, page * perPage).map(talkdeskUser);
  const link = (p: number) => ({ href: `${req.baseUrl}/users?page=${p}&per_page=${perPage}` });
  const links: Record<string, { href: string }> = { self: link(page), first: link(1) };
  if (page > 1) links.prev = link(Math.min(page - 1, totalPages));
  if (page < totalPages) links.next = link(page + 1);
  links.last = link(totalPages);
  return {
    status: 200,
    body: { count: users.length, total: all.length, page, per_page: perPage, total_pages: totalPages, _embedded: { users }, _links: links },
    headers: { 'content-type': 'application/hal+json; charset=utf-8' },
  };
}

const routes: RouteDef[] = [
  { method: 'POST', template: TALKDESK_TOKEN_PATH, bearer: false, handler: tokenEndpoint },
  {
    method: 'GET',
    template: '/users/{id}/presence',
    bearer: true,
    handler: guard(['presence-user:read'], (req) => {
      const { agent, error } = lookupAgent(req);
      return (
        error ?? {
          status: 200,
          body: talkdeskRecord(req.sim.world, agent, req.baseUrl, req.sim.config.talkdeskIncludeUserId),
        }
      );
    }),
    records: (body) => [body],
    driftField: 'status',
  },
  { method: 'PUT', template: '/users/{id}/presence/status', bearer: true, handler: setStatus },
  { method: 'PATCH', template: '/users/{id}/presence/occupancy', bearer: true, handler: changeOccupancy },
  {
    method: 'GET',
    template: '/account/custom-status',
    bearer: true,
    handler: guard(['presence-user:read', 'presence-status:write'], () => ({
      status: 200,
      body: { custom_status: TALKDESK_CUSTOM_STATUSES.map((c) => ({ id: c.id, display_name: c.display_name })) },
    })),
    records: (body) => (body as { custom_status: unknown[] }).custom_status,
    driftField: 'display_name',
  },
  {
    method: 'GET',
    template: '/users',
    bearer: true,
    handler: guard(['users:read'], listUsers),
    records: (body) => (body as { _embedded: { users: unknown[] } })._embedded.users,
    driftField: 'active',
  },
];

export const talkdeskApi: VendorApi = {
  routes,
  serialize: (body) => JSON.stringify(body),
  notFound: (req) => talkdeskError(404, `No route for ${req.method} ${req.path}`),
  methodNotAllowed: (req, allowed) => talkdeskError(405, `${req.method} is not allowed here`, [], { allow: allowed.join(', ') }),
  faultResponse: (kind, route) => {
    if (route?.template === TALKDESK_TOKEN_PATH) {
      return kind === '500'
        ? oauthError(500, 'server_error', 'The authorization server encountered an unexpected condition')
        : oauthError(Number(kind), 'temporarily_unavailable', 'The authorization server is temporarily unavailable');
    }
    if (kind === 'token-expiry') return talkdeskError(401, 'access token expired', [], { 'www-authenticate': 'Bearer error="invalid_token"' });
    return talkdeskError(Number(kind));
  },
};
