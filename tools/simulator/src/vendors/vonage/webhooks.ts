/**
 * Vonage Contact Center webhooks: subscriptions (created through the vendor API),
 * CloudEvents 1.0 `agent.presencechanged` deliveries signed with a `Vonage-Signature`
 * JWT (HS256, implemented here with node:crypto), a queue per subscription with
 * retries, a bounded log of every attempt, and tampered deliveries for receiver tests.
 *
 * Times: event times (`time`, `data.timestamp`) are VIRTUAL; the JWT's `iat`/`exp`
 * and the delivery log's `at` are WALL-CLOCK (they are about real transport time).
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { SimContext } from '../../context';
import { syncWorld } from '../../context';
import { SimulatorInputError } from '../../input';
import { hash32 } from '../../random';
import type { SimAgent } from '../../types';
import { postOnce, type PostResult } from '../../outbound';
import { VONAGE_STATUSES, type VonageStatus } from './catalog';
import { WEBHOOK_TAMPER_MODES } from './schemas';

/** The only event a subscription can ask for. */
export const VONAGE_WEBHOOK_EVENTS = ['agent.presencechanged.v1'] as const;
export const VONAGE_PRESENCE_EVENT = VONAGE_WEBHOOK_EVENTS[0];
/** CloudEvents `type` of the delivered event: versioned, as the subscription names it. */
export const VONAGE_PRESENCE_CLOUDEVENT_TYPE = VONAGE_PRESENCE_EVENT;
export const VONAGE_PRESENCE_CLOUDEVENT_SOURCE = '/agent';
/** How Vonage sends a delivery: a CloudEvents 1.0 structured-mode body. */
export const VONAGE_WEBHOOK_CONTENT_TYPE = 'application/cloudevents+json';
/** A `Vonage-Signature` is valid for five minutes after issue. */
export const VONAGE_SIGNATURE_TTL_S = 300;

export { WEBHOOK_TAMPER_MODES };
export type WebhookTamperMode = (typeof WEBHOOK_TAMPER_MODES)[number];

/** Waits before the 2nd, 3rd and 4th attempt of a failed queued delivery (then it is dropped). */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [100, 250, 500];
/** A receiver that has not answered after this long counts as an `error` attempt. */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5_000;
/** Delivery attempts kept in the log. */
export const WEBHOOK_DELIVERY_LOG_CAP = 10_000;
/** Events waiting per subscription; beyond it new events are not queued (counted as `overflow`). */
export const WEBHOOK_QUEUE_CAP = 10_000;

/** A subscription as the control API shows it (the vendor API never shows the secret). */
export interface WebhookSubscription {
  /** Vonage names a subscription's id `subscriptionId` in create, list and get-one answers. */
  subscriptionId: string;
  name: string;
  url: string;
  events: string[];
  enabled: boolean;
  /** The base64 secret as given at creation. */
  secret: string;
}

/** A subscription as the vendor API answers it. */
export type PublicWebhookSubscription = Omit<WebhookSubscription, 'secret'>;

/** One delivery attempt. */
export interface WebhookDelivery {
  subscriptionId: string;
  /** CloudEvents id of the event (the same on every attempt and every subscription of one change). */
  eventId: string;
  /** Vonage user id (GUID) of the agent. */
  agentId: string;
  /** HTTP status the receiver answered, or `'error'` (connection refused, reset, timeout). */
  status: number | 'error';
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Wall-clock ISO time the attempt ended. */
  at: string;
  /** `jti` of the JWT sent (null when unsigned). */
  jti: string | null;
  /** Set on deliveries made by `POST /_sim/webhooks/deliver` (`'none'` included). */
  tampered?: WebhookTamperMode;
  /** What went wrong when `status` is `'error'`. */
  error?: string;
}

export interface WebhookCounters {
  /** Delivery attempts made (queued and manual). */
  attempts: number;
  /** Attempts answered 2xx. */
  delivered: number;
  /** Attempts answered non-2xx or failed at the transport. */
  failedAttempts: number;
  /** Attempts that were retries of a queued delivery. */
  retries: number;
  /** Queued deliveries given up after the last retry. */
  dropped: number;
  /** Events not queued because the subscription's queue was full. */
  overflow: number;
  /** Events waiting or in flight now. */
  pending: number;
  /** Attempts per receiver `host[:port]`. */
  byHost: Record<string, number>;
}

