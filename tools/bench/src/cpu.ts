// 2. CPU: normalising a poll's records and comparing them with the previous snapshot,
// against JSON.parse of the same records' bytes (the least any reader must do).
import { detectChanges, normalizePresence, type AgentPresence, type PresenceSnapshot } from '@agent-presence/presence-core';
import { startSimulator } from '@agent-presence/simulator';
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Vendor } from './sim';

/** A full garbage collection, so that each timed step starts from the same heap and pays for its own garbage only. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export interface CpuRow {
  kind: 'cpu';
  vendor: Vendor;
  records: number;
  normalize_diff_ms: number;
  json_parse_ms: number;
  ratio: number;
  normalize_ms: number;
  diff_ms: number;
  changes: number;
  bytes_per_record: number;
  iterations: number;
  [extra: string]: unknown;
}

interface Polls {
  ids: string[];
  /** The vendor records of two polls a minute apart (same agents, in the same order). */
  before: unknown[];
  after: unknown[];
}

const MAX_PER_WORLD = 50_000;

/** Cirrus records carry no id: the second world's ids get a prefix so that both worlds' agents stay distinct. */
function idOf(vendor: Vendor, world: number, agentId: string): string {
  return world === 0 || vendor !== 'cirrus' ? agentId : `${world + 1}${agentId}`;
}

/**
 * Vendor-shaped records of one vendor from the simulator's worlds (50,000 agents each, as
 * many worlds as needed): what its API returns, a minute apart. One vendor at a time, so
 * the heap holds only what is measured.
 */
export async function generatePolls(vendor: Vendor, records: number): Promise<Polls> {
  const out: Polls = { ids: [], before: [], after: [] };
  const worlds = Math.ceil(records / MAX_PER_WORLD);
  for (let w = 0; w < worlds; w++) {
    const agents = Math.min(MAX_PER_WORLD, records - w * MAX_PER_WORLD);
    const sim = await startSimulator({ agents, seed: 1 + w });
    try {
      const before = sim.control.state(vendor).agents;
      sim.control.advance(60_000);
      const after = sim.control.state(vendor).agents;
      for (let i = 0; i < before.length; i++) {
        if (before[i]!.agentId !== after[i]!.agentId) throw new Error('the simulator changed the order of its agents');
        out.ids.push(idOf(vendor, w, before[i]!.agentId));
        out.before.push(before[i]!.record);
        out.after.push(after[i]!.record);
      }
    } finally {
      await sim.close();
    }
  }
  return inIdOrder(out);
}

/**
 * The polls in the order the trigger reads them: its roster is `[...ids].sort()` and
 * reads come back in roster order (packages/n8n-shared/src/trigger/poll.ts), so a poll's
 * records reach detectChanges sorted by id, not in the simulator's order.
 */
function inIdOrder(polls: Polls): Polls {
  const order = polls.ids.map((_, i) => i).sort((a, b) => (polls.ids[a]! < polls.ids[b]! ? -1 : polls.ids[a]! > polls.ids[b]! ? 1 : 0));
  return { ids: order.map((i) => polls.ids[i]!), before: order.map((i) => polls.before[i]), after: order.map((i) => polls.after[i]) };
}

function normalizeAll(vendor: Vendor, ids: string[], records: unknown[]): AgentPresence[] {
  const out = new Array<AgentPresence>(records.length);
  for (let i = 0; i < records.length; i++) out[i] = normalizePresence(vendor, records[i], { agentId: ids[i] });
  return out;
}

/** CPU time of this process (all its threads, the GC's helpers too), ms. */
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number, digits = 1) => Number(n.toFixed(digits));

export function cpuBenchmark(vendor: Vendor, polls: Polls, iterations: number): CpuRow {
  const collect = collector();
  const { ids, after } = polls;
  const observedBefore = '2025-01-06T09:00:00.000Z';
  const observedAfter = '2025-01-06T09:01:00.000Z';
  const previous: PresenceSnapshot = detectChanges(undefined, normalizeAll(vendor, ids, polls.before), { observedAt: observedBefore }).snapshot;
  const bytes = JSON.stringify(after);

  const normalizeMs: number[] = [];
  const diffMs: number[] = [];
  const totalMs: number[] = [];
  const parseMs: number[] = [];
  const totalCpuMs: number[] = [];
  const parseCpuMs: number[] = [];
  let changes = 0;
  // As the trigger calls it: a poll that may be part of a sweep, with the roster.
  const options = { observedAt: observedAfter, complete: false, baseline: false, roster: ids };
  // One round first, unmeasured, for the JIT.
  for (let i = 0; i <= iterations; i++) {
    collect();
    const c0 = cpuNow();
    const t0 = performance.now();
    const presences = normalizeAll(vendor, ids, after);
    const t1 = performance.now();
    const result = detectChanges(previous, presences, options);
    const t2 = performance.now();
    const c2 = cpuNow();
    changes = result.changes.length;
    collect();
    const c3 = cpuNow();
    const t3 = performance.now();
    const parsed = JSON.parse(bytes) as unknown[];
    const t4 = performance.now();
    const c4 = cpuNow();
    if (parsed.length !== after.length) throw new Error('JSON.parse lost records');
    if (i === 0) continue;
    normalizeMs.push(t1 - t0);
    diffMs.push(t2 - t1);
    totalMs.push(t2 - t0);
    parseMs.push(t4 - t3);
    totalCpuMs.push(c2 - c0);
    parseCpuMs.push(c4 - c3);
  }
  // The best round: the code's own cost, least disturbed by other processes on the machine.
  const total = Math.min(...totalMs);
  const parse = Math.min(...parseMs);
  return {
    kind: 'cpu',
    vendor,
    records: after.length,
    normalize_diff_ms: round(total),
    json_parse_ms: round(parse),
    ratio: round(total / parse, 2),
    normalize_ms: round(Math.min(...normalizeMs)),
    diff_ms: round(Math.min(...diffMs)),
    normalize_diff_median_ms: round(median(totalMs)),
    json_parse_median_ms: round(median(parseMs)),
    // CPU time of the process (GC helper threads included), best round.
    normalize_diff_cpu_ms: round(Math.min(...totalCpuMs)),
    json_parse_cpu_ms: round(Math.min(...parseCpuMs)),
    changes,
    bytes_per_record: round(bytes.length / after.length),
    iterations,
  };
}

/**
 * Runs one vendor's CPU benchmark in a process of its own: a fresh heap (nothing left by
 * other benchmarks), and its own peak RSS.
 */
export function runCpu(vendor: Vendor, records: number, iterations: number): Promise<CpuRow> {
  const child = fork(join(__dirname, 'cpu-child.ts'), [vendor, String(records), String(iterations)], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise<CpuRow>((resolve, reject) => {
    let row: CpuRow | undefined;
    child.on('message', (m) => (row = m as CpuRow));
    child.once('error', reject);
    child.once('exit', (code) => (row && code === 0 ? resolve(row) : reject(new Error(`the CPU benchmark of ${vendor} failed (exit ${code})`))));
  });
}
