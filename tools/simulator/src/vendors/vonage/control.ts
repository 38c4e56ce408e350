/**
 * Vonage's own control operations: presence history ground truth and webhook subscriptions,
 * deliveries and their log (the `/_sim/history` and `/_sim/webhooks/...` endpoints).
 */
import type { SimContext } from '../../context';
import { syncWorld } from '../../context';
import { SimulatorInputError, parseInput } from '../../input';
import type { SimulatorOptions } from '../../server';
import type { VendorExtension } from '../../vendor';
import type { VonageTypes } from '.';
import { stintView, vonageStints } from './history';
import {
  DeliverWebhookSchema,
  WebhookDeliveriesQuerySchema,
  WebhookIdleSchema,
  type DeliverWebhookInput,
  type WebhookDeliveriesQueryInput,
  type WebhookIdleInput,
} from './schemas';
import { createWebhookHub, type DeliverWebhookResult, type WebhookCounters, type WebhookDelivery, type WebhookSubscription } from './webhooks';

export interface VonageControl {
  /** Ground truth of Vonage presence history: the stints begun in [from, to) (default: all until now). */
  history(query?: { from?: string; to?: string; agentId?: string }): { stints: Array<ReturnType<typeof stintView>> };
  /** Vonage webhook subscriptions, secrets included, in creation order. */
  webhookSubscriptions(): WebhookSubscription[];
  /** Send one delivery of an agent's current presence now (optionally tampered) and report what the receiver answered. */
  deliverWebhook(input?: DeliverWebhookInput): Promise<DeliverWebhookResult>;
  /** Every delivery attempt (the last 10,000), oldest first. */
  webhookDeliveries(query?: WebhookDeliveriesQueryInput): WebhookDelivery[];
  /** Resolves when no queued delivery is pending (or after `timeoutMs`, default 10 s) with what is still pending. */
  webhooksIdle(input?: WebhookIdleInput): Promise<{ pending: number }>;
}

export interface VonageCounters {
  /** Webhook deliveries (not vendor requests: not in `total` / `byVendor`). */
  webhooks: WebhookCounters;
}

export function vonageExtension(
  ctx: SimContext,
  options: SimulatorOptions,
): VendorExtension<VonageTypes> {
  const hub = createWebhookHub(ctx, {
    ...(options.webhookRetryDelaysMs !== undefined ? { retryDelaysMs: [...options.webhookRetryDelaysMs] } : {}),
    ...(options.webhookTimeoutMs !== undefined ? { timeoutMs: options.webhookTimeoutMs } : {}),
  });
  const control: VonageControl = {
    history(query) {
      const now = syncWorld(ctx);
      const time = (v: string | undefined, field: string, fallback: number) => {
        if (v === undefined || v === '') return fallback;
        const ms = Date.parse(v);
        if (Number.isNaN(ms)) throw new SimulatorInputError(`Invalid ${field}: expected an ISO date-time`, field);
        return ms;
      };
      const from = time(query?.from, 'from', 0);
      const to = time(query?.to, 'to', now + 1);
      const agentId = query?.agentId || undefined;
      if (agentId !== undefined && !ctx.world.agent('vonage', agentId.toLowerCase())) {
        throw new SimulatorInputError(`No agent "${agentId}"`, 'agentId', 404);
      }
      return { stints: vonageStints(ctx.world, from, to, agentId?.toLowerCase()).map(stintView) };
    },
    webhookSubscriptions: () => hub.listWithSecrets(),
    async deliverWebhook(input) {
      const body = parseInput(DeliverWebhookSchema, input ?? {}, 'webhook delivery');
      return hub.deliver(body);
    },
    webhookDeliveries(query) {
      const q = parseInput(WebhookDeliveriesQuerySchema, query ?? {}, 'webhook deliveries query');
      return hub.deliveries(q);
    },
    async webhooksIdle(input) {
      const body = parseInput(WebhookIdleSchema, input ?? {}, 'webhooks idle');
      return hub.idle(body.timeoutMs);
    },
  };
  return {
    control,
    routes: [
      {
        method: 'GET',
        path: '/_sim/history',
        describe: '?from=&to=&agentId=  Vonage presence stints (ground truth)',
        handle: (c, query) => c.history(query),
      },
      {
        method: 'GET',
        path: '/_sim/webhooks/subscriptions',
        describe: 'Vonage webhook subscriptions, with secrets',
        handle: (c) => ({ subscriptions: c.webhookSubscriptions() }),
      },
      {
        method: 'POST',
        path: '/_sim/webhooks/deliver',
        describe: '{subscriptionId?, agentId?, tamper?: none|unsigned|bad-signature|payload|expired|replay|wrong-alg}',
        handle: (c, _query, body) => c.deliverWebhook((body ?? {}) as DeliverWebhookInput),
      },
      {
        method: 'GET',
        path: '/_sim/webhooks/deliveries',
        describe: '?subscriptionId=&agentId=  every delivery attempt',
        handle: (c, query) => c.webhookDeliveries(query as WebhookDeliveriesQueryInput),
      },
      {
        method: 'POST',
        path: '/_sim/webhooks/idle',
        describe: '{timeoutMs?}  wait until no delivery is pending',
        handle: (c, _query, body) => c.webhooksIdle((body ?? {}) as WebhookIdleInput),
      },
    ],
    counters: () => ({ webhooks: hub.counters() }),
    resetCounters: () => hub.resetCounters(),
    onPresenceChange: (agent, at) => hub.onPresenceChange(agent, at),
    reset: () => hub.reset(),
    close: () => hub.close(),
  };
}
