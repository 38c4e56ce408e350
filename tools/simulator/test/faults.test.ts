import { startSimulator, type Simulator } from '../src';
import { bearer, call, cirrusHeaders, talkdeskToken, vonageHeaders, vonageToken } from './helpers';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ agents: 25, seed: 11 });
});
afterAll(() => sim.close());
afterEach(() => {
  sim.control.clearFaults();
});

const cirrusId = () => sim.control.agents('cirrus').agentIds[0]!;
const vonageId = () => sim.control.agents('vonage').agentIds[0]!;
const talkdeskId = () => sim.control.agents('talkdesk').agentIds[0]!;
const cirrusPresence = () => call(`${sim.vendors.cirrus.baseUrl}/managers/${cirrusId()}/presence`, { headers: cirrusHeaders(sim) });

describe('error faults use each vendor error shape', () => {
  it('429 without Retry-After, then with it', async () => {
    sim.control.addFault({ vendor: 'cirrus', endpoint: '/managers/{id}/presence', kind: '429', count: 1 });
    const plain = await cirrusPresence();
    expect(plain.status).toBe(429);
    expect(plain.headers['retry-after']).toBeUndefined();
    expect(plain.json()).toEqual({ status: 429, description: 'Too Many Requests', response_time: expect.any(String) });

    sim.control.addFault({ vendor: 'cirrus', endpoint: '*', kind: 429, count: 1, retryAfterSeconds: 7 });
    const withHeader = await cirrusPresence();
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers['retry-after']).toBe('7');
    expect((await cirrusPresence()).status).toBe(200);
  });

  it('500 and 503 on Vonage and Talkdesk', async () => {
    const vt = await vonageToken(sim);
    const tt = await talkdeskToken(sim);
    sim.control.addFault({ vendor: 'vonage', endpoint: 'GET /agents/{userId}/presence', kind: '500', count: 1 });
    const v = await call(`${sim.vendors.vonage.baseUrl}/agents/${vonageId()}/presence`, { headers: vonageHeaders(vt) });
    expect(v.status).toBe(500);
    expect(v.json()).toEqual({ status: 500, title: expect.any(String), detail: expect.any(String) });

    sim.control.addFault({ vendor: 'talkdesk', endpoint: '/users/{id}/presence', kind: '503', count: 1 });
    const t = await call(`${sim.vendors.talkdesk.baseUrl}/users/${talkdeskId()}/presence`, { headers: bearer(tt) });
    expect(t.status).toBe(503);
    expect(t.json()).toMatchObject({ code: expect.any(String), message: expect.any(String), fields: [] });
  });

  it('token endpoint faults answer in the OAuth error shape', async () => {
    sim.control.addFault({ vendor: 'vonage', endpoint: '/Auth/connect/token', kind: '503', count: 1 });
    await expect(vonageToken(sim)).rejects.toThrow(/503.*temporarily_unavailable/);
    await expect(vonageToken(sim)).resolves.toEqual(expect.any(String));
  });
});

describe('transport faults', () => {
  it('latency delays the response', async () => {
    sim.control.addFault({ vendor: 'cirrus', endpoint: '*', kind: 'latency', ms: 150, count: 1 });
    const t0 = Date.now();
    const res = await cirrusPresence();
    expect(res.status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);
    // count: 1 is spent: the next request does not meet the fault again.
    await cirrusPresence();
    expect(sim.control.faults()).toEqual([expect.objectContaining({ kind: 'latency', hits: 1, remaining: 0 })]);
  });

  it('the latencyMs config delays every vendor request but not the control API', async () => {
    sim.control.config({ latencyMs: 120 });
    try {
      const t0 = Date.now();
      await cirrusPresence();
      expect(Date.now() - t0).toBeGreaterThanOrEqual(110);
      // Asked together, the control API answers first: it is not delayed (an order, not a time
      // limit, so a loaded machine cannot fail it).
      const done: string[] = [];
      await Promise.all([cirrusPresence().then(() => done.push('vendor')), call(`${sim.url}/_sim/time`).then(() => done.push('control'))]);
      expect(done).toEqual(['control', 'vendor']);
    } finally {
      sim.control.config({ latencyMs: 0 });
    }
  });

  it('drop destroys the socket without a response', async () => {
    sim.control.addFault({ vendor: 'cirrus', kind: 'drop', count: 1 });
    await expect(cirrusPresence()).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await cirrusPresence()).status).toBe(200);
  });

  it('truncate sends a valid status and half a JSON body', async () => {
    const full = await cirrusPresence();
    sim.control.addFault({ vendor: 'cirrus', endpoint: '/managers/{id}/presence', kind: 'truncate', count: 1 });
    const cut = await cirrusPresence();
    expect(cut.status).toBe(200);
    expect(cut.text.length).toBeGreaterThan(0);
    expect(cut.text.length).toBeLessThan(full.text.length);
    expect(full.text.startsWith(cut.text.slice(0, 20))).toBe(true);
    expect(() => JSON.parse(cut.text)).toThrow();
  });

  it('non-json answers an HTML error page', async () => {
    sim.control.addFault({ vendor: '*', kind: 'non-json', count: 1 });
    const res = await cirrusPresence();
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/^<!DOCTYPE html>/);
    sim.control.addFault({ vendor: '*', kind: 'non-json', count: 1, status: 200 });
    const ok = await cirrusPresence();
    expect(ok.status).toBe(200);
    expect(() => ok.json()).toThrow();
  });
});

