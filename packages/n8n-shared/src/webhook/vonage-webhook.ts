import {
  detectChanges,
  nameChanges,
  VendorApiError,
  type PresenceChange,
  type PresenceSnapshot,
  type PresenceState,
  type VonageClient,
} from '@agent-presence/presence-core';
import { enteredEventId, vendorEventId } from '@agent-presence/presence-core/trigger';
import { normalizeVonageEvent, verifyVonageSignature } from '@agent-presence/presence-core/vonage';
import { createHash, randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, INodeProperties, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { agentsFor } from '../agent-names';
import { createClientFor } from '../client';
import { includeRawOption, stateMappingOption, stateOptions } from '../common-properties';
import { toNodeError } from '../errors';
import { hostApis, requireHostApis } from '../host';
import { mappingFromCollection, statesFrom } from '../params';
import { vonageVendor } from '../vendors/vonage';

/** What the real-time trigger keeps in static data: written when the workflow is published, read by every process. */
interface WebhookState {
  subscriptionId?: string;
  /** The subscription's signing secret: needed to verify every delivery. */
  secret?: string;
  /** Written by earlier versions; removed on the next unpublish. */
  seen?: Record<string, number>;
  snapshot?: PresenceSnapshot;
}

/** Bounds the replay memory; a delivery expires after five minutes anyway. */
const maxSeen = 5000;

/**
 * n8n saves no static data written in webhook() when the delivery starts an execution, and
 * gives webhook() no other state that n8n shares between processes (no data table, no
 * de-duplication helper: those exist only where a node executes). So what a delivery leaves
 * behind lives here, in this n8n process, keyed by subscription:
 * - the tokens seen, to refuse a replay to this process (another process, or this one after
 *   a restart, accepts it: the execution's item then carries the same eventId, for
 *   de-duplication downstream);
 * - with "Previous Status From Memory" on, the last status per agent. Right only when this
 *   process receives every delivery of the subscription: off by default, so that `previous`
 *   is null rather than wrong behind a load balancer or after a missed delivery.
 */
const memory = new Map<string, { seen: Record<string, number>; snapshot?: PresenceSnapshot }>();
const maxSubscriptions = 1000;

function memoryFor(subscriptionId: string) {
  let m = memory.get(subscriptionId);
  if (!m) {
    if (memory.size >= maxSubscriptions) memory.delete(memory.keys().next().value as string);
    m = { seen: {} };
    memory.set(subscriptionId, m);
  }
  return m;
}

const previousFromMemoryOption: INodeProperties = {
  displayName: 'Previous Status From Memory',
  name: 'previousFromMemory',
  type: 'boolean',
  default: false,
  description:
    'Whether to fill "previous" from the last event this n8n process received for the agent, and skip an event that repeats the status it has. Right only when one n8n process receives every delivery (not queue mode with several webhook processes); otherwise "previous" is null.',
};

export const webhookTriggerProperties: INodeProperties[] = [
  {
    displayName: 'Requires the scopes admin:read and admin:write on the credential (admin:write creates and deletes the webhook subscription, admin:read checks it). Vonage applies new subscriptions within about 30 seconds.',
    name: 'notice',
    type: 'notice',
    default: '',
  },
  {
    displayName: 'Only When New State Is',
    name: 'onlyStates',
    type: 'multiOptions',
    options: stateOptions,
    default: [],
    description: 'Emit only changes into one of these common states. Empty: any state.',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [includeRawOption, previousFromMemoryOption, stateMappingOption],
  },
];

async function vonageClient(ctx: IHookFunctions): Promise<VonageClient> {
  return (await createClientFor(ctx, vonageVendor)) as VonageClient;
}

/** n8n's webhookMethods: the subscription follows the workflow's activation. */
export const vonageWebhookMethods = {
  default: {
    async checkExists(this: IHookFunctions): Promise<boolean> {
      requireHostApis(this, hostApis.hook);
      const state = this.getWorkflowStaticData('node') as WebhookState;
      if (!state.subscriptionId || !state.secret) return false;
      try {
        const url = this.getNodeWebhookUrl('default');
        const subscriptions = await (await vonageClient(this)).listWebhookSubscriptions();
        if (subscriptions.some((s) => s.id === state.subscriptionId && (!s.url || s.url === url))) return true;
      } catch (error) {
        throw toNodeError(this.getNode(), error);
      }
      delete state.subscriptionId;
      delete state.secret;
      return false;
    },
    async create(this: IHookFunctions): Promise<boolean> {
      requireHostApis(this, hostApis.hook);
      const state = this.getWorkflowStaticData('node') as WebhookState;
      const url = this.getNodeWebhookUrl('default');
      if (!url) throw toNodeError(this.getNode(), new Error('n8n gave no webhook URL for this trigger'));
      const secret = randomBytes(32).toString('base64');
      try {
        // Vonage wants a name of 3–128 characters, unique within the account: the workflow id makes it so.
        const workflow = this.getWorkflow();
        const name = `n8n ${workflow.id}: ${workflow.name ?? ''}`.trim().slice(0, 128);
        const subscription = await (await vonageClient(this)).createWebhookSubscription({ name, url, secret });
        state.subscriptionId = subscription.id;
        state.secret = secret;
        return true;
      } catch (error) {
        throw toNodeError(this.getNode(), error);
      }
    },
    async delete(this: IHookFunctions): Promise<boolean> {
      requireHostApis(this, hostApis.hook);
      const state = this.getWorkflowStaticData('node') as WebhookState;
      if (state.subscriptionId) {
        try {
          await (await vonageClient(this)).deleteWebhookSubscription(state.subscriptionId);
        } catch (error) {
          // Already gone is what we wanted; anything else must be seen.
          if (!(error instanceof VendorApiError && error.httpStatus === 404)) throw toNodeError(this.getNode(), error);
        }
      }
      if (state.subscriptionId) memory.delete(state.subscriptionId);
      delete state.subscriptionId;
      delete state.secret;
      delete state.seen;
      delete state.snapshot;
      return true;
    },
  },
};

function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
  ctx.getResponseObject().status(status).json({ error: message });
  return { noWebhookResponse: true };
}

