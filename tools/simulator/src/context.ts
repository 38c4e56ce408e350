/** The shared mutable state of one running simulator. */
import type { VirtualClock } from './clock';
import type { Counters } from './counters';
import type { FaultStore } from './faults';
import type { Credentials, TokenStore } from './oauth';
import type { World } from './world';

export interface SimConfig {
  /** Fixed latency added to every vendor request, ms. */
  latencyMs: number;
  /** First page number of Vonage GET /useradmin/users. */
  vonagePageBase: 0 | 1;
  /** Add `user_id` to Talkdesk presence records, as older copies of the docs show. */
  talkdeskIncludeUserId: boolean;
}

export interface SimContext {
  world: World;
  clock: VirtualClock;
  tokens: TokenStore;
  faults: FaultStore;
  counters: Counters;
  config: SimConfig;
  credentials: Credentials;
  /** http://host:port of the simulator. */
  url: string;
  /** Options the world was built from, kept for reset. */
  worldDefaults: { seed: number; agents: number; startTime?: number; timelineCap?: number; autoplay: boolean; speed: number };
}

/** Bring the world up to the clock's current time. */
export function syncWorld(ctx: SimContext): number {
  return ctx.world.sync(ctx.clock.now());
}
