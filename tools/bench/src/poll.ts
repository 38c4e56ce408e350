// 1. Poll cycle: the trigger's poll through n8n-core, against the naive loop and the floor.
import { detectChanges, normalizePresence, vendorRegistry } from '@agent-presence/presence-core';
import { createUndiciTransport } from '@agent-presence/presence-core/undici';
import type { IDataObject } from 'n8n-workflow';
import { describe as describeBreakdown, instrument, type Breakdown } from './breakdown';
import { harnessFor, NaiveLoop, triggerParameters, withConcurrency } from './nodes';
import type { SimHandle, Vendor } from './sim';
import { floorMs, type VendorSpec } from './vendors';

/** A poll budget no complete read comes near: one poll reads every agent. */
const wholeBudgetMs = 600_000;

export interface PollRow {
  kind: 'poll';
  vendor: Vendor;
  agents: number;
  /** complete: one poll reads every agent; sweep: polls with a small budget, until a sweep ends. */
  mode: 'complete' | 'sweep';
  latency_ms: number;
  concurrency: number;
  /** Vendor requests of our read, from the simulator's counters. */
  requests: number;
  ours_ms: number;
  /** Naive loop, extrapolated to every agent when it was measured on a sample. */
  naive_ms: number | null;
  floor_ms: number;
  floor_requests: number;
  ours_vs_floor: number;
  naive_vs_ours: number | null;
  [extra: string]: unknown;
}

export interface PollOptions {
  sim: SimHandle;
  spec: VendorSpec;
  agents: number;
  seed: number;
  latencyMs: number;
  /** Agents the naive loop reads (then extrapolated to all); undefined: all of them. */
  naiveSample?: number;
  /** Requests in flight at once for ours (and the floor); default the vendor's (core's defaultConcurrency). */
  concurrency?: number;
  /** Also time the core client calls outside n8n (undici transport): n8n's share of the cost. */
  core?: boolean;
  /** Record where the time of our polls goes (listing, reading, each request). */
  breakdown?: boolean;
  /** Most rounds of a short measurement (the best is kept); default 5. */
  maxRounds?: number;
}

/**
 * Rounds of a measurement, the best kept: up to 5 while a round is short (under ~2 s), so
 * that a moment of contention on a shared machine does not decide a short figure.
 */
function roundsFor(floor: number, maxRounds: number): number {
  return Math.max(1, Math.min(maxRounds, Math.floor(10_000 / (floor * 1.5))));
}

/** A plain copy of n8n's static data (an observable proxy) as n8n would store it: JSON. */
const copy = (data: IDataObject): IDataObject => JSON.parse(JSON.stringify(data)) as IDataObject;
const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/** Users the vendor's list returns (agents and the others it lists), for the floor's list pages. */
async function listedUsers(sim: SimHandle, vendor: Vendor): Promise<number> {
  const { users } = await sim.agents(vendor);
  // Vonage: /useradmin/users?include=Active leaves archived users out.
  return users.filter((u) => !(vendor === 'vonage' && u.kind === 'archived')).length;
}

async function requestsOf(sim: SimHandle, vendor: Vendor): Promise<{ total: number; byEndpoint: Record<string, number> }> {
  const c = await sim.counters();
  const byEndpoint = Object.fromEntries(Object.entries(c.byEndpoint).filter(([k]) => k.startsWith(`${vendor} `)));
  return { total: c.byVendor[vendor], byEndpoint };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t };
}

/** A few small polls first, so that module loading and JIT warm-up are not measured. */
export async function warmUp(sim: SimHandle, spec: VendorSpec): Promise<void> {
  await sim.reset({ agents: 50, seed: 99 });
  await sim.config({ latencyMs: 0 });
  const p = harnessFor(sim, spec).poller(spec.triggerName, triggerParameters, { budgetMs: wholeBudgetMs });
  for (let i = 0; i < 3; i++) await p.poll();
  const naive = new NaiveLoop(spec, 20);
  await harnessFor(sim, spec, naive).poller('naiveLoop', {}, { budgetMs: wholeBudgetMs }).poll();
}

