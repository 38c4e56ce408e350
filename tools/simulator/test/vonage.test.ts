import { startSimulator, VONAGE_STATUSES, type Simulator } from '../src';
import { VONAGE_V1, VONAGE_V4, basic, call, vonageHeaders, vonageToken } from './helpers';

let sim: Simulator;
let base: string;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ agents: 60, seed: 5 });
  base = sim.vendors.vonage.baseUrl;
  token = await vonageToken(sim);
});
afterAll(() => sim.close());

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const agentIds = () => sim.control.agents('vonage').agentIds;
const READY = '36054f94-d55f-4382-8132-ecac185c8e4d';
const LOGGED_OUT = 'eaed6862-14fa-4114-be62-b8709b5d4a49';

describe('Vonage token endpoint', () => {
  const form = (over: Record<string, string | undefined> = {}) => {
    const f: Record<string, string> = {};
    const all = {
      grant_type: 'client_credentials',
      client_id: sim.credentials.vonage.clientId,
      client_secret: sim.credentials.vonage.clientSecret,
      scope: 'users:read users:write',
      ...over,
    };
    for (const [k, v] of Object.entries(all)) if (v !== undefined) f[k] = v;
    return f;
  };

  it('issues a Bearer token valid for 7200 s', async () => {
    const res = await call(sim.vendors.vonage.tokenUrl, { method: 'POST', form: form() });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 7200 });
  });

  it('answers OAuth errors as {error, error_description}', async () => {
    const cases: Array<[Record<string, string | undefined>, string]> = [
      [{ client_secret: 'wrong' }, 'invalid_client'],
      [{ client_id: 'someone-else' }, 'invalid_client'],
      [{ scope: 'users:read everything:write' }, 'invalid_scope'],
      // Vonage requires the scope: none asked is refused, not every scope granted
      [{ scope: undefined }, 'invalid_scope'],
      [{ scope: ' ' }, 'invalid_scope'],
      [{ grant_type: 'password' }, 'unsupported_grant_type'],
    ];
    for (const [over, error] of cases) {
      const res = await call(sim.vendors.vonage.tokenUrl, { method: 'POST', form: form(over) });
      expect(res.status).toBe(400);
      expect(res.json()).toEqual({ error, error_description: expect.any(String) });
    }
  });

  it('also accepts client credentials in Basic auth', async () => {
    const res = await call(sim.vendors.vonage.tokenUrl, {
      method: 'POST',
      form: { grant_type: 'client_credentials', scope: 'users:read' },
      headers: { authorization: basic(sim.credentials.vonage.clientId, sim.credentials.vonage.clientSecret) },
    });
    expect(res.status).toBe(200);
  });
});

describe('Vonage versioning, auth and scopes', () => {
  it('needs the v1 Accept header on /agents', async () => {
    const id = agentIds()[0]!;
    const missing = await call(`${base}/agents/${id}/presence`, { headers: { authorization: `Bearer ${token}` } });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ error: { code: 'ApiVersionUnspecified', message: expect.any(String) } });
    const json = await call(`${base}/agents/${id}/presence`, { headers: vonageHeaders(token, 'application/json') });
    expect(json.json().error.code).toBe('ApiVersionUnspecified');
    const wrong = await call(`${base}/agents/${id}/presence`, { headers: vonageHeaders(token, VONAGE_V4) });
    expect(wrong.status).toBe(400);
    expect(wrong.json()).toEqual({ error: { code: 'UnsupportedApiVersion', message: expect.any(String) } });
  });

  it('answers 401 to a missing, unknown or expired token', async () => {
    const id = agentIds()[0]!;
    const none = await call(`${base}/agents/${id}/presence`, { headers: { accept: VONAGE_V1 } });
    expect(none.status).toBe(401);
    expect(none.json()).toEqual({ message: expect.any(String) });
    const bad = await call(`${base}/agents/${id}/presence`, { headers: vonageHeaders('not-a-token') });
    expect(bad.status).toBe(401);

    const shortLived = await vonageToken(sim);
    sim.control.advance(7200 * 1000);
    const expired = await call(`${base}/agents/${id}/presence`, { headers: vonageHeaders(shortLived) });
    expect(expired.status).toBe(401);
    token = await vonageToken(sim);
    const fresh = await call(`${base}/agents/${id}/presence`, { headers: vonageHeaders(token) });
    expect(fresh.status).toBe(200);
  });

  it('needs users:read to read and users:write to set (403 otherwise)', async () => {
    const id = agentIds()[0]!;
    const readOnly = await vonageToken(sim, 'users:read');
    const writeOnly = await vonageToken(sim, 'users:write');
    expect((await call(`${base}/agents/${id}/presence`, { headers: vonageHeaders(writeOnly) })).status).toBe(403);
    expect((await call(`${base}/agents/${id}/presence`, { headers: vonageHeaders(readOnly) })).status).toBe(200);
    const patch = await call(`${base}/agents/${id}/presence`, {
      method: 'PATCH',
      headers: vonageHeaders(readOnly),
      json: { presenceId: READY },
    });
    expect(patch.status).toBe(403);
    expect(patch.json()).toEqual({ status: 403, title: expect.any(String), detail: expect.any(String) });
  });
});

