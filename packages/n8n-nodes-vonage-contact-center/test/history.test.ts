// Get Presence History through n8n's engine against the simulator: stints as the simulator's
// ground truth (/_sim/history) has them, the Summarize totals, the window and scope checks.
import { startSimulator, type Simulator } from '@agent-presence/simulator';
import { NodeHarness, simulatorCredentials } from '@agent-presence/n8n-shared/testing';
import type { IDataObject } from 'n8n-workflow';
import { VonageContactCenterOAuth2Api } from '../credentials/VonageContactCenterOAuth2Api.credentials';
import { VonageContactCenterPresence } from '../nodes/VonageContactCenterPresence/VonageContactCenterPresence.node';

const READY = '36054f94-d55f-4382-8132-ecac185c8e4d';
const BREAK = '8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40';
const LUNCH = 'b2e9d4c1-7a35-4f86-9c02-6a1e8f3d5b27';
const LOGGED_OUT = 'eaed6862-14fa-4114-be62-b8709b5d4a49';
const minute = 60_000;

let sim: Simulator;
let agents: string[];
let from: string;
let to: string;

const harness = (scope: string) => {
  const credentials = simulatorCredentials(sim);
  credentials.vonageContactCenterOAuth2Api = { ...credentials.vonageContactCenterOAuth2Api, scope };
  return new NodeHarness({ nodes: { action: new VonageContactCenterPresence() }, credentialTypes: [new VonageContactCenterOAuth2Api()], credentials });
};
const json = (items: Array<{ json: IDataObject }>) => items.map((i) => i.json);
const history = (h: NodeHarness, parameters: IDataObject) =>
  h.runAction('action', { resource: 'agentPresence', operation: 'getHistory', source: 'all', timeWindow: 'custom', from, to, ...parameters } as never);

beforeAll(async () => {
  // The simulator's clock is paused: only this test moves agents, so its history is exactly known.
  sim = await startSimulator({ agents: 6, seed: 11 });
  agents = sim.control.agents('vonage').agentIds;
  from = sim.control.time().now;
  // The scenario's own changes as the clock moves, plus changes of this test's own.
  const set = (agent: number, statusId: string) => sim.control.setPresence({ vendor: 'vonage', agentId: agents[agent]!, statusId });
  sim.control.advance(1000);
  for (const [agent, statusId, afterMs] of [[0, READY, 0], [1, BREAK, 0], [1, LOGGED_OUT, 7 * minute], [0, BREAK, 3 * minute], [0, READY, 5 * minute], [0, LUNCH, 20 * minute]] as const) {
    sim.control.advance(afterMs);
    set(agent, statusId);
  }
  sim.control.advance(3 * minute);
  to = sim.control.time().now;
});
afterAll(() => sim.close());

