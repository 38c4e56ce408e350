import { startSimulator, TALKDESK_CUSTOM_STATUSES, type Simulator } from '../src';
import { basic, bearer, call, talkdeskToken } from './helpers';

let sim: Simulator;
let base: string;
let token: string;

beforeAll(async () => {
  sim = await startSimulator({ agents: 45, seed: 9 });
  base = sim.vendors.talkdesk.baseUrl;
  token = await talkdeskToken(sim);
});
afterAll(() => sim.close());

const agentIds = () => sim.control.agents('talkdesk').agentIds;
const errorShape = { code: expect.any(String), message: expect.any(String), fields: expect.any(Array) };

describe('Talkdesk token endpoint', () => {
  const creds = () => basic(sim.credentials.talkdesk.clientId, sim.credentials.talkdesk.clientSecret);

  it('grants every scope when none is asked for', async () => {
    const res = await call(sim.vendors.talkdesk.tokenUrl, {
      method: 'POST',
      form: { grant_type: 'client_credentials' },
      headers: { authorization: creds() },
    });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600, scope: expect.any(String) });
    expect(body.scope.split(' ').sort()).toEqual(['presence-occupancy:write', 'presence-status:write', 'presence-user:read', 'users:read']);
  });

  it('grants only the requested scopes', async () => {
    const res = await call(sim.vendors.talkdesk.tokenUrl, {
      method: 'POST',
      form: { grant_type: 'client_credentials', scope: 'presence-user:read' },
      headers: { authorization: creds() },
    });
    expect(res.json().scope).toBe('presence-user:read');
  });

  it('needs Basic client auth and answers OAuth errors', async () => {
    const noAuth = await call(sim.vendors.talkdesk.tokenUrl, { method: 'POST', form: { grant_type: 'client_credentials' } });
    expect(noAuth.status).toBe(401);
    expect(noAuth.json()).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
    const inBody = await call(sim.vendors.talkdesk.tokenUrl, {
      method: 'POST',
      form: {
        grant_type: 'client_credentials',
        client_id: sim.credentials.talkdesk.clientId,
        client_secret: sim.credentials.talkdesk.clientSecret,
      },
    });
    expect(inBody.status).toBe(401);
    const badScope = await call(sim.vendors.talkdesk.tokenUrl, {
      method: 'POST',
      form: { grant_type: 'client_credentials', scope: 'admin' },
      headers: { authorization: creds() },
    });
    expect(badScope.json().error).toBe('invalid_scope');
    const badGrant = await call(sim.vendors.talkdesk.tokenUrl, {
      method: 'POST',
      form: { grant_type: 'authorization_code' },
      headers: { authorization: creds() },
    });
    expect(badGrant.json().error).toBe('unsupported_grant_type');
  });
});

