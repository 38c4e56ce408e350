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
  const listening = Object.values(ctx.extensions).filter((e) => e?.onPresenceChange !== undefined) as VendorExtension[];
  ctx.world.onChange = (agent, at) => {
    for (const e of listening) e.onPresenceChange!(agent, at);
  };
}

/** Bring the world up to the clock's current time. */
export function syncWorld(ctx: SimContext): number {
  return ctx.world.sync(ctx.clock.now());
}
