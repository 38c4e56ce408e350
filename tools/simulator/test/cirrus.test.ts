import { startSimulator, type Simulator } from '../src';
import { call, cirrusHeaders } from './helpers';

let sim: Simulator;
let base: string;
let auth: Record<string, string>;

beforeAll(async () => {
  sim = await startSimulator({ agents: 25, seed: 3 });
  base = sim.vendors.cirrus.baseUrl;
  auth = cirrusHeaders(sim);
});
afterAll(() => sim.close());

const agentIds = () => sim.control.agents('cirrus').agentIds;

describe('Cirrus auth and envelope', () => {
  it('rejects a missing or wrong API key with a 401 Cirrus envelope', async () => {
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer nope' }, { authorization: `Basic ${sim.credentials.cirrus.apiKey}` }]) {
      const res = await call(`${base}/core/systemstatus`, { headers });
      expect(res.status).toBe(401);
      const body = res.json();
      expect(body.status).toBe(401);
      expect(typeof body.description).toBe('string');
      expect(typeof body.response_time).toBe('string');
      expect(body).not.toHaveProperty('object');
    }
  });

  it('answers the health check with the success envelope (status as a string)', async () => {
    const res = await call(`${base}/core/systemstatus`, { headers: auth });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.status).toBe('200');
    expect(typeof body.description).toBe('string');
    expect(new Date(body.response_time).toISOString()).toBe(body.response_time);
    expect(body.object).toBeDefined();
  });

  it('uses 404 for unknown paths and 501 for unsupported methods', async () => {
    const missing = await call(`${base}/nope`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(missing.json().status).toBe(404);
    const method = await call(`${base}/managers/presence`, { method: 'DELETE', headers: auth });
    expect(method.status).toBe(501);
    expect(method.json()).toMatchObject({ status: 501 });
  });
});

describe('Cirrus presence', () => {
  it('lists presence types with the three categories and custom ones', async () => {
    const res = await call(`${base}/managers/presence`, { headers: auth });
    expect(res.status).toBe(200);
    const types = res.json().object as Array<{ id: number; name: string; presenceType: number }>;
    expect(new Set(types.map((t) => t.presenceType))).toEqual(new Set([1, 2, 3]));
    for (const name of ['Active', 'Busy', 'Away', 'Lunch', 'Training', 'Offline']) {
      expect(types.some((t) => t.name === name)).toBe(true);
    }
    for (const t of types) {
      expect(Number.isInteger(t.id)).toBe(true);
      expect([1, 2, 3]).toContain(t.presenceType);
    }
  });

  it('gets and sets a manager presence', async () => {
    const id = agentIds()[0]!;
    const get = await call(`${base}/managers/${id}/presence`, { headers: auth });
    expect(get.status).toBe(200);
    expect(Object.keys(get.json().object).sort()).toEqual(['name', 'presence_type', 'type_id']);

    const set = await call(`${base}/managers/${id}/presence/1001`, { method: 'POST', headers: auth });
    expect(set.status).toBe(200);
    expect(set.json().object).toEqual({ presence_type: 3, type_id: 1001, name: 'Lunch' });
    const again = await call(`${base}/managers/${id}/presence`, { headers: auth });
    expect(again.json().object).toEqual({ presence_type: 3, type_id: 1001, name: 'Lunch' });

    const tl = sim.control.timeline({ vendor: 'cirrus', agentId: id });
    const last = tl.entries[tl.entries.length - 1]!;
    expect(last).toMatchObject({ agentId: id, statusId: '1001', statusName: 'Lunch', category: 'Away', source: 'api' });
  });

  it('rejects unknown or malformed activity ids and manager ids', async () => {
    const id = agentIds()[0]!;
    const unknownActivity = await call(`${base}/managers/${id}/presence/4242`, { method: 'POST', headers: auth });
    expect(unknownActivity.status).toBe(404);
    expect(unknownActivity.json()).toMatchObject({ status: 404 });
    const badActivity = await call(`${base}/managers/${id}/presence/lunch`, { method: 'POST', headers: auth });
    expect(badActivity.status).toBe(400);
    expect(badActivity.json()).toMatchObject({ status: 400 });
    const badId = await call(`${base}/managers/abc/presence`, { headers: auth });
    expect(badId.status).toBe(400);
    const unknownId = await call(`${base}/managers/123/presence`, { headers: auth });
    expect(unknownId.status).toBe(404);
    const tooBig = await call(`${base}/managers/99999999999999999999/presence`, { headers: auth });
    expect(tooBig.status).toBe(400);
  });

  it('reports FaceToFaceStatus in stats while the agent is on a call', async () => {
    const id = agentIds()[2]!;
    sim.control.setPresence({ vendor: 'cirrus', agentId: id, statusId: 2, onCall: true });
    const busy = await call(`${base}/managers/${id}/stats`, { headers: auth });
    expect(busy.status).toBe(200);
    expect(busy.json().object.FaceToFaceStatus).toBe(true);
    sim.control.setPresence({ vendor: 'cirrus', agentId: id, statusId: '1' });
    const free = await call(`${base}/managers/${id}/stats`, { headers: auth });
    expect(free.json().object.FaceToFaceStatus).toBe(false);
  });
});

describe('Cirrus managers', () => {
  it('lists agents (permissionId 2, some 4), a few admins (3) and bots (5) with the documented fields', async () => {
    const res = await call(`${base}/managers`, { headers: auth });
    expect(res.status).toBe(200);
    const managers = res.json().object as Array<Record<string, unknown>>;
    // agents may have any permissionId but 3 (admin) and 5 (bot)
    expect(managers.filter((m) => m.permissionId !== 3 && m.permissionId !== 5)).toHaveLength(25);
    expect(managers.filter((m) => m.permissionId === 4).length).toBeGreaterThanOrEqual(1);
    expect(managers.filter((m) => m.permissionId === 3).length).toBeGreaterThanOrEqual(2);
    expect(managers.filter((m) => m.permissionId === 5).length).toBeGreaterThanOrEqual(2);
    for (const m of managers) {
      expect(Object.keys(m).sort()).toEqual(
        ['email', 'firstName', 'id', 'lastName', 'permissionId', 'teamId', 'teamName', 'userName'].sort(),
      );
    }
  });

  it('emits int64 ids above 2^53 as exact bare integer literals', async () => {
    const res = await call(`${base}/managers`, { headers: auth });
    const big = agentIds().filter((id) => BigInt(id) > 2n ** 53n);
    expect(big.length).toBeGreaterThanOrEqual(5);
    expect(big).toContain('9007199254740993');
    for (const id of big) {
      expect(res.text).toContain(`"id":${id},`);
      expect(res.text).not.toContain(`"${id}"`);
      expect(String(Number(id))).not.toBe(id); // a JS number would lose it
    }
    // every id in the raw text is a bare integer
    const ids = [...res.text.matchAll(/"id":(\d+)[,}]/g)].map((m) => m[1]);
    expect(ids).toHaveLength(res.json().object.length);

    const stats = await call(`${base}/managers/9007199254740993/stats`, { headers: auth });
    expect(stats.text).toContain('"ManagerId":9007199254740993,');
  });

  it('gives admins no presence (404)', async () => {
    const admin = sim.control.agents('cirrus').users.find((u) => u.kind === 'admin')!;
    const res = await call(`${base}/managers/${admin.id}/presence`, { headers: auth });
    expect(res.status).toBe(404);
  });
});