describe('Vonage Get Presence History', () => {
  it('gives one item per stint, as the simulator recorded them, each with the agent named', async () => {
    const h = harness('users:read stats');
    const { items, error } = await history(h, {});
    expect(error).toBeUndefined();
    const truth = sim.control.history({ from, to }).stints;
    expect(truth.length).toBeGreaterThanOrEqual(6);
    const got = json(items);
    expect(got.map((s) => [s.agentId, (s.status as IDataObject).name, s.start, s.end, s.durationMs])).toEqual(
      truth.map((s) => [s.agentId, s.statusName, s.start, s.end, s.durationMs]),
    );
    const users = sim.control.agents('vonage').users;
    for (const s of got) {
      expect(Object.keys(s)).toEqual(['vendor', 'agentId', 'name', 'state', 'status', 'start', 'end', 'durationMs']);
      expect(s.name).toBe(users.find((u) => u.id === s.agentId)!.name);
    }
    const lunch = got.find((s) => s.agentId === agents[0] && (s.status as IDataObject).name === 'Lunch')!;
    expect(lunch).toMatchObject({ state: 'away', end: null, durationMs: null, status: { category: 'Away' } });
  });

  it('Summarize: per agent and state, the time inside the window, a lasting stint counted to its end', async () => {
    const h = harness('users:read stats');
    const { items, error } = await history(h, { summarize: true, source: 'ids', agentIds: [agents[0], agents[1]] });
    expect(error).toBeUndefined();
    const toMs = Date.parse(to);
    const expected = new Map<string, { totalMs: number; stints: number }>();
    const stateOf: Record<string, string> = { Ready: 'available', Away: 'away', LoggedOut: 'offline' };
    for (const s of sim.control.history({ from, to }).stints.filter((x) => x.agentId === agents[0] || x.agentId === agents[1])) {
      const key = `${s.agentId} ${stateOf[s.category]}`;
      const t = expected.get(key) ?? { totalMs: 0, stints: 0 };
      t.totalMs += (s.end === null ? toMs : Date.parse(s.end)) - Date.parse(s.start);
      t.stints++;
      expected.set(key, t);
    }
    const got = json(items);
    expect(new Map(got.map((t) => [`${t.agentId} ${t.state}`, { totalMs: t.totalMs, stints: t.stints }]))).toEqual(expected);
    expect(got.find((t) => t.agentId === agents[0] && t.state === 'away')!.stints).toBeGreaterThanOrEqual(2);
    for (const t of got) expect(t).toMatchObject({ vendor: 'vonage', from: new Date(from).toISOString(), to: new Date(to).toISOString(), name: expect.any(String) });
  });

  it('Given IDs reads only those agents', async () => {
    const { items, error } = await history(harness('users:read stats'), { source: 'ids', agentIds: [agents[1]] });
    expect(error).toBeUndefined();
    expect(new Set(json(items).map((s) => s.agentId))).toEqual(new Set([agents[1]]));
    expect(items).toHaveLength(sim.control.history({ from, to, agentId: agents[1] }).stints.length);
  });

  it('refuses a reversed window, one over 31 days and a bad time, naming the field, before any request', async () => {
    const h = harness('users:read stats');
    sim.control.resetCounters();
    const reversed = await history(h, { from: to, to: from });
    expect(reversed.error!.message).toMatch(/^To: is not after From/);
    const long = await history(h, { from: '2024-11-01T00:00:00Z', to: '2024-12-19T00:00:00Z' });
    expect(long.error!.message).toMatch(/^To: is more than 31 days after From/);
    expect(long.error!.description).toMatch(/31 days/);
    const bad = await history(h, { from: 'yesterday-ish' });
    expect(bad.error!.message).toMatch(/^From: "yesterday-ish" is not a date and time/);
    expect(Object.keys(sim.control.counters().byEndpoint).filter((k) => k.includes('agent-activities'))).toEqual([]);
  });

  it('reads a picked time without a zone in the workflow time zone', async () => {
    // n8n's date picker stores a wall-clock time ("2025-01-06T04:12:00"); this workflow sets no
    // time zone, so it is n8n's default, America/New_York. From the start of a middle stint, as
    // New York's clock shows it: only the stints from there (read as UTC, it would be all of them).
    const all = sim.control.history({ from, to }).stints;
    // A picker gives whole seconds: this test's own changes start on whole seconds.
    const whole = all.filter((s) => Date.parse(s.start) % 1000 === 0);
    const middle = whole[Math.floor(whole.length / 2)]!.start;
    const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/New_York', dateStyle: 'short', timeStyle: 'medium' }).format(new Date(middle)).replace(' ', 'T');
    const { items, error } = await history(harness('users:read stats'), { from: wall });
    expect(error).toBeUndefined();
    expect(items).toHaveLength(sim.control.history({ from: middle, to }).stints.length);
    expect(items.length).toBeLessThan(all.length);
  });

  it('names the scope stats when the credential does not ask for it, and sends nothing', async () => {
    sim.control.resetCounters();
    const { error } = await history(harness('users:read users:write'), {});
    expect(error!.message).toBe('Credential > Scope: lacks stats');
    expect(error!.description).toMatch(/Get Presence History needs the scope stats.*"users:read users:write"/);
    expect(Object.keys(sim.control.counters().byEndpoint).filter((k) => k.includes('agent-activities'))).toEqual([]);
  });
});

describe('vendor-only operations', () => {
  it('the Vonage node offers Get Presence History and not Talkdesk\'s Set Occupancy', () => {
    const operations = new VonageContactCenterPresence().description.properties
      .filter((p) => p.name === 'operation')
      .flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));
    expect(operations).toContain('getHistory');
    expect(operations).not.toContain('setOccupancy');
  });
});