/**
 * One delivery: verify the signature (and that it is not a replay) before anything else,
 * then turn the event into a PresenceChange. Refused deliveries start no execution.
 */
export async function receiveVonageWebhook(ctx: IWebhookFunctions): Promise<IWebhookResponseData> {
  requireHostApis(ctx, hostApis.webhook);
  const state = ctx.getWorkflowStaticData('node') as WebhookState;
  const req = ctx.getRequestObject();
  // n8n reads the body only for the content types it parses; Vonage sends application/cloudevents+json.
  // Where the body was left unread, read it raw now (n8n's rawBodyReader gives readRawBody).
  const readRawBody = (req as { readRawBody?: () => Promise<void> }).readRawBody;
  if (!req.rawBody && typeof readRawBody === 'function') await readRawBody.call(req);
  const raw: Buffer | string = req.rawBody ?? (typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null));
  const header = ctx.getHeaderData()['vonage-signature'];
  const token = Array.isArray(header) ? header[0] : header;
  if (!state.secret) return refuse(ctx, 401, 'this trigger has no active subscription');
  const now = Date.now();
  const check = verifyVonageSignature({ token, body: raw, secret: state.secret, now });
  if (!check.ok) return refuse(ctx, 401, check.message);

  const remembered = memoryFor(state.subscriptionId ?? 'none');
  const seen = remembered.seen;
  const nowSec = Math.floor(now / 1000);
  for (const [key, exp] of Object.entries(seen)) if (exp < nowSec - 60) delete seen[key];
  const replayKey = check.jti ?? createHash('sha256').update(String(token)).digest('hex').slice(0, 32);
  if (seen[replayKey] !== undefined) return refuse(ctx, 401, 'this delivery was already received (replay)');
  const keys = Object.keys(seen);
  if (keys.length >= maxSeen) for (const key of keys.slice(0, keys.length - maxSeen + 1)) delete seen[key];
  seen[replayKey] = Math.ceil(check.expiresAt / 1000);

  const options = ctx.getNodeParameter('options', {}) as IDataObject;
  const observedAt = new Date(now).toISOString();
  let change: PresenceChange | undefined;
  try {
    const event: unknown = JSON.parse(raw.toString());
    const presence = normalizeVonageEvent(event, { mapping: mappingFromCollection(options.stateMapping), includeRaw: options.includeRaw === true });
    // The same change delivered again, to any process, gets the same id: the status and the time
    // it began (as the polling trigger derives it), else the event's own CloudEvents id.
    const since = presence.since === null ? Number.NaN : Date.parse(presence.since);
    const { id, source } = event as { id: string; source?: string | null };
    const eventId = Number.isNaN(since) ? vendorEventId('vonage', source ?? null, id) : enteredEventId('vonage', presence.agentId, presence.state, presence.status.id, since);
    if (options.previousFromMemory === true) {
      const result = detectChanges(remembered.snapshot, [presence], { observedAt, complete: false, baseline: false });
      remembered.snapshot = result.snapshot;
      change = result.changes[0] && { ...result.changes[0], eventId };
    } else {
      change = { eventId, event: 'changed', agentId: presence.agentId, name: null, email: null, vendor: 'vonage', current: presence, previous: null, durationInPreviousMs: null, observedAt };
    }
  } catch (error) {
    return refuse(ctx, 400, toNodeError(ctx.getNode(), error).message);
  }
  // The same status again (re-selected) is no change, when this process knows the last one.
  if (!change) return { webhookResponse: { received: true } };
  // A first event for an agent is still a change: only its previous status is unknown.
  if (change.event === 'appeared') change = { ...change, event: 'changed' };
  const onlyStates = statesFrom(ctx.getNodeParameter('onlyStates', []));
  if (onlyStates.length > 0 && !onlyStates.includes(change.current?.state as PresenceState)) return { webhookResponse: { received: true } };
  // The event names no one: the user list (kept in this process, read when it lacks the agent) does.
  const client = await createClientFor(ctx, vonageVendor).catch(() => undefined);
  if (client) nameChanges([change], await agentsFor(ctx, vonageVendor, client, [change.agentId]));
  return { workflowData: [[{ json: change as unknown as IDataObject }]] };
}