export async function pollComplete(o: PollOptions): Promise<{ row: PollRow; state: IDataObject }> {
  const { sim, spec, agents } = o;
  const vendor = spec.vendor;
  await sim.reset({ agents, seed: o.seed });
  await sim.config({ latencyMs: o.latencyMs });
  const users = await listedUsers(sim, vendor);

  const concurrency = o.concurrency ?? vendorRegistry[vendor].defaultConcurrency;
  const floorRequests = spec.minRequests(users, agents, spec.oauth);
  const floor = floorMs(floorRequests, concurrency, o.latencyMs);
  const repeatFloorRequests = spec.minRequests(users, agents, false);
  const repeatFloor = floorMs(repeatFloorRequests, concurrency, o.latencyMs);
  const rounds = roundsFor(floor, o.maxRounds ?? 5);

  const restoreConcurrency = o.concurrency === undefined ? () => undefined : withConcurrency(spec, concurrency);
  const probe = o.breakdown ? instrument(spec.config) : undefined;
  type Measured = { ms: number; requests: Awaited<ReturnType<typeof requestsOf>>; changes: number; breakdown?: Breakdown };
  let first: Measured | undefined;
  let repeat: Measured | undefined;
  let state: IDataObject = {};
  try {
    for (let round = 0; round < rounds; round++) {
      if (round > 0) await sim.reset({ agents, seed: o.seed });
      // Ours, first poll: a fresh n8n, so the OAuth2 token is fetched too; it stores the baseline.
      const poller = harnessFor(sim, spec).poller(spec.triggerName, triggerParameters, { budgetMs: wholeBudgetMs });
      await sim.resetCounters();
      probe?.take();
      const a = await timed(() => poller.poll());
      const aMeasured: Measured = { ms: a.ms, requests: await requestsOf(sim, vendor), changes: 0, breakdown: probe ? describeBreakdown(probe.take()) : undefined };
      const after = poller.staticData as IDataObject;
      if (after.after !== null || after.baseline !== false) throw new Error(`${vendor}: the first poll did not read every agent (after=${String(after.after)})`);

      // Ours, next poll a minute later: the token is reused and changes are emitted.
      await sim.advance(60_000);
      await sim.resetCounters();
      const b = await timed(() => poller.poll());
      const bMeasured: Measured = { ms: b.ms, requests: await requestsOf(sim, vendor), changes: b.value?.[0]?.length ?? 0, breakdown: probe ? describeBreakdown(probe.take()) : undefined };
      state = copy(poller.staticData);
      if (!first || aMeasured.ms < first.ms) first = aMeasured;
      if (!repeat || bMeasured.ms < repeat.ms) repeat = bMeasured;
    }
  } finally {
    probe?.restore();
    restoreConcurrency();
  }
  if (!first || !repeat) throw new Error('no round was measured');
  const core = o.core ? await coreRead(sim, spec, concurrency) : undefined;

  // Naive: list, then one request per agent, one at a time (on a sample, extrapolated).
  const sample = o.naiveSample === undefined ? agents : Math.min(o.naiveSample, agents);
  const naive = new NaiveLoop(spec, sample);
  const naivePoller = harnessFor(sim, spec, naive).poller('naiveLoop', {}, { budgetMs: wholeBudgetMs });
  await sim.resetCounters();
  const naiveRun = await timed(() => naivePoller.poll());
  const naiveRequests = await requestsOf(sim, vendor);
  const t = naive.timing!;
  const perAgentMs = t.readMs / t.agentsRead;
  const naiveMs = naiveRun.ms + perAgentMs * (agents - t.agentsRead);

  const row: PollRow = {
    kind: 'poll',
    vendor,
    agents,
    mode: 'complete',
    latency_ms: o.latencyMs,
    concurrency,
    requests: first.requests.total,
    ours_ms: round(first.ms),
    naive_ms: round(naiveMs),
    floor_ms: floor,
    floor_requests: floorRequests,
    ours_vs_floor: round(first.ms / floor, 2),
    naive_vs_ours: round(naiveMs / first.ms, 1),
    users_listed: users,
    requests_by_endpoint: first.requests.byEndpoint,
    rounds,
    // The steady state: the poll a minute later, token cached, changes emitted.
    repeat_ms: round(repeat.ms),
    repeat_requests: repeat.requests.total,
    repeat_floor_ms: repeatFloor,
    repeat_floor_requests: repeatFloorRequests,
    repeat_vs_floor: round(repeat.ms / repeatFloor, 2),
    repeat_changes: repeat.changes,
    naive_sampled: sample < agents,
    naive_sample: t.agentsRead,
    naive_measured_ms: round(naiveRun.ms),
    naive_measured_requests: naiveRequests.total,
    naive_requests: naiveRequests.total + (agents - t.agentsRead),
    naive_list_ms: round(t.listMs),
    naive_per_agent_ms: round(perAgentMs, 2),
    ...(core ? { core_ms: round(core.ms), core_requests: core.requests, core_vs_floor: round(core.ms / floor, 2) } : {}),
    ...(first.breakdown ? { breakdown: first.breakdown, repeat_breakdown: repeat.breakdown } : {}),
  };
  return { row, state };
}

