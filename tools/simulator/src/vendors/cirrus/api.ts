/**
 * Cirrus (Cirrus Digital / CommBox) API under `/cirrus`.
 *
 * Auth: static API key in `Authorization: Bearer <key>`.
 * Success: `{status: "200", description, response_time, object}`.
 * Errors:  `{status: <int>, description, response_time}` (400, 401, 404, 429, 500, 501; 503 only from faults).
 * Manager ids are int64 and emitted as bare integer literals, exact above 2^53.
 */
import { CIRRUS_STATUSES } from './catalog';
import type { RouteDef, VendorApi, VendorRequest, VendorResponse } from '../../http';
import { toJson } from '../../json';
import { safeEqual, bearerToken } from '../../oauth';
import { cirrusManager, cirrusPresence, cirrusPresenceType, cirrusStats } from './records';
import { isAgent, type SimAgent } from '../../types';

const INT64_MAX = 9223372036854775807n;

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
};

const iso = (ms: number) => new Date(ms).toISOString();

export function cirrusError(req: VendorRequest, status: number, description = DESCRIPTIONS[status] ?? 'Error'): VendorResponse {
  return { status, body: { status, description, response_time: iso(req.now) } };
}

function ok(req: VendorRequest, object: unknown): VendorResponse {
  return { status: 200, body: { status: '200', description: 'Success', response_time: iso(req.now), object } };
}

function authorised(req: VendorRequest): boolean {
  const token = bearerToken(req.headers);
  return token !== undefined && safeEqual(token, req.sim.credentials.cirrus.apiKey);
}

function withAuth(handler: (req: VendorRequest) => VendorResponse): (req: VendorRequest) => VendorResponse {
  return (req) =>
    authorised(req) ? handler(req) : cirrusError(req, 401, 'Unauthorized: missing or invalid API key (Authorization: Bearer <key>)');
}

function isInt64(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) <= INT64_MAX;
}

/** Normalise a decimal id (leading zeros) the way a numeric path parameter would be parsed. */
function canonical(text: string): string {
  return BigInt(text).toString();
}

type Found = { agent: SimAgent; error?: undefined } | { agent?: undefined; error: VendorResponse };

function findAgent(req: VendorRequest): Found {
  const raw = req.params.id ?? '';
  if (!isInt64(raw)) return { error: cirrusError(req, 400, `Bad Request: MANAGER_ID must be an int64, got "${raw}"`) };
  const user = req.sim.world.user('cirrus', canonical(raw));
  if (!user) return { error: cirrusError(req, 404, `Not Found: manager ${raw} does not exist`) };
  if (!isAgent(user)) return { error: cirrusError(req, 404, `Not Found: manager ${raw} is an administrator and has no presence`) };
  return { agent: user };
}

const single = (body: unknown): unknown[] => [(body as { object: unknown }).object];
const list = (body: unknown): unknown[] => (body as { object: unknown[] }).object;

const routes: RouteDef[] = [
  {
    method: 'GET',
    template: '/core/systemstatus',
    bearer: true,
    handler: withAuth((req) => ok(req, { status: 'OK', service: 'cirrus-digital-simulator', time: iso(req.now) })),
    records: single,
    driftField: 'status',
  },
  {
    method: 'GET',
    template: '/managers',
    bearer: true,
    handler: withAuth((req) => ok(req, req.sim.world.vendors.cirrus.users.map(cirrusManager))),
    records: list,
    driftField: 'id',
  },
  {
    method: 'GET',
    template: '/managers/presence',
    bearer: true,
    handler: withAuth((req) => ok(req, CIRRUS_STATUSES.map(cirrusPresenceType))),
    records: list,
    driftField: 'presenceType',
  },
  {
    method: 'GET',
    template: '/managers/{id}/presence',
    bearer: true,
    handler: withAuth((req) => {
      const { agent, error } = findAgent(req);
      if (error) return error;
      return ok(req, cirrusPresence(req.sim.world, agent));
    }),
    records: single,
    driftField: 'type_id',
  },
  {
    method: 'POST',
    template: '/managers/{id}/presence/{activityId}',
    bearer: true,
    handler: withAuth((req) => {
      const { agent, error } = findAgent(req);
      if (error) return error;
      const raw = req.params.activityId ?? '';
      if (!isInt64(raw)) return cirrusError(req, 400, `Bad Request: ACTIVITY_ID must be an int64, got "${raw}"`);
      const status = CIRRUS_STATUSES.find((s) => String(s.typeId) === canonical(raw));
      if (!status) return cirrusError(req, 404, `Not Found: presence type ${raw} does not exist (see GET /managers/presence)`);
      req.sim.world.setStatus(agent, status.idx, req.now, 'api');
      return ok(req, cirrusPresence(req.sim.world, agent));
    }),
    records: single,
    driftField: 'type_id',
  },
  {
    method: 'GET',
    template: '/managers/{id}/stats',
    bearer: true,
    handler: withAuth((req) => {
      const { agent, error } = findAgent(req);
      if (error) return error;
      return ok(req, cirrusStats(req.sim.world, agent));
    }),
    records: single,
    driftField: 'FaceToFaceStatus',
  },
];

export const cirrusApi: VendorApi = {
  routes,
  serialize: toJson,
  notFound: (req) => cirrusError(req, 404, `Not Found: ${req.method} ${req.path}`),
  methodNotAllowed: (req, allowed) => ({
    ...cirrusError(req, 501, `Not Implemented: ${req.method} ${req.path} (allowed: ${allowed.join(', ')})`),
    headers: { allow: allowed.join(', ') },
  }),
  faultResponse: (kind, _route, req) => {
    if (kind === 'token-expiry') return cirrusError(req, 401, 'Unauthorized: API key expired or revoked');
    return cirrusError(req, Number(kind));
  },
};
