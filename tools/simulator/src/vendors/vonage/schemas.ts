/** zod schemas of the control operations on Vonage webhooks. */
import { z } from 'zod/v4';

/** How `POST /_sim/webhooks/deliver` spoils a delivery (`none`: a correct one). */
export const WEBHOOK_TAMPER_MODES = ['none', 'unsigned', 'bad-signature', 'payload', 'expired', 'replay', 'wrong-alg'] as const;

export const DeliverWebhookSchema = z.strictObject({
  /** Default: every enabled subscription to agent.presencechanged.v1. */
  subscriptionId: z.string().min(1).optional(),
  /** A Vonage agent (user GUID); default the first agent. */
  agentId: z.string().min(1).optional(),
  tamper: z.enum(WEBHOOK_TAMPER_MODES).default('none'),
});

export const WebhookDeliveriesQuerySchema = z.strictObject({
  subscriptionId: z.string().min(1).optional(),
  agentId: z.string().min(1).optional(),
});

export const WebhookIdleSchema = z.strictObject({
  timeoutMs: z.number().int().min(0).max(600_000).optional(),
});

export type DeliverWebhookInput = z.input<typeof DeliverWebhookSchema>;
export type WebhookDeliveriesQueryInput = z.input<typeof WebhookDeliveriesQuerySchema>;
export type WebhookIdleInput = z.input<typeof WebhookIdleSchema>;
