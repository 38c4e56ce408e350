/**
 * Supervisor features through presence-core over HTTP against the simulator: Talkdesk
 * "Change User Occupancy" (scope enforced, occupancy reflected in the presence served) and
 * bulk set (one result per agent, the vendor's error kept, a dry run writing nothing).
 */
import { VendorApiError, setPresenceMany, type TalkdeskClient } from '@agent-presence/presence-core';
import { addInteraction } from '@agent-presence/presence-core/talkdesk';
import { createUndiciTransport, type UndiciTransport } from '@agent-presence/presence-core/undici';
import { startSimulator, type Simulator } from '../src';
import { makeClients, type ClientSet } from './core-support';
import { call, talkdeskToken } from './helpers';

let sim: Simulator;
let transport: UndiciTransport;
let c: ClientSet;
const talkdesk = () => c.talkdesk as TalkdeskClient;
const ids = (vendor: 'cirrus' | 'vonage' | 'talkdesk') => sim.control.agents(vendor).agentIds;
const READY = '36054f94-d55f-4382-8132-ecac185c8e4d';
const LOGGED_OUT = 'eaed6862-14fa-4114-be62-b8709b5d4a49';

beforeAll(async () => {
  sim = await startSimulator({ agents: 60, seed: 13 });
  transport = createUndiciTransport({ timeoutMs: 5_000 });
  c = makeClients(sim, transport);
});
afterAll(async () => {
  await transport.close();
  await sim.close();
});
beforeEach(() => sim.control.clearFaults());

describe('Talkdesk Change User Occupancy', () => {
  it('marks an agent busy and frees them, as the presence then shows', async () => {
    const id = ids('talkdesk')[0]!;
    sim.control.setPresence({ vendor: 'talkdesk', agentId: id, statusId: 'available', interactions: [] });
    const busy = await talkdesk().changeOccupancy(id, addInteraction({ id: 'crm-task-1', channel_name: 'crm', cost: 100 }));
    expect(busy).toMatchObject({ agentId: id, state: 'busy', activity: { occupancy: 100, interactions: 1, onInteraction: true } });
    const state = sim.control.state('talkdesk').agents.find((a) => a.agentId === id)!;
    expect((state.record as { interactions: unknown[] }).interactions).toEqual([{ id: 'crm-task-1', channel_name: 'crm', cost: 100 }]);
    const free = await talkdesk().changeOccupancy(id, [
      { op: 'test', path: '/interactions/0/id', value: 'crm-task-1' },
      { op: 'remove', path: '/interactions/0' },
    ]);
    expect(free).toMatchObject({ state: 'available', activity: { occupancy: 0, interactions: 0 } });
  });

  it('keeps the vendor 422 of a patch that cannot apply, and 404 of an unknown user', async () => {
    const id = ids('talkdesk')[1]!;
    sim.control.setPresence({ vendor: 'talkdesk', agentId: id, statusId: 'available', interactions: [] });
    const e422 = await talkdesk().changeOccupancy(id, [{ op: 'remove', path: '/interactions/0' }]).catch((e: unknown) => e);
    expect([(e422 as VendorApiError).httpStatus, e422]).toEqual([422, expect.any(VendorApiError)]);
    const e404 = await talkdesk().changeOccupancy('ffffffffffffffffffffffff', addInteraction({ id: 't', channel_name: 'crm', cost: 50 })).catch((e: unknown) => e);
    expect((e404 as VendorApiError).httpStatus).toBe(404);
  });

  it('refuses a bad patch before any request, naming the operation', async () => {
    await expect(talkdesk().changeOccupancy(ids('talkdesk')[0]!, [{ op: 'add', path: '/status', value: 'x' }])).rejects.toThrow(/operations\[0\]\.path/);
    await expect(talkdesk().changeOccupancy(ids('talkdesk')[0]!, [{ op: 'add', path: '/interactions/-', value: { id: 'x' } }])).rejects.toThrow(/operations\[0\]\.value/);
  });

  it('needs presence-occupancy:write, as the vendor does', async () => {
    const token = await talkdeskToken(sim, 'presence-user:read presence-status:write');
    const res = await call(`${sim.vendors.talkdesk.baseUrl}/users/${ids('talkdesk')[0]}/presence/occupancy`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}` },
      json: addInteraction({ id: 'x', channel_name: 'crm', cost: 10 }),
    });
    expect(res.status).toBe(403);
  });
});

describe('setPresenceMany', () => {
  it('sets many Vonage agents, one result per agent in order, the vendor error kept for an unknown one', async () => {
    const agents = ids('vonage').slice(0, 30);
    for (const [i, id] of agents.entries()) sim.control.setPresence({ vendor: 'vonage', agentId: id, statusId: i % 3 ? READY : LOGGED_OUT });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const results = await setPresenceMany(c.vonage, [...agents.slice(0, 10), unknown, ...agents.slice(10)], LOGGED_OUT, { concurrency: 8 });
    expect(results.map((r) => r.agentId)).toEqual([...agents.slice(0, 10), unknown, ...agents.slice(10)]);
    const truth = new Map(sim.control.state('vonage').agents.map((a) => [a.agentId, a.statusId]));
    for (const r of results) {
      if (r.agentId === unknown) {
        expect(r.ok).toBe(false);
        if (!r.ok) expect((r.error as VendorApiError).httpStatus).toBe(404);
        continue;
      }
      expect(r).toMatchObject({ ok: true, current: { status: { id: LOGGED_OUT } } });
      expect(truth.get(r.agentId)).toBe(LOGGED_OUT);
    }
    expect(results.filter((r) => r.ok && r.changed)).toHaveLength(20);
  });

  it('on a dry run says who would change and writes nothing', async () => {
    const agents = ids('talkdesk').slice(10, 20);
    for (const [i, id] of agents.entries()) sim.control.setPresence({ vendor: 'talkdesk', agentId: id, statusId: i < 4 ? 'offline' : 'available' });
    const before = sim.control.timeline({ vendor: 'talkdesk' }).lastSeq;
    const results = await setPresenceMany(c.talkdesk, agents, 'offline', { dryRun: true });
    expect(sim.control.timeline({ vendor: 'talkdesk' }).lastSeq).toBe(before);
    expect(results.map((r) => r.ok && r.changed)).toEqual(agents.map((_, i) => i >= 4));
  });
});