/**
 * The same work through the core client outside n8n (undici, the core's own OAuth2): list,
 * read every agent, compare with a snapshot. The difference from ours is n8n's share.
 */
async function coreRead(sim: SimHandle, spec: VendorSpec, concurrency: number): Promise<{ ms: number; requests: number }> {
  const http = createUndiciTransport();
  try {
    const client = spec.coreClient(sim, http, concurrency);
    await sim.resetCounters();
    const run = await timed(async () => {
      const ids = [...new Set((await client.listAgents()).map((a) => a.agentId))].sort();
      const batch = await client.getPresences(ids);
      return detectChanges(undefined, batch.presences, { complete: false, roster: ids });
    });
    return { ms: run.ms, requests: (await requestsOf(sim, spec.vendor)).total };
  } finally {
    await http.close();
  }
}

export interface SweepOptions extends PollOptions {
  /** Poll budget, small enough that one poll reads only part of the agents. */
  budgetMs: number;
}

export interface SweepResult {
  row: PollRow;
  /** Static data after the first poll of a steady-state sweep: full snapshot plus cursor. */
  midSweepState: IDataObject;
  /** Static data when a sweep has just ended (no cursor). */
  completeState: IDataObject;
}

/**
 * Sweeping: with a budget too small for one poll to read everyone, polls read on from the
 * cursor. Measures a whole steady-state sweep (after the baseline sweep): its polls, time and
 * requests, against the floor of the same work (one listing, every agent read once).
 */
export async function pollSweep(o: SweepOptions): Promise<SweepResult> {
  const { sim, spec, agents } = o;
  const vendor = spec.vendor;
  await sim.reset({ agents, seed: o.seed });
  await sim.config({ latencyMs: o.latencyMs });
  const users = await listedUsers(sim, vendor);
  const concurrency = o.concurrency ?? vendorRegistry[vendor].defaultConcurrency;
  const restoreConcurrency = o.concurrency === undefined ? () => undefined : withConcurrency(spec, concurrency);
  try {
    return await sweep(o, users, concurrency);
  } finally {
    restoreConcurrency();
  }
}

/** What the trigger compares of an agent's presence, from the simulator's own record of it. */
function fingerprint(vendor: Vendor, agent: { agentId: string; record: unknown }): string {
  const p = normalizePresence(vendor, agent.record, { agentId: agent.agentId });
  return JSON.stringify([p.state, p.status.id, p.status.name, p.status.category]);
}