describe('drift faults change a field of the vendor record', () => {
  it('drift-missing removes the default field', async () => {
    sim.control.addFault({ vendor: 'cirrus', endpoint: '/managers/{id}/presence', kind: 'drift-missing', count: 1 });
    const obj = (await cirrusPresence()).json().object;
    expect(obj).not.toHaveProperty('type_id');
    expect(obj).toHaveProperty('presence_type');
  });

  it('drift-renamed renames (default snake_case <-> camelCase, or a given name)', async () => {
    sim.control.addFault({ vendor: 'cirrus', endpoint: '/managers/{id}/presence', kind: 'drift-renamed', count: 1, field: 'presence_type' });
    const obj = (await cirrusPresence()).json().object;
    expect(obj).not.toHaveProperty('presence_type');
    expect(typeof obj.presenceType).toBe('number');

    const tt = await talkdeskToken(sim);
    sim.control.addFault({ vendor: 'talkdesk', endpoint: '/users/{id}/presence', kind: 'drift-renamed', count: 1, renameTo: 'state' });
    const rec = (await call(`${sim.vendors.talkdesk.baseUrl}/users/${talkdeskId()}/presence`, { headers: bearer(tt) })).json();
    expect(rec).not.toHaveProperty('status');
    expect(typeof rec.state).toBe('string');
  });

  it('drift-type changes a value type, in every record of a list', async () => {
    const vt = await vonageToken(sim);
    const ids = sim.control.agents('vonage').agentIds.slice(0, 3).join(',');
    sim.control.addFault({ vendor: 'vonage', endpoint: '/agents/presences/users', kind: 'drift-type', count: 1, field: 'presence.selectable' });
    const list = (await call(`${sim.vendors.vonage.baseUrl}/agents/presences/users?userId=${ids}`, { headers: vonageHeaders(vt) })).json();
    expect(list).toHaveLength(3);
    for (const r of list) expect(typeof r.presence.selectable).toBe('string');

    sim.control.addFault({ vendor: 'cirrus', endpoint: '/managers', kind: 'drift-type', count: 1 });
    const raw = await call(`${sim.vendors.cirrus.baseUrl}/managers`, { headers: cirrusHeaders(sim) });
    expect(raw.text).toContain('"id":"9007199254740993"');
  });
});

describe('token-expiry', () => {
  it('answers 401 and revokes every current token of the vendor', async () => {
    const a = await vonageToken(sim);
    const b = await vonageToken(sim);
    const url = `${sim.vendors.vonage.baseUrl}/agents/${vonageId()}/presence`;
    sim.control.addFault({ vendor: 'vonage', kind: 'token-expiry', count: 1 });
    const first = await call(url, { headers: vonageHeaders(a) });
    expect(first.status).toBe(401);
    expect(first.json()).toEqual({ message: expect.any(String) });
    expect((await call(url, { headers: vonageHeaders(a) })).status).toBe(401);
    expect((await call(url, { headers: vonageHeaders(b) })).status).toBe(401);
    const c = await vonageToken(sim); // the token endpoint is not affected
    expect((await call(url, { headers: vonageHeaders(c) })).status).toBe(200);
  });

  it('on Talkdesk and Cirrus too', async () => {
    const t = await talkdeskToken(sim);
    sim.control.addFault({ vendor: 'talkdesk', kind: 'token-expiry', count: 1 });
    const url = `${sim.vendors.talkdesk.baseUrl}/users/${talkdeskId()}/presence`;
    expect((await call(url, { headers: bearer(t) })).status).toBe(401);
    expect((await call(url, { headers: bearer(t) })).status).toBe(401);
    sim.control.addFault({ vendor: 'cirrus', kind: 'token-expiry', count: 1 });
    expect((await cirrusPresence()).status).toBe(401);
    expect((await cirrusPresence()).status).toBe(200); // a static API key is not revoked
  });
});

