/** The shared mutable state of one running simulator. */
import type { VirtualClock } from './clock';
import type { Counters } from './counters';
import type { FaultStore } from './faults';
import type { TokenStore } from './oauth';
import type { VendorExtension } from './vendor';
import type { Credentials, VendorConfig, VendorId } from './vendors/registry';
import type { World } from './world';

export type SimConfig = {
  /** Fixed latency added to every vendor request, ms. */
  latencyMs: number;
} & VendorConfig;

export interface SimContext {
  world: World;
  clock: VirtualClock;
  tokens: TokenStore;
  faults: FaultStore;
  counters: Counters;
  /** What each vendor keeps beyond the world (webhook subscriptions, …), with its hooks. */
  extensions: Partial<Record<VendorId, VendorExtension>>;
  config: SimConfig;
  credentials: Credentials;
  /** http://host:port of the simulator. */
  url: string;
  /** Options the world was built from, kept for reset. */
  worldDefaults: { seed: number; agents: number; startTime?: number; timelineCap?: number; autoplay: boolean; speed: number };
}

/** Route the world's presence changes to the vendors' hooks (at start and after every reset). */
export function attachWorld(ctx: SimContext): void {
  const extensions = Object.values(ctx.extensions) as VendorExtension[];
  const listening = extensions.filter((e) => e.onPresenceChange !== undefined);
  ctx.world.onChange = (agent, at) => {
    for (const e of listening) e.onPresenceChange!(agent, at);
  };
  const overlays = extensions.filter((e) => e.shows !== undefined);
  ctx.world.shows =
    overlays.length === 0
      ? undefined
      : (agent, statusIdx, at) => overlays.reduce((idx, e) => e.shows!(agent, idx, at), statusIdx);
}

/** Bring the world, then the vendors' own timed state, up to the clock's current time. Returns the time. */
export function syncWorld(ctx: SimContext): number {
  const now = ctx.clock.now();
  ctx.world.sync(now);
  for (const e of Object.values(ctx.extensions)) e?.sync?.(now);
  return now;
}