async function sweep(o: SweepOptions, users: number, concurrency: number): Promise<SweepResult> {
  const { sim, spec, agents } = o;
  const vendor = spec.vendor;
  const poller = harnessFor(sim, spec).poller(spec.triggerName, triggerParameters, { budgetMs: o.budgetMs });
  const state = () => poller.staticData as IDataObject;

  // The baseline sweep (nothing emitted until it ends).
  let baselinePolls = 0;
  do {
    await poller.poll();
    baselinePolls++;
    if (baselinePolls > 200) throw new Error(`${vendor}: the baseline sweep did not end in 200 polls`);
  } while (state().baseline === true);
  const completeState = copy(state());

  // Steady-state sweeps, a minute of the world apart: the best of a few rounds when they are short.
  const rounds = roundsFor(floorMs(spec.minRequests(users, agents, false), concurrency, o.latencyMs), o.maxRounds ?? 5);
  type Swept = { ms: number; polls: number; changes: number; requests: Awaited<ReturnType<typeof requestsOf>>; floorRequests: number; floor: number };
  let best: Swept | undefined;
  let midSweepState: IDataObject | undefined;
  let lost = 0;
  let repeated = 0;
  let spurious = 0;
  for (let round = 0; round < rounds; round++) {
    // Ground truth: the simulator's clock only moves when told, so the agents whose presence
    // differs across the minute (state, status id, name, category: what the trigger compares;
    // a Talkdesk agent on a call is busy with the same status) are exactly those the sweep
    // must report, once each.
    const before = new Map((await sim.state(vendor)).agents.map((a) => [a.agentId, fingerprint(vendor, a)]));
    await sim.advance(60_000);
    const expected = new Set((await sim.state(vendor)).agents.filter((a) => before.get(a.agentId) !== fingerprint(vendor, a)).map((a) => a.agentId));
    await sim.resetCounters();
    let polls = 0;
    let ms = 0;
    let changes = 0;
    const reported = new Map<string, number>();
    do {
      const run = await timed(() => poller.poll());
      ms += run.ms;
      changes += run.value?.[0]?.length ?? 0;
      for (const item of run.value?.[0] ?? []) reported.set(String(item.json.agentId), (reported.get(String(item.json.agentId)) ?? 0) + 1);
      polls++;
      if (polls === 1 && round === 0) midSweepState = copy(state());
      if (polls > 200) throw new Error(`${vendor}: the sweep did not end in 200 polls`);
    } while (state().after !== null);
    for (const id of expected) if (!reported.has(id)) lost++;
    for (const [id, n] of reported) {
      if (!expected.has(id)) spurious++;
      else if (n > 1) repeated += n - 1;
    }
    // The same work at the floor: the sweep lists the agents once and reads each agent once.
    const floorRequests = spec.minRequests(users, agents, false);
    const floor = floorMs(floorRequests, concurrency, o.latencyMs);
    const swept: Swept = { ms, polls, changes, requests: await requestsOf(sim, vendor), floorRequests, floor };
    if (!best || swept.ms / swept.floor < best.ms / best.floor) best = swept;
  }
  const { ms, polls, changes, requests, floorRequests, floor } = best!;
  return {
    row: {
      kind: 'poll',
      vendor,
      agents,
      mode: 'sweep',
      latency_ms: o.latencyMs,
      concurrency,
      requests: requests.total,
      ours_ms: round(ms),
      naive_ms: null,
      floor_ms: floor,
      floor_requests: floorRequests,
      ours_vs_floor: round(ms / floor, 2),
      naive_vs_ours: null,
      budget_ms: o.budgetMs,
      polls,
      baseline_polls: baselinePolls,
      changes,
      rounds,
      // Against the simulator's ground truth, over every measured sweep: must all be 0.
      lost,
      repeated,
      spurious,
      requests_by_endpoint: requests.byEndpoint,
    },
    midSweepState: midSweepState!,
    completeState,
  };
}
