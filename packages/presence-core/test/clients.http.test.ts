import {
  ContractError,
  createCirrusClient,
  createTalkdeskClient,
  createVonageClient,
  InputError,
  NetworkError,
  VendorApiError,
  withBearerToken,
  withClientCredentials,
} from '../src';
import { createUndiciTransport, type UndiciTransport } from '../src/transports/undici';
import { json, startFakeServer } from './helpers/fake-server';
import { fakeTime } from './helpers/fake-time';
import vonagePresenceOne from '../reference/vonage/presence-one.json';
import talkdeskPresenceOne from '../reference/talkdesk/presence-one.json';

// Bodies from the vendors' references (reference/).
const talkdeskPresence = talkdeskPresenceOne.response.body;
const vonageOne = vonagePresenceOne.response.body;

let transport: UndiciTransport;
beforeAll(() => {
  transport = createUndiciTransport({ timeoutMs: 5000 });
});
afterAll(() => transport.close());

const guid = (i: number) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`;
const instant = { sleep: async () => undefined };

describe('Cirrus client over HTTP', () => {
  it('reads one presence with an int64 id above 2^53, sending the key and opening the envelope', async () => {
    const srv = await startFakeServer((req, res) => {
      // The raw body carries bare int64 literals, exactly as a JVM vendor would.
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"status":"200","description":"OK","response_time":"2025-01-07T10:00:00Z","object":{"presence_type":3,"type_id":9223372036854775807,"name":"Lunch"}}');
    });
    try {
      const client = createCirrusClient({ transport: withBearerToken(transport, 'cirrus-key-1'), baseUrl: srv.url });
      const p = await client.getPresence('9007199254740993');
      expect(p).toEqual({
        vendor: 'cirrus',
        agentId: '9007199254740993',
        name: null,
        email: null,
        state: 'away',
        status: { id: '9223372036854775807', name: 'Lunch', category: 'Away' },
        since: null,
        sinceSource: null,
        activity: null,
      });
      expect(srv.requests[0]).toMatchObject({ method: 'GET', path: '/managers/9007199254740993/presence' });
      expect(srv.requests[0]!.headers.authorization).toBe('Bearer cirrus-key-1');
    } finally {
      await srv.close();
    }
  });

  it('accepts the payload under data and a numeric status', async () => {
    const srv = await startFakeServer((_req, res) => json(res, 200, { status: 200, description: 'OK', data: { presence_type: 1, type_id: 1, name: 'Active' } }));
    try {
      expect((await createCirrusClient({ transport, baseUrl: srv.url }).getPresence('5')).state).toBe('available');
    } finally {
      await srv.close();
    }
  });

  it('turns a 200 carrying an error envelope into the vendor error', async () => {
    const srv = await startFakeServer((_req, res) => json(res, 200, { status: 404, description: 'Manager not found' }));
    try {
      const error = await createCirrusClient({ transport, baseUrl: srv.url }).getPresence('5').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VendorApiError);
      expect(error).toMatchObject({ httpStatus: 404, code: '404', vendorMessage: 'Manager not found (sent in a 200 response)' });
    } finally {
      await srv.close();
    }
  });

  it('lists agents (not admins), sets presence by POST without a body, lists presence types, checks health', async () => {
    const srv = await startFakeServer((req, res) => {
      const routes: Record<string, unknown> = {
        'GET /managers': [
          { id: 11, firstName: 'Ada', lastName: 'Agent', email: 'ada@example.com', permissionId: 2 },
          { id: 12, firstName: 'Root', lastName: 'Admin', email: 'root@example.com', permissionId: 3 },
          { id: '9223372036854775806', userName: 'big', permissionId: 2 },
        ],
        'POST /managers/11/presence/14': { presence_type: 3, type_id: 14, name: 'Lunch' },
        'GET /managers/presence': [{ id: 1, name: 'Active', presenceType: 1 }, { id: 14, name: 'Lunch', presenceType: 3 }],
        'GET /core/systemstatus': { ok: true },
      };
      const body = routes[`${req.method} ${req.path}`];
      if (body === undefined) return json(res, 404, { status: 404, description: 'no route' });
      json(res, 200, { status: '200', description: 'OK', object: body });
    });
    try {
      const client = createCirrusClient({ transport, baseUrl: srv.url });
      expect((await client.listAgents()).map((a) => [a.agentId, a.name])).toEqual([['11', 'Ada Agent'], ['9223372036854775806', 'big']]);
      expect(await client.setPresence('11', '14')).toMatchObject({ agentId: '11', state: 'away', status: { id: '14', name: 'Lunch' } });
      expect(srv.requests.find((r) => r.method === 'POST')!.body).toBe('');
      expect(await client.listStatuses()).toEqual([
        { vendor: 'cirrus', id: '1', name: 'Active', category: 'Active', state: 'available' },
        { vendor: 'cirrus', id: '14', name: 'Lunch', category: 'Away', state: 'away' },
      ]);
      await expect(client.checkConnection()).resolves.toBeUndefined();
    } finally {
      await srv.close();
    }
  });

  it('reads many agents with bounded concurrency, reporting failures per agent', async () => {
    let inFlight = 0;
    let peak = 0;
    const srv = await startFakeServer(async (req, res) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      if (req.path === '/managers/13/presence') return json(res, 404, { status: 404, description: 'Manager not found' });
      json(res, 200, { status: '200', object: { presence_type: 1, type_id: 1, name: 'Active' } });
    });
    try {
      const client = createCirrusClient({ transport, baseUrl: srv.url, concurrency: 3 });
      const ids = Array.from({ length: 20 }, (_, i) => String(i + 1));
      const batch = await client.getPresences(ids);
      expect(batch.presences).toHaveLength(19);
      expect(batch.failures).toHaveLength(1);
      expect(batch.failures[0]!.agentIds).toEqual(['13']);
      expect((batch.failures[0]!.error as VendorApiError).code).toBe('404');
      expect(peak).toBeLessThanOrEqual(3);
      expect(peak).toBeGreaterThan(1);
    } finally {
      await srv.close();
    }
  });

  it('validates every id before any request', async () => {
    const srv = await startFakeServer((_req, res) => json(res, 200, {}));
    try {
      const client = createCirrusClient({ transport, baseUrl: srv.url });
      await expect(client.getPresences(['1', '../2', '3'])).rejects.toThrow(/agentIds, item 2/);
      await expect(client.getPresence('1?x=y')).rejects.toBeInstanceOf(InputError);
      await expect(client.setPresence('1', '../../core')).rejects.toBeInstanceOf(InputError);
      expect(srv.requests).toHaveLength(0);
    } finally {
      await srv.close();
    }
  });
});

describe('Vonage client over HTTP', () => {
  it('sends the v1 Accept header and splits 120 ids into 50/50/20', async () => {
    const srv = await startFakeServer((req, res) => {
      const ids = (req.query.get('userId') ?? '').split(',');
      json(res, 200, ids.filter((_, i) => i !== 0).map((userId) => ({ ...vonageOne, userId })));
    });
    try {
      const client = createVonageClient({ transport, baseUrl: srv.url });
      const ids = Array.from({ length: 120 }, (_, i) => guid(i));
      const batch = await client.getPresences(ids);
      expect(srv.requests.map((r) => r.query.get('userId')!.split(',').length)).toEqual([50, 50, 20]);
      expect(srv.requests.every((r) => r.headers.accept === 'application/vnd.newvoicemedia.v1+json')).toBe(true);
      expect(srv.requests[0]!.url).toContain(`userId=${guid(0)},${guid(1)},`);
      // The fake leaves out the first id of each batch: the vendor's way to say "unknown".
      expect(batch.presences).toHaveLength(117);
      expect(batch.missing).toEqual([guid(0), guid(50), guid(100)]);
    } finally {
      await srv.close();
    }
  });

  it('keeps only the agents asked for, once each, whatever else the vendor sends', async () => {
    const asked = [guid(1), guid(2)];
    const srv = await startFakeServer((_req, res) =>
      json(res, 200, [
        { ...vonageOne, userId: guid(7) },
        { ...vonageOne, userId: guid(1).toUpperCase() },
        { ...vonageOne, userId: guid(2) },
        { ...vonageOne, userId: guid(2) },
        ...Array.from({ length: 1000 }, (_, i) => ({ ...vonageOne, userId: guid(100 + i) })),
      ]),
    );
    try {
      const batch = await createVonageClient({ transport, baseUrl: srv.url }).getPresences(asked);
      expect(batch.presences.map((p) => p.agentId.toLowerCase())).toEqual(asked);
      expect(batch.missing).toEqual([]);
    } finally {
      await srv.close();
    }
  });

  it('gets one, sets by PATCH {presenceId}, lists definitions', async () => {
    const srv = await startFakeServer((req, res) => {
      if (req.method === 'PATCH') return json(res, 200, { ...vonageOne, presence: { ...vonageOne.presence, presenceId: JSON.parse(req.body).presenceId } });
      if (req.path === '/agents/presence-definitions') return json(res, 200, { presenceDefinitions: [vonageOne.presence, { ...vonageOne.presence, presenceId: guid(9), selectable: false, description: 'On Call', category: { categoryType: 'Ready', description: 'Ready' } }] });
      json(res, 200, vonageOne);
    });
    try {
      const client = createVonageClient({ transport, baseUrl: srv.url });
      expect((await client.getPresence(vonageOne.userId)).state).toBe('offline');
      expect(await client.setPresence(vonageOne.userId, guid(5))).toMatchObject({ status: { id: guid(5) } });
      const patch = srv.requests.find((r) => r.method === 'PATCH')!;
      expect(patch.path).toBe(`/agents/${vonageOne.userId}/presence`);
      expect(patch.headers['content-type']).toBe('application/json');
      expect(JSON.parse(patch.body)).toEqual({ presenceId: guid(5) });
      expect(await client.listStatuses()).toEqual([
        { vendor: 'vonage', id: vonageOne.presence.presenceId, name: 'Logged Out', category: 'LoggedOut', state: 'offline', selectable: true },
        { vendor: 'vonage', id: guid(9), name: 'On Call', category: 'Ready', state: 'available', selectable: false },
      ]);
    } finally {
      await srv.close();
    }
  });

  it('lists all agents across pages from page 1, the documented first page, in the documented {users} shape', async () => {
    // GET /useradmin/users reference: page minimum 1, default 1; page 0 is a validation error.
    const users = Array.from({ length: 7 }, (_, i) => ({ userId: guid(i), name: `User ${i}`, userAccountConfiguration: { actAsAgent: i !== 3 } }));
    const srv = await startFakeServer((req, res) => {
      expect(req.headers.accept).toBe('application/vnd.newvoicemedia.v4+json');
      const page = Number(req.query.get('page'));
      const limit = Number(req.query.get('limit'));
      if (page < 1) return json(res, 400, { status: 400, title: 'One or more validation errors occurred.', errors: [{ message: 'The field page must be 1 or greater.', path: 'page' }] });
      json(res, 200, { users: users.slice((page - 1) * limit, page * limit) });
    });
    try {
      const agents = await createVonageClient({ transport, baseUrl: srv.url, usersPageSize: 3 }).listAgents();
      expect(agents.map((a) => a.agentId)).toEqual(users.filter((_, i) => i !== 3).map((u) => u.userId));
      const pages = srv.requests.map((r) => Number(r.query.get('page')));
      expect(pages).not.toContain(0);
      expect(pages[0]).toBe(1);
    } finally {
      await srv.close();
    }
  });

  it('asks for the pages after a full one together, and a page asked too far is no error', async () => {
    // 1-based, 3 per page: pages 1–3 full, page 4 short; pages past it answer 404.
    const users = Array.from({ length: 10 }, (_, i) => ({ id: guid(i) }));
    let inFlight = 0;
    const answeredBefore: Record<string, number> = {};
    let answered = 0;
    const srv = await startFakeServer(async (req, res) => {
      const page = Number(req.query.get('page'));
      answeredBefore[page] = answered;
      inFlight++;
      await new Promise((r) => setTimeout(r, 20));
      inFlight--;
      answered++;
      if (page < 1) return json(res, 400, { status: 400, title: 'Bad page', detail: 'page must be >= 1' });
      if (page > 4) return json(res, 404, { message: 'no such page' });
      json(res, 200, users.slice((page - 1) * 3, page * 3));
    });
    try {
      const agents = await createVonageClient({ transport, baseUrl: srv.url, usersPageSize: 3 }).listAgents();
      expect(agents.map((a) => a.agentId)).toEqual(users.map((u) => u.id));
      const pages = srv.requests.map((r) => Number(r.query.get('page')));
      // Page 1 alone; after full page 1, pages 2 and 3 together; after full 3, pages 4–7 together.
      expect(pages).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(answeredBefore[2]).toBe(answeredBefore[3]);
      expect([5, 6, 7].map((p) => answeredBefore[p])).toEqual([answeredBefore[4], answeredBefore[4], answeredBefore[4]]);
      expect(answeredBefore[4]! - answeredBefore[2]!).toBe(2);
      expect(inFlight).toBe(0);
    } finally {
      await srv.close();
    }
  });

  it('a page that is needed and fails is an error, even when read ahead', async () => {
    const users = Array.from({ length: 9 }, (_, i) => ({ id: guid(i) }));
    const srv = await startFakeServer((req, res) => {
      const page = Number(req.query.get('page'));
      if (page < 1) return json(res, 400, { status: 400, title: 'Bad page', detail: 'page must be >= 1' });
      if (page === 3) return json(res, 403, { message: 'forbidden page' });
      json(res, 200, users.slice((page - 1) * 3, page * 3));
    });
    try {
      const error = await createVonageClient({ transport, baseUrl: srv.url, usersPageSize: 3, retry: { maxAttempts: 1 } }).listAgents().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VendorApiError);
      expect(error).toMatchObject({ httpStatus: 403, vendorMessage: 'forbidden page' });
    } finally {
      await srv.close();
    }
  });

  it('fetches a token with a form body, reuses it, and refreshes once on 401', async () => {
    let issued = 0;
    const valid = new Set<string>();
    const srv = await startFakeServer((req, res) => {
      if (req.path === '/Auth/connect/token') {
        const form = new URLSearchParams(req.body);
        if (form.get('client_secret') !== 's3cret') return json(res, 400, { error: 'invalid_client', error_description: 'bad secret' });
        expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
        expect(form.get('grant_type')).toBe('client_credentials');
        expect(form.get('scope')).toBe('users:read users:write');
        const token = `tok-${++issued}`;
        valid.clear();
        valid.add(token);
        return json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 7200 });
      }
      const token = (req.headers.authorization ?? '').replace('Bearer ', '');
      if (!valid.has(token)) return json(res, 401, { message: 'token expired' });
      json(res, 200, vonageOne);
    });
    try {
      const auth = withClientCredentials(transport, { vendor: 'vonage', tokenUrl: `${srv.url}/Auth/connect/token`, clientId: 'cid', clientSecret: 's3cret', scope: 'users:read users:write', clientAuthentication: 'body' });
      const client = createVonageClient({ transport: auth, baseUrl: srv.url });
      await client.getPresence(vonageOne.userId);
      await client.getPresence(vonageOne.userId);
      expect(issued).toBe(1);
      valid.clear(); // the vendor expires the token
      await client.getPresence(vonageOne.userId);
      expect(issued).toBe(2);

      const bad = withClientCredentials(transport, { vendor: 'vonage', tokenUrl: `${srv.url}/Auth/connect/token`, clientId: 'cid', clientSecret: 'wrong', clientAuthentication: 'body' });
      const error = await createVonageClient({ transport: bad, baseUrl: srv.url }).getPresence(vonageOne.userId).catch((e: unknown) => e);
      expect(error).toMatchObject({ httpStatus: 400, code: 'invalid_client', vendorMessage: 'bad secret' });
      expect(String((error as Error).message)).not.toContain('wrong');
    } finally {
      await srv.close();
    }
  });

  it('keeps the vendor error of a 50-id overflow and of a missing scope', async () => {
    const srv = await startFakeServer((req, res) => {
      if (req.method === 'PATCH') return json(res, 403, { status: 403, title: 'Forbidden', detail: 'Scope users:write required' });
      json(res, 400, { status: 400, title: 'Query limit', detail: 'Maximum of 50 userIds' });
    });
    try {
      const client = createVonageClient({ transport, baseUrl: srv.url });
      await expect(client.getPresence(guid(1))).rejects.toMatchObject({ httpStatus: 400, code: 'Query limit', vendorMessage: 'Maximum of 50 userIds' });
      const e = await client.setPresence(guid(1), guid(2)).catch((x: unknown) => x);
      expect(e).toMatchObject({ httpStatus: 403, code: 'Forbidden' });
      expect((e as VendorApiError).hint).toMatch(/scope/);
    } finally {
      await srv.close();
    }
  });
});

describe('Talkdesk client over HTTP', () => {
  it('uses Basic auth for the token and reads presence', async () => {
    const srv = await startFakeServer((req, res) => {
      if (req.path === '/oauth/token') {
        expect(req.headers.authorization).toBe(`Basic ${Buffer.from('td-client:td-secret').toString('base64')}`);
        expect(new URLSearchParams(req.body).has('client_secret')).toBe(false);
        return json(res, 200, { access_token: 'td-token', token_type: 'Bearer', expires_in: 3600, scope: 'presence-user:read' });
      }
      expect(req.headers.authorization).toBe('Bearer td-token');
      json(res, 200, talkdeskPresence);
    });
    try {
      const auth = withClientCredentials(transport, { vendor: 'talkdesk', tokenUrl: `${srv.url}/oauth/token`, clientId: 'td-client', clientSecret: 'td-secret', clientAuthentication: 'basic' });
      const p = await createTalkdeskClient({ transport: auth, baseUrl: srv.url }).getPresence('5c6f2a1b9e8d7c0087654321');
      expect(p).toMatchObject({ agentId: '5c6f2a1b9e8d7c0087654321', state: 'busy' });
      expect(srv.requests[1]!.path).toBe('/users/5c6f2a1b9e8d7c0087654321/presence');
    } finally {
      await srv.close();
    }
  });

  it('sets a base status and a custom status by PUT, then reads back after a 204', async () => {
    let current: Record<string, unknown> = { ...talkdeskPresence, interactions: [], occupancy: 0 };
    const srv = await startFakeServer((req, res) => {
      if (req.method === 'PUT') {
        const body = JSON.parse(req.body);
        current = { ...current, status: body.status, custom_status_id: body.custom_status_id ?? null, custom_status: body.custom_status_id ? 'Lunch' : null };
        res.writeHead(204);
        return res.end();
      }
      json(res, 200, current);
    });
    try {
      const client = createTalkdeskClient({ transport, baseUrl: srv.url });
      expect(await client.setPresence('abc', 'offline')).toMatchObject({ state: 'offline', status: { id: 'offline' } });
      expect(JSON.parse(srv.requests[0]!.body)).toEqual({ status: 'offline' });
      expect(await client.setPresence('abc', 'cs-lunch')).toMatchObject({ state: 'away', status: { id: 'cs-lunch', name: 'Lunch' } });
      expect(JSON.parse(srv.requests[2]!.body)).toEqual({ status: 'away', custom_status_id: 'cs-lunch' });
    } finally {
      await srv.close();
    }
  });

  it('pages through HAL users by page number, never following a link to another host', async () => {
    const srv = await startFakeServer((req, res) => {
      const page = Number(req.query.get('page'));
      const users = [{ id: `u${page}a`, name: 'A', email: 'a@x', active: true }, { id: `u${page}b`, active: false }];
      json(res, 200, { count: 2, total: 6, page, per_page: 2, total_pages: 3, _embedded: { users }, _links: { next: { href: 'https://evil.example.com/users?page=9' } } });
    });
    try {
      const agents = await createTalkdeskClient({ transport, baseUrl: srv.url, usersPageSize: 2 }).listAgents();
      expect(agents.map((a) => a.agentId)).toEqual(['u1a', 'u2a', 'u3a']);
      expect(srv.requests.map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    } finally {
      await srv.close();
    }
  });

  it('lists base and custom statuses, and keeps Talkdesk error codes', async () => {
    const srv = await startFakeServer((req, res) => {
      if (req.path === '/account/custom-status') return json(res, 200, { custom_status: [{ id: 'cs-1', display_name: 'Lunch' }] });
      json(res, 404, { code: '0404001', message: 'User not found', fields: [] });
    });
    try {
      const client = createTalkdeskClient({ transport, baseUrl: srv.url });
      const statuses = await client.listStatuses({ mapping: { Lunch: 'busy' } });
      expect(statuses.map((s) => [s.id, s.state])).toEqual([['available', 'available'], ['away', 'away'], ['offline', 'offline'], ['hidden', 'offline'], ['cs-1', 'busy']]);
      await expect(client.getPresence('nobody')).rejects.toMatchObject({ httpStatus: 404, code: '0404001', vendorMessage: 'User not found' });
    } finally {
      await srv.close();
    }
  });
});

describe('faults over HTTP', () => {
  it('retries a 429 after its Retry-After and a 503, then succeeds', async () => {
    let n = 0;
    const srv = await startFakeServer((_req, res) => {
      n++;
      if (n === 1) return json(res, 429, { status: 429, description: 'Too Many Requests' }, { 'Retry-After': '2' });
      if (n === 2) return json(res, 503, '<html>down</html>');
      json(res, 200, { status: '200', object: { presence_type: 2, type_id: 2, name: 'Busy' } });
    });
    try {
      const t = fakeTime();
      const client = createCirrusClient({ transport, baseUrl: srv.url, sleep: t.sleep, now: t.now, random: () => 0.5, retry: { baseDelayMs: 100 } });
      expect((await client.getPresence('1')).state).toBe('busy');
      expect(t.sleeps).toEqual([2000, 100]);
    } finally {
      await srv.close();
    }
  });

  it('gives up at the budget with the vendor 429', async () => {
    const srv = await startFakeServer((_req, res) => json(res, 429, { message: 'fair usage' }, { 'Retry-After': '20' }));
    try {
      const t = fakeTime();
      const client = createVonageClient({ transport, baseUrl: srv.url, sleep: t.sleep, now: t.now, retry: { budgetMs: 30_000, maxAttempts: 10 } });
      await expect(client.getPresence(guid(1))).rejects.toMatchObject({ httpStatus: 429, vendorMessage: 'fair usage', retryAfterMs: 20_000 });
      expect(srv.requests).toHaveLength(2);
    } finally {
      await srv.close();
    }
  });

  it('a truncated body is retried for a read; a wrong type is not', async () => {
    let n = 0;
    const srv = await startFakeServer((req, res) => {
      n++;
      if (req.path.endsWith('/presence') && n === 1) return json(res, 200, '{"userId":"abc","upd');
      if (req.path.includes('bad')) return json(res, 200, {});
      json(res, 200, { ...vonageOne, presence: { ...vonageOne.presence, selectable: 'yes' } });
    });
    try {
      const client = createVonageClient({ transport, baseUrl: srv.url, ...instant });
      const e = await client.getPresence(guid(1)).catch((x: unknown) => x);
      expect(n).toBe(2);
      expect(e).toBeInstanceOf(ContractError);
      expect((e as ContractError).field).toBe('presence.selectable');
      expect((e as ContractError).endpoint).toBe('GET /agents/{userId}/presence');
    } finally {
      await srv.close();
    }
  });

  it('an HTML page on a 2xx is a contract error, not a crash', async () => {
    const srv = await startFakeServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html><body>Maintenance</body></html>');
    });
    try {
      await expect(createTalkdeskClient({ transport, baseUrl: srv.url, retry: { maxAttempts: 1 } }).getPresence('u1')).rejects.toThrow(/HTML page/);
    } finally {
      await srv.close();
    }
  });

  it('a refused connection is a NetworkError naming the vendor', async () => {
    const srv = await startFakeServer((_req, res) => json(res, 200, {}));
    const url = srv.url;
    await srv.close();
    const e = await createTalkdeskClient({ transport, baseUrl: url, retry: { maxAttempts: 1 } }).getPresence('u1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(NetworkError);
    expect((e as NetworkError).message).toMatch(/^Could not reach Talkdesk \(GET \/users\/\{id\}\/presence\)/);
  });

  it('a dropped connection is retried', async () => {
    let n = 0;
    const srv = await startFakeServer((req, res) => {
      if (++n === 1) return res.socket?.destroy();
      json(res, 200, talkdeskPresence);
    });
    try {
      expect((await createTalkdeskClient({ transport, baseUrl: srv.url, ...instant }).getPresence('u1')).state).toBe('busy');
      expect(n).toBe(2);
    } finally {
      await srv.close();
    }
  });

  it('stops starting requests at the deadline and reports the rest as skipped', async () => {
    const srv = await startFakeServer((_req, res) => json(res, 200, talkdeskPresence));
    try {
      let clock = 0;
      // Each request moves the clock 10 ms: with a 20 ms deadline, two start and two do not.
      const ticking = { ...transport, request: async (r: Parameters<UndiciTransport['request']>[0]) => { clock += 10; return transport.request(r); } };
      const timed = createTalkdeskClient({ transport: ticking, baseUrl: srv.url, concurrency: 1, now: () => clock });
      const batch = await timed.getPresences(['a1', 'a2', 'a3', 'a4'], { deadline: 20 });
      expect(batch.presences.map((p) => p.agentId)).toEqual(['a1', 'a2']);
      expect(batch.skipped).toEqual(['a3', 'a4']);
    } finally {
      await srv.close();
    }
  });
});

describe('configuration is checked', () => {
  it.each([
    ['http://api.example.com', /https/],
    ['file:///etc/passwd', /https/],
    ['https://user:pw@api.example.com', /user name or password/],
    ['https://api.example.com/?x=1', /query string/],
    ['not a url', /not a URL/],
  ])('refuses base URL %s', (baseUrl, message) => {
    expect(() => createCirrusClient({ transport, baseUrl })).toThrow(message);
  });

  it('keeps a path prefix and allows http on loopback', () => {
    expect(createCirrusClient({ transport, baseUrl: 'http://127.0.0.1:4010/cirrus/' }).baseUrl).toBe('http://127.0.0.1:4010/cirrus');
    expect(createVonageClient({ transport, region: 'apac' }).baseUrl).toBe('https://apac.api.newvoicemedia.com');
    expect(createTalkdeskClient({ transport, region: 'ca' }).baseUrl).toBe('https://api.talkdeskappca.com');
    expect(() => createVonageClient({ transport, region: 'mars' as never })).toThrow(/region/);
  });
});