export interface WebhookSendResult {
  subscriptionId: string;
  url: string;
  eventId: string;
  agentId: string;
  jti: string | null;
  /** What the receiver answered (`'error'`: no HTTP answer). */
  status: number | 'error';
  tampered: WebhookTamperMode;
  /** The `Vonage-Signature` header sent, `Bearer <jwt>` (null when unsigned). */
  signature: string | null;
  /** The `Content-Type` sent. */
  contentType: string;
  /** The exact body sent. */
  body: string;
  error?: string;
}

/**
 * What `deliverWebhook` sent: the (first) delivery's fields at the top level, for the
 * common one-subscription case, and every delivery in `deliveries`.
 */
export interface DeliverWebhookResult extends WebhookSendResult {
  deliveries: WebhookSendResult[];
}

export interface WebhookOptions {
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
}

// ------------------------------------------------------------------ event and signature

const EVENT_CATEGORY: Record<VonageStatus['categoryType'], string> = {
  Ready: 'ready',
  Away: 'away',
  ExtendedAway: 'extendedAway',
  LoggedOut: 'loggedOut',
};

/** The numeric-looking `user.agentId` of an event: stable per seed and agent, unique in a world. */
export function vonageAgentNumber(seed: number, index: number): string {
  return String(1_000_000 + (hash32(seed, 'vonage-agent-number') % 1_000_000) + index);
}

/** The CloudEvents 1.0 envelope of an `agent.presencechanged` event. */
export function vonagePresenceEvent(input: {
  eventId: string;
  /** Virtual ms the event is emitted at (`time`). */
  time: number;
  /** Virtual ms of the change (`data.timestamp`). */
  at: number;
  statusIdx: number;
  agentNumber: string;
  userId: string;
}) {
  const s = VONAGE_STATUSES[input.statusIdx]!;
  return {
    specversion: '1.0',
    id: input.eventId,
    type: VONAGE_PRESENCE_CLOUDEVENT_TYPE,
    source: VONAGE_PRESENCE_CLOUDEVENT_SOURCE,
    subject: input.agentNumber,
    time: new Date(input.time).toISOString(),
    datacontenttype: 'application/json',
    data: {
      timestamp: new Date(input.at).toISOString(),
      presence: {
        presenceId: s.presenceId,
        category: { type: EVENT_CATEGORY[s.categoryType], ...(s.subCategory !== undefined ? { subcategory: s.subCategory } : {}) },
        description: s.name,
      },
      user: { agentId: input.agentNumber, userId: input.userId },
    },
  };
}

/** Strict base64 (standard alphabet, padded): the secrets presence-core decodes too. */
export function isBase64Secret(secret: string): boolean {
  return secret.length > 0 && secret.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(secret);
}

/** The HMAC key of a subscription: the base64-decoded bytes of its secret. */
export function webhookKey(secret: string): Buffer {
  return Buffer.from(secret, 'base64');
}

const b64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export interface SignOptions {
  /** Wall-clock seconds (default now). */
  iat?: number;
  jti?: string;
  /** Header `alg` (default HS256; the token is HMAC-SHA256-signed whatever it says). */
  alg?: string;
}

/**
 * The `Vonage-Signature` JWT of a body: header `{alg:"HS256",typ:"JWT"}`, claims
 * `{iat, exp: iat+300, jti, iss:"Vonage", payload_hash: sha256-hex(body)}`, HS256
 * with `key`; base64url segments without padding.
 */
export function signVonageWebhook(body: Buffer | string, key: Buffer, options: SignOptions = {}): { token: string; jti: string; iat: number } {
  const iat = options.iat ?? Math.floor(Date.now() / 1000);
  const jti = options.jti ?? randomUUID();
  const header = b64url(JSON.stringify({ alg: options.alg ?? 'HS256', typ: 'JWT' }));
  const payloadHash = createHash('sha256').update(body).digest('hex');
  const claims = b64url(JSON.stringify({ iat, exp: iat + VONAGE_SIGNATURE_TTL_S, jti, iss: 'Vonage', payload_hash: payloadHash }));
  const signature = createHmac('sha256', key).update(`${header}.${claims}`).digest('base64url');
  return { token: `${header}.${claims}.${signature}`, jti, iat };
}

