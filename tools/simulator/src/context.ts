/** The shared mutable state of one running simulator. */
import type { VirtualClock } from './clock';
import type { Counters } from './counters';
import type { FaultStore } from './faults';
import type { Credentials, TokenStore } from './oauth';
import type { WebhookHub } from './webhooks';
import type { World } from './world';

export interface SimConfig {
  /** Fixed latency added to every vendor request, ms. */
  latencyMs: number;
  /** Add `user_id` to Talkdesk presence records, as older copies of the docs show. */
  talkdeskIncludeUserId: boolean;
  /** Records per page of Vonage presence history (the vendor's page size is not documented). */
  vonageHistoryPageSize: number;
}

export interface SimContext {
  world: World;
  clock: VirtualClock;
  tokens: TokenStore;
  faults: FaultStore;
  counters: Counters;
  /** Vonage webhook subscriptions and deliveries. */
  webhooks: WebhookHub;
  config: SimConfig;
  credentials: Credentials;
  /** http://host:port of the simulator. */
  url: string;
  /** Options the world was built from, kept for reset. */
  worldDefaults: { seed: number; agents: number; startTime?: number; timelineCap?: number; autoplay: boolean; speed: number };
}

/** Route the world's presence changes to the webhook deliveries (at start and after every reset). */
export function attachWorld(ctx: SimContext): void {
  ctx.world.onChange = (agent, at) => ctx.webhooks.onPresenceChange(agent, at);
}

/** Bring the world up to the clock's current time. */
export function syncWorld(ctx: SimContext): number {
  return ctx.world.sync(ctx.clock.now());
}
