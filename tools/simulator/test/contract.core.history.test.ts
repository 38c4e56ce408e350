/**
 * Vonage presence history through presence-core's client, over HTTP, against the simulator:
 * what the client reads is the simulator's ground truth (GET /_sim/history), each stint once,
 * across pages that repeat the records at their `upTo` boundary, with faults, and with the
 * scope the vendor requires.
 */
import { VendorApiError, summarizeStints, type PresenceStint, type VonageClient } from '@agent-presence/presence-core';
import { createUndiciTransport, type UndiciTransport } from '@agent-presence/presence-core/undici';
import { startSimulator, type Simulator } from '../src';
import { EXPECTED_STATE, makeClients, type ClientSet } from './core-support';

let sim: Simulator;
let transport: UndiciTransport;
let c: ClientSet;
let from: string;
let to: string;
const vonage = () => c.vonage as VonageClient;

beforeAll(async () => {
  sim = await startSimulator({ agents: 40, seed: 11 });
  transport = createUndiciTransport({ timeoutMs: 5_000 });
  c = makeClients(sim, transport, { vonageScope: 'users:read users:write stats' });
  from = sim.control.time().now;
  // Two hours of the scenario's own changes, and two agents changed at one instant
  // (so a page boundary can fall among records that begin together).
  sim.control.advance(60 * 60 * 1000);
  const [a, b] = sim.control.agents('vonage').agentIds;
  for (const id of [a!, b!]) sim.control.setPresence({ vendor: 'vonage', agentId: id, statusId: 'b2e9d4c1-7a35-4f86-9c02-6a1e8f3d5b27' });
  sim.control.advance(60 * 60 * 1000);
  to = sim.control.time().now;
});
afterAll(async () => {
  await transport.close();
  await sim.close();
});
beforeEach(() => {
  sim.control.clearFaults();
  sim.control.config({ vonageHistoryPageSize: 1000 });
  c.sent.length = 0;
});

interface TruthStint {
  agentId: string;
  statusName: string;
  category: string;
  start: string;
  end: string | null;
  durationMs: number | null;
}
function truth(agentId?: string): TruthStint[] {
  return sim.control.history({ from, to, ...(agentId ? { agentId } : {}) }).stints;
}
const view = (s: PresenceStint) => [s.agentId, s.status.name, s.status.category, s.state, s.start, s.end, s.durationMs];
const truthView = (s: TruthStint) => [s.agentId, s.statusName, s.category, EXPECTED_STATE.vonage[s.category], s.start, s.end, s.durationMs];
const historyRequests = () => c.sent.filter((r) => new URL(r.url).pathname.endsWith('/stats/agent-activities/presence'));

describe('Vonage presence history', () => {
  it('reads every stint of the window once, as the ground truth has it', async () => {
    const expected = truth();
    expect(expected.length).toBeGreaterThan(40);
    const stints = await vonage().getPresenceHistory({ from, to });
    expect(stints.map(view)).toEqual(expected.map(truthView));
    expect(historyRequests()).toHaveLength(1);
  });

  it('walks the upTo cursor across small pages and drops the records pages repeat', async () => {
    sim.control.config({ vonageHistoryPageSize: 7 });
    const expected = truth();
    const stints = await vonage().getPresenceHistory({ from, to });
    expect(stints.map(view)).toEqual(expected.map(truthView));
    // more requests than pages of distinct records would need: the boundaries repeat
    expect(historyRequests().length).toBeGreaterThanOrEqual(Math.ceil(expected.length / 7));
    const starts = historyRequests().map((r) => new URL(r.url).searchParams.get('start'));
    expect(new Set(starts).size).toBe(starts.length);
  });

  it('reads the agents asked for, one walk each', async () => {
    const ids = sim.control.agents('vonage').agentIds.slice(0, 3);
    const stints = await vonage().getPresenceHistory({ from, to, agentIds: ids });
    const expected = ids.flatMap((id) => truth(id)).sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : x.agentId < y.agentId ? -1 : 1));
    expect(stints.map(view)).toEqual(expected.map(truthView));
    expect(new Set(historyRequests().map((r) => new URL(r.url).searchParams.get('agentId')))).toEqual(new Set(ids));
  });

  it('retries a failed page and still keeps each stint once', async () => {
    sim.control.config({ vonageHistoryPageSize: 10 });
    sim.control.addFault({ vendor: 'vonage', endpoint: '/stats/agent-activities/presence', kind: '503', count: 2 });
    const stints = await vonage().getPresenceHistory({ from, to });
    expect(stints.map(view)).toEqual(truth().map(truthView));
  });

  it('summarizes per agent and state to the ground truth totals', async () => {
    const stints = await vonage().getPresenceHistory({ from, to });
    const totals = summarizeStints(stints, { from, to });
    const expected = new Map<string, number>();
    for (const s of truth()) {
      const key = `${s.agentId}|${EXPECTED_STATE.vonage[s.category]}`;
      const end = s.end === null ? Date.parse(to) : Date.parse(s.end);
      expected.set(key, (expected.get(key) ?? 0) + end - Date.parse(s.start));
    }
    expect(new Map(totals.map((t) => [`${t.agentId}|${t.state}`, t.totalMs]))).toEqual(expected);
  });

  it('needs the stats scope, as the vendor does', async () => {
    const narrow = makeClients(sim, transport, { vonageScope: 'users:read' });
    const error = await (narrow.vonage as VonageClient).getPresenceHistory({ from, to }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorApiError);
    expect((error as VendorApiError).httpStatus).toBe(403);
  });
});