/** The `Vonage-Signature` header of a token: `Bearer <jwt>`, as Vonage's own sample consumer reads it. */
export function signatureHeader(token: string): string {
  return `Bearer ${token}`;
}

// ------------------------------------------------------------------ the hub

interface QueuedEvent {
  eventId: string;
  agentId: string;
  agentNumber: string;
  statusIdx: number;
  at: number;
  time: number;
  /** Built on first send, then reused by retries and other subscriptions. */
  body?: Buffer;
}

interface LastSent {
  body: Buffer;
  signature: string | undefined;
  eventId: string;
  agentId: string;
  jti: string | null;
}

interface SubscriptionState extends WebhookSubscription {
  key: Buffer;
  /** `host[:port]` of the url, for the counters. */
  host: string;
  queue: QueuedEvent[];
  running: boolean;
  abort: AbortController;
  lastSent?: LastSent;
}


const zeroCounters = () => ({ attempts: 0, delivered: 0, failedAttempts: 0, retries: 0, dropped: 0, overflow: 0, byHost: {} as Record<string, number> });

const isOk = (status: number | 'error') => status !== 'error' && status >= 200 && status < 300;

/** Subscriptions, queues, deliveries and their log for one simulator. */
export class WebhookHub {
  private subs = new Map<string, SubscriptionState>();
  private log: WebhookDelivery[] = [];
  private counts = zeroCounters();
  /** Aborts manual deliveries in flight (reset, close). */
  private manual = new AbortController();
  /** One promise per request on the wire, settled when its socket is gone. */
  private inflight = new Set<Promise<void>>();
  private idleWaiters = new Set<() => void>();
  private closed = false;
  private readonly retryDelaysMs: readonly number[];
  private readonly timeoutMs: number;

  constructor(
    private readonly ctx: SimContext,
    options: WebhookOptions = {},
  ) {
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  }

  // ---------------------------------------------------------------- subscriptions

  create(input: { name: string; url: string; events: string[]; enabled: boolean; secret: string }): PublicWebhookSubscription {
    const sub: SubscriptionState = {
      subscriptionId: randomUUID(),
      name: input.name,
      url: input.url,
      events: [...new Set(input.events)],
      enabled: input.enabled,
      secret: input.secret,
      key: webhookKey(input.secret),
      host: new URL(input.url).host,
      queue: [],
      running: false,
      abort: new AbortController(),
    };
    this.subs.set(sub.subscriptionId, sub);
    return publicView(sub);
  }

  list(): PublicWebhookSubscription[] {
    return [...this.subs.values()].map(publicView);
  }

  get(id: string): PublicWebhookSubscription | undefined {
    const sub = this.subs.get(id.toLowerCase());
    return sub && publicView(sub);
  }

  /** With the secrets (control API). */
  listWithSecrets(): WebhookSubscription[] {
    return [...this.subs.values()].map((s) => ({ ...publicView(s), secret: s.secret }));
  }

  /** Removes a subscription at once: its queue is dropped and nothing more is sent to it. */
  delete(id: string): boolean {
    const sub = this.subs.get(id.toLowerCase());
    if (!sub) return false;
    this.subs.delete(sub.subscriptionId);
    this.stop(sub);
    this.checkIdle();
    return true;
  }

  // ---------------------------------------------------------------- deliveries

  /** Called by the world for every visible presence change. */
  onPresenceChange(agent: SimAgent, at: number): void {
    if (this.closed || agent.vendor !== 'vonage' || this.subs.size === 0) return;
    let event: QueuedEvent | undefined;
    for (const sub of this.subs.values()) {
      if (!sub.enabled || !sub.events.includes(VONAGE_PRESENCE_EVENT)) continue;
      if (sub.queue.length >= WEBHOOK_QUEUE_CAP) {
        this.counts.overflow++;
        continue;
      }
      event ??= {
        eventId: randomUUID(),
        agentId: agent.id,
        agentNumber: vonageAgentNumber(this.ctx.world.seed, agent.index),
        statusIdx: agent.statusIdx,
        at,
        time: Math.max(at, this.ctx.clock.now()),
      };
      sub.queue.push(event);
      this.pump(sub);
    }
  }

