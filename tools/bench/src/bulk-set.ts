// 4. Bulk set: Set Many of every agent through n8n-core, against the same job one request at a time.
import { vendorRegistry } from '@agent-presence/presence-core';
import { harnessFor } from './nodes';
import type { SimHandle, Vendor } from './sim';
import { floorMs, type VendorSpec } from './vendors';

/** The logged-out status of each vendor in the simulator, as in examples/end-of-day.json. */
const loggedOut: Record<Vendor, string> = { cirrus: '1003', vonage: 'eaed6862-14fa-4114-be62-b8709b5d4a49', talkdesk: 'offline' };

export interface BulkSetRow {
  kind: 'bulk-set';
  vendor: Vendor;
  agents: number;
  latency_ms: number;
  concurrency: number;
  /** Vendor requests of one Set Many (list, reads, sets, and the token for OAuth2 vendors). */
  requests: number;
  ours_ms: number;
  /** The same Set Many with Max Concurrent Requests 1: every request one at a time. */
  one_at_a_time_ms: number;
  one_at_a_time_requests: number;
  one_at_a_time_vs_ours: number;
  /** ceil(requests / concurrency) × latency: the least time those requests allow. */
  floor_ms: number;
  ours_vs_floor: number;
  [extra: string]: unknown;
}

export interface BulkSetOptions {
  sim: SimHandle;
  spec: VendorSpec;
  agents: number;
  seed: number;
  latencyMs: number;
  /** Max Concurrent Requests of ours; default the vendor's (core's vendorRegistry), as the node uses. */
  concurrency?: number;
}

const round = (n: number, digits = 0) => Number(n.toFixed(digits));

/** One Set Many of every agent to the logged-out status, in a fresh n8n; its time and requests. */
async function setManyOnce(o: BulkSetOptions, concurrency: number | undefined): Promise<{ ms: number; requests: number }> {
  const { sim, spec, agents } = o;
  await sim.reset({ agents, seed: o.seed });
  await sim.config({ latencyMs: o.latencyMs });
  const h = harnessFor(sim, spec, undefined, true);
  const parameters = {
    resource: 'agentPresence',
    operation: 'setMany',
    source: 'all',
    status: { __rl: true, mode: 'id', value: loggedOut[spec.vendor] },
    options: concurrency === undefined ? {} : { concurrency },
  };
  await sim.resetCounters();
  const t = performance.now();
  const { items, error } = await h.runAction(spec.actionName, parameters as never);
  const ms = performance.now() - t;
  if (error) throw new Error(`${spec.vendor} Set Many failed: ${error.message}`);
  if (items.length !== agents || items.some((i) => i.json.error !== undefined || i.json.changed === undefined)) {
    throw new Error(`${spec.vendor} Set Many: expected ${agents} agents set, got ${items.length} items (${items.filter((i) => i.json.error).length} errors)`);
  }
  const state = await sim.state(spec.vendor);
  const notSet = state.agents.filter((a) => a.statusId !== loggedOut[spec.vendor]).length;
  if (notSet > 0) throw new Error(`${spec.vendor} Set Many: ${notSet} agents not set, by the simulator's state`);
  return { ms, requests: (await sim.counters()).byVendor[spec.vendor] };
}

export async function bulkSet(o: BulkSetOptions): Promise<BulkSetRow> {
  const concurrency = o.concurrency ?? vendorRegistry[o.spec.vendor].defaultConcurrency;
  // Unmeasured: module loading and JIT warm-up.
  await setManyOnce({ ...o, agents: 20, latencyMs: 0 }, o.concurrency);
  const ours = await setManyOnce(o, o.concurrency);
  const oneAtATime = await setManyOnce(o, 1);
  const floor = floorMs(ours.requests, concurrency, o.latencyMs);
  return {
    kind: 'bulk-set',
    vendor: o.spec.vendor,
    agents: o.agents,
    latency_ms: o.latencyMs,
    concurrency,
    requests: ours.requests,
    ours_ms: round(ours.ms),
    one_at_a_time_ms: round(oneAtATime.ms),
    one_at_a_time_requests: oneAtATime.requests,
    one_at_a_time_vs_ours: round(oneAtATime.ms / ours.ms, 1),
    floor_ms: floor,
    ours_vs_floor: round(ours.ms / floor, 2),
  };
}