describe('rate and count modes', () => {
  async function statuses(n: number): Promise<number[]> {
    const out: number[] = [];
    for (let i = 0; i < n; i++) out.push((await cirrusPresence()).status);
    return out;
  }

  it('count fires on exactly the next N matching requests', async () => {
    const f = sim.control.addFault({ vendor: 'cirrus', endpoint: 'GET /managers/{id}/presence', kind: '500', count: 3 });
    expect(await statuses(5)).toEqual([500, 500, 500, 200, 200]);
    expect(sim.control.faults().find((x) => x.id === f.id)).toMatchObject({ hits: 3, remaining: 0 });
  });

  it('rate fires on a seeded share of requests, the same way for the same seed', async () => {
    sim.control.addFault({ vendor: 'cirrus', kind: '503', rate: 0.5 });
    const a = await statuses(60);
    const fails = a.filter((s) => s === 503).length;
    expect(fails).toBeGreaterThan(15);
    expect(fails).toBeLessThan(45);

    const other = await startSimulator({ agents: 25, seed: 11 });
    try {
      other.control.addFault({ vendor: 'cirrus', kind: '503', rate: 0.5 });
      const b: number[] = [];
      const id = other.control.agents('cirrus').agentIds[0]!;
      for (let i = 0; i < 60; i++) {
        b.push((await call(`${other.vendors.cirrus.baseUrl}/managers/${id}/presence`, { headers: cirrusHeaders(other) })).status);
      }
      expect(b).toEqual(a);
    } finally {
      await other.close();
    }
  });

  it('rate 0 never fires, and faults only match their vendor and endpoint', async () => {
    sim.control.addFault({ vendor: 'cirrus', kind: '500', rate: 0 });
    sim.control.addFault({ vendor: 'vonage', kind: '500' });
    sim.control.addFault({ vendor: 'cirrus', endpoint: '/managers', kind: '500' });
    expect(await statuses(10)).toEqual(Array(10).fill(200));
  });
});

describe('fault control API', () => {
  it('adds, lists and deletes faults over HTTP', async () => {
    const add = await call(`${sim.url}/_sim/faults`, { method: 'POST', json: { vendor: 'talkdesk', endpoint: '/users', kind: 'drop', rate: 0.1 } });
    expect(add.status).toBe(201);
    const fault = add.json();
    expect(fault).toMatchObject({ id: expect.any(String), vendor: 'talkdesk', endpoint: '/users', kind: 'drop', rate: 0.1, hits: 0 });
    const list = (await call(`${sim.url}/_sim/faults`)).json();
    expect(list.faults).toHaveLength(1);
    expect((await call(`${sim.url}/_sim/faults/${fault.id}`, { method: 'DELETE' })).status).toBe(200);
    await call(`${sim.url}/_sim/faults`, { method: 'POST', json: { kind: '500' } });
    const cleared = (await call(`${sim.url}/_sim/faults`, { method: 'DELETE' })).json();
    expect(cleared).toEqual({ removed: 1 });
  });

  it('rejects bad specs with 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: 'explode' }, 'kind'],
      [{ kind: 'latency' }, 'ms'],
      [{ kind: '500', rate: 2 }, 'rate'],
      [{ kind: '500', rate: 0.5, count: 2 }, 'count'],
      [{ kind: '500', vendor: 'genesys' }, 'vendor'],
      [{ kind: '500', vendor: 'vonage', endpoint: '/nope' }, 'endpoint'],
      [{ kind: '500', colour: 'red' }, 'colour'],
      [{ kind: '500', retryAfterSeconds: 3 }, 'retryAfterSeconds'],
    ];
    for (const [body, field] of cases) {
      const res = await call(`${sim.url}/_sim/faults`, { method: 'POST', json: body });
      expect(res.status).toBe(400);
      const err = res.json();
      expect(err.field).toBe(field);
      expect(err.error).toContain(`"${field}"`);
    }
  });
});