describe('Vonage presence', () => {
  it('returns one record like the documentation', async () => {
    const id = agentIds()[1]!;
    const res = await call(`${base}/agents/${id}/presence`, { headers: vonageHeaders(token) });
    expect(res.status).toBe(200);
    const rec = res.json();
    expect(rec.userId).toBe(id);
    expect(GUID.test(rec.userId)).toBe(true);
    expect(new Date(rec.updated).toISOString()).toBe(rec.updated);
    expect(Object.keys(rec.presence).sort()).toEqual(['category', 'description', 'presenceId', 'selectable']);
    expect(['LoggedOut', 'Away', 'ExtendedAway', 'Ready']).toContain(rec.presence.category.categoryType);
  });

  it('404s with {message} for unknown users and 400s for malformed ids', async () => {
    const unknown = await call(`${base}/agents/00000000-0000-4000-8000-000000000000/presence`, { headers: vonageHeaders(token) });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toEqual({ message: expect.any(String) });
    const malformed = await call(`${base}/agents/not-a-guid/presence`, { headers: vonageHeaders(token) });
    expect(malformed.status).toBe(400);
    // a bad GUID is answered with a bare {message}
    expect(malformed.json()).toEqual({ message: expect.stringContaining('not-a-guid') });
  });

  it('returns many presences, leaving unknown ids out', async () => {
    const ids = agentIds().slice(0, 5);
    const q = [...ids, '00000000-0000-4000-8000-000000000000'].join(',');
    const res = await call(`${base}/agents/presences/users?userId=${q}`, { headers: vonageHeaders(token) });
    expect(res.status).toBe(200);
    const list = res.json() as Array<{ userId: string }>;
    expect(list.map((r) => r.userId)).toEqual(ids);
  });

  it('refuses more than 50 ids with a "Query limit" problem', async () => {
    const ids = agentIds().slice(0, 51);
    expect(ids).toHaveLength(51);
    const res = await call(`${base}/agents/presences/users?userId=${ids.join(',')}`, { headers: vonageHeaders(token) });
    expect(res.status).toBe(400);
    expect(res.json()).toEqual({ status: 400, title: 'Query limit', detail: expect.any(String) });
    const fifty = await call(`${base}/agents/presences/users?userId=${ids.slice(0, 50).join(',')}`, { headers: vonageHeaders(token) });
    expect(fifty.status).toBe(200);
    expect(fifty.json()).toHaveLength(50);
  });

  it('sets presence with PATCH and returns the updated record', async () => {
    const id = agentIds()[2]!;
    sim.control.setPresence({ vendor: 'vonage', agentId: id, statusId: LOGGED_OUT });
    sim.control.advance(1000);
    const res = await call(`${base}/agents/${id}/presence`, {
      method: 'PATCH',
      headers: vonageHeaders(token),
      json: { presenceId: READY },
    });
    expect(res.status).toBe(200);
    const rec = res.json();
    expect(rec.userId).toBe(id);
    expect(rec.presence.presenceId).toBe(READY);
    expect(rec.updated).toBe(sim.control.time().now);
    const entries = sim.control.timeline({ vendor: 'vonage', agentId: id }).entries;
    expect(entries[entries.length - 1]).toMatchObject({ statusId: READY, source: 'api', category: 'Ready' });
  });

  it('rejects unknown or non-selectable presence ids with the errors shape', async () => {
    const id = agentIds()[2]!;
    const unknown = await call(`${base}/agents/${id}/presence`, {
      method: 'PATCH',
      headers: vonageHeaders(token),
      json: { presenceId: '11111111-2222-4333-8444-555555555555' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json()).toEqual({
      status: 400,
      title: expect.any(String),
      errors: [{ message: expect.any(String), path: 'presenceId' }],
    });
    const nonSelectable = VONAGE_STATUSES.find((s) => !s.selectable)!;
    const refused = await call(`${base}/agents/${id}/presence`, {
      method: 'PATCH',
      headers: vonageHeaders(token),
      json: { presenceId: nonSelectable.presenceId },
    });
    expect(refused.status).toBe(400);
    const missing = await call(`${base}/agents/${id}/presence`, { method: 'PATCH', headers: vonageHeaders(token), json: {} });
    expect(missing.json().errors[0].path).toBe('presenceId');
    const form = await call(`${base}/agents/${id}/presence`, {
      method: 'PATCH',
      headers: { ...vonageHeaders(token), 'content-type': 'text/plain' },
      body: 'presenceId=x',
    });
    expect(form.status).toBe(415);
  });

  it('lists presence definitions of all four categories incl. admin-defined and non-selectable ones', async () => {
    const res = await call(`${base}/agents/presence-definitions`, { headers: vonageHeaders(token) });
    expect(res.status).toBe(200);
    const defs = res.json().presenceDefinitions as Array<any>;
    expect(new Set(defs.map((d) => d.category.categoryType))).toEqual(new Set(['LoggedOut', 'Away', 'ExtendedAway', 'Ready']));
    expect(defs.some((d) => d.selectable === false)).toBe(true);
    expect(defs.some((d) => d.category.subCategory === 'readyOutbound')).toBe(true);
    for (const d of defs) {
      expect(GUID.test(d.presenceId)).toBe(true);
      expect(typeof d.description).toBe('string');
      expect(typeof d.category.description).toBe('string');
    }
  });
});

describe('Vonage user admin', () => {
  const list = (query: string, accept = VONAGE_V4) => call(`${base}/useradmin/users${query}`, { headers: vonageHeaders(token, accept) });

  it('needs the v4 Accept header', async () => {
    const res = await list('', VONAGE_V1);
    expect(res.status).toBe(400);
    expect(res.json().error.code).toBe('UnsupportedApiVersion');
  });

  it('pages from 1 by default, in the documented {users} shape; page 0 is a validation error', async () => {
    const first = await list('?limit=25');
    expect(first.status).toBe(200);
    const body = first.json();
    expect(Object.keys(body)).toEqual(['users']);
    expect(body.users).toHaveLength(25);
    expect((await list('?limit=25&page=1')).json()).toEqual(body);
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const p = (await list(`?limit=25&page=${page}`)).json();
      p.users.forEach((u: { userId: string }) => seen.add(u.userId));
      if (p.users.length < 25) break;
    }
    expect(seen.size).toBe((await list('?limit=5000')).json().users.length);
    const zero = await list('?page=0');
    expect(zero.status).toBe(400);
    expect(zero.json().errors[0].path).toBe('page');
  });

  it('validates limit (1-5000) and include', async () => {
    for (const q of ['?limit=0', '?limit=5001', '?limit=abc']) {
      const res = await list(q);
      expect(res.status).toBe(400);
      expect(res.json().errors[0].path).toBe('limit');
    }
    expect((await list('?limit=5000')).status).toBe(200);
    expect((await list('?include=Deleted')).status).toBe(400);
  });

  it('includes non-agents, and archived users only when asked', async () => {
    const active = (await list('?limit=5000')).json().users as Array<any>;
    const archived = (await list('?limit=5000&include=Archived')).json().users as Array<any>;
    const all = (await list('?limit=5000&include=All')).json().users as Array<any>;
    expect(active.filter((u) => u.userAccountConfiguration.actAsAgent === false).length).toBeGreaterThanOrEqual(2);
    expect(active.filter((u) => u.userAccountConfiguration.actAsAgent).length).toBe(60);
    expect(archived.length).toBeGreaterThanOrEqual(2);
    expect(archived.every((u) => u.active === false)).toBe(true);
    expect(all.length).toBe(active.length + archived.length);
    for (const u of all) expect(GUID.test(u.userId)).toBe(true);
  });
});