describe('Talkdesk presence', () => {
  const SEED_004_FIELDS = [
    'id',
    'account_id',
    'status',
    'custom_status',
    'custom_status_id',
    'occupancy',
    'channels',
    'devices',
    'interactions',
    'updated_by',
    'updated_at',
    '_links',
  ];

  it('returns exactly the documented fields, with an event id (not the user id)', async () => {
    const id = agentIds()[0]!;
    const res = await call(`${base}/users/${id}/presence`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    const rec = res.json();
    expect(Object.keys(rec)).toEqual(SEED_004_FIELDS);
    expect(rec.id).not.toBe(id);
    expect(rec).not.toHaveProperty('user_id');
    expect(['available', 'away', 'offline', 'hidden']).toContain(rec.status);
    expect(rec._links.self.href).toBe(`${base}/users/${id}/presence`);
    expect(/^[0-9a-f]{24}$/.test(id)).toBe(true);
  });

  it('adds user_id when the world option asks for it', async () => {
    const id = agentIds()[0]!;
    sim.control.config({ talkdeskIncludeUserId: true });
    try {
      const rec = (await call(`${base}/users/${id}/presence`, { headers: bearer(token) })).json();
      expect(rec.user_id).toBe(id);
    } finally {
      sim.control.config({ talkdeskIncludeUserId: false });
    }
  });

  it('shows a call as available with interactions and occupancy', async () => {
    const id = agentIds()[1]!;
    sim.control.setPresence({ vendor: 'talkdesk', agentId: id, statusId: 'available', interactions: 1 });
    const rec = (await call(`${base}/users/${id}/presence`, { headers: bearer(token) })).json();
    expect(rec.status).toBe('available');
    expect(rec.occupancy).toBeGreaterThan(0);
    expect(rec.interactions).toHaveLength(1);
    expect(rec.interactions[0]).toEqual({ id: expect.any(String), channel_name: 'voice', device_id: rec.devices[0].id, cost: 100 });
    expect(rec.channels.find((c: any) => c.name === 'voice').occupancy).toBe(100);
  });

  it('checks scopes, user ids and Accept', async () => {
    const id = agentIds()[0]!;
    const usersOnly = await talkdeskToken(sim, 'users:read');
    const forbidden = await call(`${base}/users/${id}/presence`, { headers: bearer(usersOnly) });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json()).toMatchObject(errorShape);
    const unknown = await call(`${base}/users/${'0'.repeat(24)}/presence`, { headers: bearer(token) });
    expect(unknown.status).toBe(404);
    expect(unknown.json()).toMatchObject(errorShape);
    const notAcceptable = await call(`${base}/users/${id}/presence`, { headers: { ...bearer(token), accept: 'text/html' } });
    expect(notAcceptable.status).toBe(406);
    expect(notAcceptable.json()).toMatchObject(errorShape);
    const unauth = await call(`${base}/users/${id}/presence`);
    expect(unauth.status).toBe(401);
    expect(unauth.json()).toMatchObject(errorShape);
  });

  it('sets status with PUT (204), including custom statuses under away', async () => {
    const id = agentIds()[2]!;
    const lunch = TALKDESK_CUSTOM_STATUSES.find((c) => c.display_name === 'Lunch')!;
    sim.control.advance(5000);
    const put = await call(`${base}/users/${id}/presence/status`, {
      method: 'PUT',
      headers: bearer(token),
      json: { status: 'away', custom_status_id: lunch.id },
    });
    expect(put.status).toBe(204);
    expect(put.text).toBe('');
    const rec = (await call(`${base}/users/${id}/presence`, { headers: bearer(token) })).json();
    expect(rec).toMatchObject({ status: 'away', custom_status: 'Lunch', custom_status_id: lunch.id });
    expect(rec.updated_at).toBe(sim.control.time().now);
    expect(rec.updated_by).toBe(sim.credentials.talkdesk.clientId);
    const last = sim.control.timeline({ agentId: id }).entries.pop()!;
    expect(last).toMatchObject({ vendor: 'talkdesk', statusId: lunch.id, statusName: 'Lunch', category: 'away', source: 'api' });

    const offline = await call(`${base}/users/${id}/presence/status`, { method: 'PUT', headers: bearer(token), json: { status: 'offline' } });
    expect(offline.status).toBe(204);
    const rec2 = (await call(`${base}/users/${id}/presence`, { headers: bearer(token) })).json();
    expect(rec2).toMatchObject({ status: 'offline', custom_status: '', custom_status_id: '', devices: [], channels: [] });
  });

  it('answers 400, 403, 404 and 415 on PUT', async () => {
    const id = agentIds()[2]!;
    const url = `${base}/users/${id}/presence/status`;
    const badStatus = await call(url, { method: 'PUT', headers: bearer(token), json: { status: 'busy' } });
    expect(badStatus.status).toBe(400);
    expect(badStatus.json().fields[0].name).toBe('status');
    const badCustom = await call(url, { method: 'PUT', headers: bearer(token), json: { status: 'away', custom_status_id: 'x' } });
    expect(badCustom.status).toBe(400);
    expect(badCustom.json().fields[0].name).toBe('custom_status_id');
    const readOnly = await talkdeskToken(sim, 'presence-user:read');
    expect((await call(url, { method: 'PUT', headers: bearer(readOnly), json: { status: 'away' } })).status).toBe(403);
    const missing = await call(`${base}/users/${'f'.repeat(24)}/presence/status`, { method: 'PUT', headers: bearer(token), json: { status: 'away' } });
    expect(missing.status).toBe(404);
    const form = await call(url, {
      method: 'PUT',
      headers: { ...bearer(token), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'status=away',
    });
    expect(form.status).toBe(415);
    expect(form.json()).toMatchObject(errorShape);
  });

  it('lists custom statuses', async () => {
    const res = await call(`${base}/account/custom-status`, { headers: bearer(token) });
    expect(res.status).toBe(200);
    const list = res.json().custom_status as Array<{ id: string; display_name: string }>;
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const c of list) expect(Object.keys(c).sort()).toEqual(['display_name', 'id']);
  });
});

describe('Talkdesk users (HAL paging)', () => {
  it('pages with count/total/page/per_page/total_pages and absolute links', async () => {
    const usersToken = await talkdeskToken(sim, 'users:read');
    const first = (await call(`${base}/users?per_page=20`, { headers: bearer(usersToken) })).json();
    const total = first.total;
    expect(total).toBeGreaterThan(45); // agents + inactive users
    expect(first).toMatchObject({ count: 20, page: 1, per_page: 20, total_pages: Math.ceil(total / 20) });
    expect(first._links.self.href).toBe(`${base}/users?page=1&per_page=20`);
    expect(first._links.first.href).toBe(`${base}/users?page=1&per_page=20`);
    expect(first._links.next.href).toBe(`${base}/users?page=2&per_page=20`);
    expect(first._links.last.href).toBe(`${base}/users?page=${first.total_pages}&per_page=20`);
    expect(first._links).not.toHaveProperty('prev');

    const ids = new Set<string>();
    let next: string | undefined = first._links.self.href;
    let pages = 0;
    while (next) {
      const page = (await call(next, { headers: bearer(usersToken) })).json();
      page._embedded.users.forEach((u: any) => {
        expect(Object.keys(u).sort()).toEqual(['active', 'email', 'id', 'name']);
        ids.add(u.id);
      });
      if (pages > 0) expect(page._links.prev).toBeDefined();
      next = page._links.next?.href;
      pages++;
    }
    expect(pages).toBe(first.total_pages);
    expect(ids.size).toBe(total);
    const all = (await call(`${base}/users?per_page=100`, { headers: bearer(usersToken) })).json()._embedded.users;
    expect(all.filter((u: any) => u.active === false).length).toBeGreaterThanOrEqual(2);
  });

  it('needs users:read and validates paging parameters', async () => {
    const presenceOnly = await talkdeskToken(sim, 'presence-user:read');
    expect((await call(`${base}/users`, { headers: bearer(presenceOnly) })).status).toBe(403);
    const bad = await call(`${base}/users?per_page=1000`, { headers: bearer(token) });
    expect(bad.status).toBe(400);
    expect(bad.json().fields[0].name).toBe('per_page');
  });
});
