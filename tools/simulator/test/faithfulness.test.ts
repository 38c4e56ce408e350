/**
 * Vendor faithfulness: the simulator's responses have the same keys and value types
 * (nested) as the examples and field lists of the vendor documentation, copied into
 * test/fixtures/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, TALKDESK_CUSTOM_STATUSES, type Simulator } from '../src';
import { bearer, call, cirrusHeaders, shapeDiff, talkdeskToken, vonageHeaders, vonageToken } from './helpers';

function fixture(name: string): any {
  const value = JSON.parse(readFileSync(join(__dirname, 'fixtures', name), 'utf8'));
  if (value && typeof value === 'object' && !Array.isArray(value)) delete value._comment;
  return value;
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ agents: 20, seed: 21 });
});
afterAll(() => sim.close());

describe('Vonage (seeds 001, 002, 003)', () => {
  const LOGGED_OUT = 'eaed6862-14fa-4114-be62-b8709b5d4a49';
  const READY = '36054f94-d55f-4382-8132-ecac185c8e4d';

  it('GET /agents/{userId}/presence matches the example of seed 002', async () => {
    const example = fixture('vonage-presence.json');
    const id = sim.control.agents('vonage').agentIds[0]!;
    sim.control.setPresence({ vendor: 'vonage', agentId: id, statusId: LOGGED_OUT });
    const token = await vonageToken(sim);
    const rec = (await call(`${sim.vendors.vonage.baseUrl}/agents/${id}/presence`, { headers: vonageHeaders(token) })).json();
    expect(shapeDiff(rec, example)).toEqual([]);
    // same presence definition as the documentation's example
    expect(rec.presence).toEqual(example.presence);
  });

  it('GET /agents/presences/users matches the example array of seed 001', async () => {
    const example = fixture('vonage-presences-users.json') as any[];
    const [a, b] = sim.control.agents('vonage').agentIds;
    sim.control.setPresence({ vendor: 'vonage', agentId: a!, statusId: LOGGED_OUT });
    sim.control.setPresence({ vendor: 'vonage', agentId: b!, statusId: READY });
    const token = await vonageToken(sim);
    const list = (await call(`${sim.vendors.vonage.baseUrl}/agents/presences/users?userId=${a},${b}`, { headers: vonageHeaders(token) })).json();
    expect(list).toHaveLength(2);
    list.forEach((rec: unknown, i: number) => expect(shapeDiff(rec, example[i])).toEqual([]));
    expect(list[0].presence).toEqual(example[0].presence);
    expect(list[1].presence).toEqual(example[1].presence);
  });

  it('PATCH /agents/{userId}/presence takes the request of seed 003 and answers its example', async () => {
    const request = fixture('vonage-set-presence-request.json');
    const example = fixture('vonage-set-presence-response.json');
    const id = sim.control.agents('vonage').agentIds[2]!;
    sim.control.setPresence({ vendor: 'vonage', agentId: id, statusId: READY });
    const token = await vonageToken(sim, 'users:write');
    const res = await call(`${sim.vendors.vonage.baseUrl}/agents/${id}/presence`, {
      method: 'PATCH',
      headers: vonageHeaders(token),
      json: request,
    });
    expect(res.status).toBe(200);
    expect(shapeDiff(res.json(), example)).toEqual([]);
    expect(res.json().presence).toEqual(example.presence);
  });
});

describe('Talkdesk (seed 004)', () => {
  it('GET /users/{id}/presence has exactly the documented fields and types', async () => {
    const example = fixture('talkdesk-presence.json');
    const id = sim.control.agents('talkdesk').agentIds[0]!;
    sim.control.setPresence({ vendor: 'talkdesk', agentId: id, statusId: 'available', interactions: 1 });
    const token = await talkdeskToken(sim);
    const rec = (await call(`${sim.vendors.talkdesk.baseUrl}/users/${id}/presence`, { headers: bearer(token) })).json();
    expect(rec.interactions.length * rec.devices.length * rec.channels.length).toBeGreaterThan(0);
    expect(shapeDiff(rec, example)).toEqual([]);
    expect(Object.keys(rec)).toEqual(Object.keys(example));

    const lunch = TALKDESK_CUSTOM_STATUSES[1]!;
    sim.control.setPresence({ vendor: 'talkdesk', agentId: id, statusId: lunch.id });
    const away = (await call(`${sim.vendors.talkdesk.baseUrl}/users/${id}/presence`, { headers: bearer(token) })).json();
    expect(shapeDiff({ ...away, interactions: rec.interactions }, example)).toEqual([]);
    expect(away).toMatchObject({ status: 'away', custom_status: lunch.display_name, custom_status_id: lunch.id });
  });

  it('errors have the documented shape', async () => {
    const example = fixture('talkdesk-error.json');
    const token = await talkdeskToken(sim);
    const res = await call(`${sim.vendors.talkdesk.baseUrl}/users/${'a'.repeat(24)}/presence`, { headers: bearer(token) });
    expect(res.status).toBe(404);
    expect(shapeDiff(res.json(), example)).toEqual([]);
  });
});

describe('Cirrus (seed 000)', () => {
  it('GET and POST presence use the documented envelope and object', async () => {
    const example = fixture('cirrus-presence.json');
    const id = sim.control.agents('cirrus').agentIds[1]!;
    const get = (await call(`${sim.vendors.cirrus.baseUrl}/managers/${id}/presence`, { headers: cirrusHeaders(sim) })).json();
    expect(shapeDiff(get, example)).toEqual([]);
    const post = await call(`${sim.vendors.cirrus.baseUrl}/managers/${id}/presence/1`, { method: 'POST', headers: cirrusHeaders(sim) });
    expect(shapeDiff(post.json(), example)).toEqual([]);
    expect(post.json().object).toEqual(example.object); // {1, 1, "Active"} as in the docs
  });

  it('GET /managers/presence lists {id, name, presenceType}', async () => {
    const example = fixture('cirrus-presence-types.json');
    const body = (await call(`${sim.vendors.cirrus.baseUrl}/managers/presence`, { headers: cirrusHeaders(sim) })).json();
    expect(shapeDiff(body, example)).toEqual([]);
  });

  it('GET /managers lists the documented manager fields', async () => {
    const example = fixture('cirrus-manager.json');
    const res = await call(`${sim.vendors.cirrus.baseUrl}/managers`, { headers: cirrusHeaders(sim) });
    // parse with ids as strings so the big ones stay exact
    const safe = JSON.parse(res.text.replace(/"id":(\d+)/g, '"id":0'));
    for (const m of safe.object) expect(shapeDiff(m, example)).toEqual([]);
  });
});