  private pump(sub: SubscriptionState): void {
    if (sub.running) return;
    sub.running = true;
    const run = async () => {
      while (sub.queue.length > 0 && !sub.abort.signal.aborted) {
        await this.deliverQueued(sub, sub.queue[0]!);
        sub.queue.shift();
      }
    };
    run()
      .catch(() => undefined)
      .finally(() => {
        sub.running = false;
        if (sub.queue.length > 0 && !sub.abort.signal.aborted) this.pump(sub);
        else this.checkIdle();
      });
  }

  private bodyOf(event: QueuedEvent): Buffer {
    event.body ??= Buffer.from(
      JSON.stringify(
        vonagePresenceEvent({
          eventId: event.eventId,
          time: event.time,
          at: event.at,
          statusIdx: event.statusIdx,
          agentNumber: event.agentNumber,
          userId: event.agentId,
        }),
      ),
    );
    return event.body;
  }

  private async deliverQueued(sub: SubscriptionState, event: QueuedEvent): Promise<void> {
    const signal = sub.abort.signal;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) return;
      const body = this.bodyOf(event);
      const { token, jti } = signVonageWebhook(body, sub.key);
      const result = await this.post(sub.url, body, token, signal);
      if (signal.aborted) return; // deleted, reset or closed meanwhile: not recorded
      sub.lastSent = { body, signature: token, eventId: event.eventId, agentId: event.agentId, jti };
      this.record(sub, { eventId: event.eventId, agentId: event.agentId, jti, attempt }, result);
      if (attempt > 1) this.counts.retries++;
      if (isOk(result.status)) return;
      const wait = this.retryDelaysMs[attempt - 1];
      if (wait === undefined) {
        this.counts.dropped++;
        return;
      }
      try {
        await delay(wait, undefined, { signal });
      } catch {
        return;
      }
    }
  }

  /** `POST /_sim/webhooks/deliver`: one delivery of an agent's current presence, now, optionally tampered. */
  async deliver(input: { subscriptionId?: string | undefined; agentId?: string | undefined; tamper: WebhookTamperMode }): Promise<DeliverWebhookResult> {
    if (this.closed) throw new SimulatorInputError('The simulator is closed', undefined, 400);
    syncWorld(this.ctx);
    const world = this.ctx.world;
    const agents = world.vendors.vonage.agents;
    const agent = input.agentId === undefined ? agents[0] : world.agent('vonage', input.agentId.toLowerCase());
    if (!agent) {
      throw new SimulatorInputError(`No vonage agent "${input.agentId}" (see GET /_sim/agents?vendor=vonage)`, 'agentId', 404);
    }
    let targets: SubscriptionState[];
    if (input.subscriptionId !== undefined) {
      const sub = this.subs.get(input.subscriptionId.toLowerCase());
      if (!sub) throw new SimulatorInputError(`No webhook subscription "${input.subscriptionId}"`, 'subscriptionId', 404);
      targets = [sub];
    } else {
      targets = [...this.subs.values()].filter((s) => s.enabled && s.events.includes(VONAGE_PRESENCE_EVENT));
      if (targets.length === 0) {
        throw new SimulatorInputError('No enabled webhook subscription to deliver to (create one with POST /vonage/webhooks/subscriptions)', 'subscriptionId', 404);
      }
    }
    if (input.tamper === 'replay') {
      const missing = targets.find((s) => !s.lastSent);
      if (missing) throw new SimulatorInputError(`Nothing to replay: no delivery was sent to subscription "${missing.subscriptionId}" yet`, 'tamper');
    }

    const signal = this.manual.signal;
    const now = this.ctx.clock.now();
    const eventId = randomUUID();
    const event = {
      eventId,
      time: now,
      at: agent.since,
      statusIdx: agent.statusIdx,
      agentNumber: vonageAgentNumber(world.seed, agent.index),
      userId: agent.id,
    };
    const original = Buffer.from(JSON.stringify(vonagePresenceEvent(event)));
    const results: WebhookSendResult[] = [];
    for (const sub of targets) {
      const out = this.prepare(sub, input.tamper, event, original);
      const sentEventId = out.eventId ?? eventId;
      const sentAgentId = out.agentId ?? agent.id;
      const result = await this.post(sub.url, out.body, out.signature, signal);
      if (signal.aborted) {
        throw new SimulatorInputError('The webhook delivery was abandoned: the simulator was reset or closed meanwhile', undefined, 409);
      }
      if (input.tamper === 'none') sub.lastSent = { body: out.body, signature: out.signature, eventId: sentEventId, agentId: sentAgentId, jti: out.jti };
      if (this.subs.has(sub.subscriptionId)) {
        this.record(sub, { eventId: sentEventId, agentId: sentAgentId, jti: out.jti, attempt: 1, tampered: input.tamper }, result);
      }
      results.push({
        subscriptionId: sub.subscriptionId,
        url: sub.url,
        eventId: sentEventId,
        agentId: sentAgentId,
        jti: out.jti,
        status: result.status,
        tampered: input.tamper,
        signature: out.signature === undefined ? null : signatureHeader(out.signature),
        contentType: VONAGE_WEBHOOK_CONTENT_TYPE,
        body: out.body.toString('utf8'),
        ...(result.error !== undefined ? { error: result.error } : {}),
      });
    }
    return { ...results[0]!, deliveries: results };
  }

  /** Body and signature of a manual delivery, spoiled as `tamper` says. */
  private prepare(
    sub: SubscriptionState,
    tamper: WebhookTamperMode,
    event: Parameters<typeof vonagePresenceEvent>[0],
    original: Buffer,
  ): { body: Buffer; signature: string | undefined; jti: string | null; eventId?: string; agentId?: string } {
    const signed = (body: Buffer, options: SignOptions = {}, key = sub.key) => {
      const { token, jti } = signVonageWebhook(body, key, options);
      return { body, signature: token, jti };
    };
    switch (tamper) {
      case 'none':
        return signed(original);
      case 'unsigned':
        return { body: original, signature: undefined, jti: null };
      case 'bad-signature':
        return signed(original, {}, randomBytes(32));
      case 'payload': {
        const { signature, jti } = signed(original);
        const changed = vonagePresenceEvent(event);
        changed.data.presence.description = `${changed.data.presence.description} (tampered)`;
        return { body: Buffer.from(JSON.stringify(changed)), signature, jti };
      }
      case 'expired':
        return signed(original, { iat: Math.floor(Date.now() / 1000) - 600 });
      case 'replay': {
        const last = sub.lastSent!;
        return { body: last.body, signature: last.signature, jti: last.jti, eventId: last.eventId, agentId: last.agentId };
      }
      case 'wrong-alg':
        // still carries an HMAC signature segment, so the token parses as a JWT and is refused for its alg
        return signed(original, { alg: 'none' });
    }
  }

  private record(
    sub: SubscriptionState,
    d: { eventId: string; agentId: string; jti: string | null; attempt: number; tampered?: WebhookTamperMode },
    result: PostResult,
  ): void {
    const entry: WebhookDelivery = {
      subscriptionId: sub.subscriptionId,
      eventId: d.eventId,
      agentId: d.agentId,
      status: result.status,
      attempt: d.attempt,
      at: new Date().toISOString(),
      jti: d.jti,
      ...(d.tampered !== undefined ? { tampered: d.tampered } : {}),
      ...(result.error !== undefined ? { error: result.error } : {}),
    };
    this.log.push(entry);
    if (this.log.length >= 2 * WEBHOOK_DELIVERY_LOG_CAP) this.log.splice(0, this.log.length - WEBHOOK_DELIVERY_LOG_CAP);
    const c = this.counts;
    c.attempts++;
    if (isOk(result.status)) c.delivered++;
    else c.failedAttempts++;
    c.byHost[sub.host] = (c.byHost[sub.host] ?? 0) + 1;
  }

  /** The last {@link WEBHOOK_DELIVERY_LOG_CAP} attempts, oldest first. */
  deliveries(filter: { subscriptionId?: string | undefined; agentId?: string | undefined } = {}): WebhookDelivery[] {
    const start = Math.max(0, this.log.length - WEBHOOK_DELIVERY_LOG_CAP);
    const sid = filter.subscriptionId?.toLowerCase();
    const aid = filter.agentId?.toLowerCase();
    const out: WebhookDelivery[] = [];
    for (let i = start; i < this.log.length; i++) {
      const d = this.log[i]!;
      if (sid !== undefined && d.subscriptionId !== sid) continue;
      if (aid !== undefined && d.agentId !== aid) continue;
      out.push({ ...d });
    }
    return out;
  }

  counters(): WebhookCounters {
    return { ...this.counts, byHost: { ...this.counts.byHost }, pending: this.pending() };
  }

  resetCounters(): void {
    this.counts = zeroCounters();
  }

  /** Events waiting or in flight, all subscriptions. */
  pending(): number {
    let n = 0;
    for (const s of this.subs.values()) n += s.queue.length;
    return n;
  }

  /** Resolves when every queue is empty (or after `timeoutMs`), with what is still pending. */
  idle(timeoutMs = 10_000): Promise<{ pending: number }> {
    if (this.pending() === 0) return Promise.resolve({ pending: 0 });
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.idleWaiters.delete(finish);
        resolve({ pending: this.pending() });
      };
      const timer = setTimeout(finish, timeoutMs);
      this.idleWaiters.add(finish);
    });
  }

  private checkIdle(): void {
    if (this.pending() > 0 && !this.closed) return;
    for (const w of [...this.idleWaiters]) w();
  }

  // ---------------------------------------------------------------- lifecycle

  private stop(sub: SubscriptionState): void {
    sub.queue.length = 0;
    sub.abort.abort();
  }

  /** Drops every subscription, queue, log entry and counter (control reset). */
  reset(): void {
    for (const sub of this.subs.values()) this.stop(sub);
    this.subs.clear();
    this.manual.abort();
    this.manual = new AbortController();
    this.log = [];
    this.counts = zeroCounters();
    this.checkIdle();
  }

  /** Stops everything: pending events are dropped, requests in flight destroyed, timers cleared. */
  async close(): Promise<void> {
    this.closed = true;
    for (const sub of this.subs.values()) this.stop(sub);
    this.manual.abort();
    this.checkIdle();
    await Promise.all([...this.inflight]);
  }

  // ---------------------------------------------------------------- transport

  private post(url: string, body: Buffer, signature: string | undefined, signal: AbortSignal): Promise<PostResult> {
    const headers: OutgoingHttpHeaders = {
      'Content-Type': VONAGE_WEBHOOK_CONTENT_TYPE,
      'User-Agent': 'agent-presence-simulator (Vonage webhooks)',
    };
    if (signature !== undefined) headers['Vonage-Signature'] = signatureHeader(signature);
    return postOnce(url, body, headers, { timeoutMs: this.timeoutMs, inflight: this.inflight, signal });
  }
}

function publicView(sub: SubscriptionState): PublicWebhookSubscription {
  return { subscriptionId: sub.subscriptionId, name: sub.name, url: sub.url, events: [...sub.events], enabled: sub.enabled };
}

const hubs = new WeakMap<SimContext, WebhookHub>();

/** The webhook hub of a simulator (made by the Vonage extension at start). */
export function webhooksOf(ctx: SimContext): WebhookHub {
  let hub = hubs.get(ctx);
  if (hub === undefined) {
    hub = new WebhookHub(ctx);
    hubs.set(ctx, hub);
  }
  return hub;
}

/** Make the hub of a simulator with its options (once, at start). */
export function createWebhookHub(ctx: SimContext, options: WebhookOptions): WebhookHub {
  const hub = new WebhookHub(ctx, options);
  hubs.set(ctx, hub);
  return hub;
}
