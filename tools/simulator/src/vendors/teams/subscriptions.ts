/**
 * Graph change notifications for presence: subscriptions on
 * `/communications/presences?$filter=id in ('id1','id2',…)` (or one user's
 * `/communications/presences/{id}`), the validation handshake, and a notification to the
 * `notificationUrl` on every change of a subscribed user's presence, carrying `clientState`.
 * Deliveries to one subscription go in order, with retries; a log keeps every attempt.
 * Subscription times are on the virtual clock; delivery times in the log are wall-clock.
 */
import { randomUUID } from 'node:crypto';
import type { SimContext } from '../../context';
import { postOnce, type PostResult } from '../../outbound';
import type { SimAgent } from '../../types';

/** Presence subscriptions last at most an hour (the presence change-notification reference). */
export const MAX_SUBSCRIPTION_MS = 60 * 60_000;
/** Users in one presence subscription (the same reference). */
export const MAX_SUBSCRIPTION_USERS = 650;
/** Graph waits 10 s for the validation answer, 3 s for a notification's. */
export const VALIDATION_TIMEOUT_MS = 10_000;
export const NOTIFICATION_TIMEOUT_MS = 3_000;
export const NOTIFICATION_LOG_CAP = 10_000;

export interface TeamsSubscription {
  id: string;
  resource: string;
  applicationId: string;
  changeType: string;
  clientState: string | null;
  notificationUrl: string;
  lifecycleNotificationUrl: string | null;
  expirationDateTime: string;
  creatorId: string;
  latestSupportedTlsVersion: string;
  notificationContentType: string;
  /** The user ids the resource names (lower case). */
  userIds: string[];
  /** Virtual ms. */
  expiresAt: number;
}

export interface NotificationDelivery {
  subscriptionId: string;
  userId: string;
  status: number | 'error';
  attempt: number;
  /** Wall-clock ISO time the attempt ended. */
  at: string;
  error?: string;
}

export interface NotificationCounters {
  attempts: number;
  delivered: number;
  failedAttempts: number;
  dropped: number;
  pending: number;
}

interface Queued {
  userId: string;
  body: Buffer;
}

interface SubState {
  sub: TeamsSubscription;
  queue: Queued[];
  running: boolean;
  abort: AbortController;
}

/** The subscription as Graph answers it (the create reference's fields, in its order). */
export function subscriptionView(sub: TeamsSubscription, graphBase: string) {
  return {
    '@odata.context': `${graphBase}/$metadata#subscriptions/$entity`,
    id: sub.id,
    resource: sub.resource,
    applicationId: sub.applicationId,
    changeType: sub.changeType,
    clientState: sub.clientState,
    notificationUrl: sub.notificationUrl,
    expirationDateTime: sub.expirationDateTime,
    creatorId: sub.creatorId,
    latestSupportedTlsVersion: sub.latestSupportedTlsVersion,
    notificationContentType: sub.notificationContentType,
  };
}

/** One presence change notification (the presence change-notification reference's example, without resource data). */
export function presenceNotification(sub: TeamsSubscription, userId: string, tenantId: string) {
  return {
    value: [
      {
        subscriptionId: sub.id,
        clientState: sub.clientState,
        changeType: 'updated',
        tenantId,
        resource: `communications/presences/${userId}`,
        subscriptionExpirationDateTime: sub.expirationDateTime,
        resourceData: {
          '@odata.id': `users/${userId}/presence`,
          '@odata.type': '#microsoft.graph.presence',
          id: userId,
        },
        organizationId: tenantId,
      },
    ],
  };
}

export class TeamsSubscriptions {
  private subs = new Map<string, SubState>();
  private log: NotificationDelivery[] = [];
  private counts = { attempts: 0, delivered: 0, failedAttempts: 0, dropped: 0 };
  private inflight = new Set<Promise<void>>();
  private idleWaiters = new Set<() => void>();
  private closed = false;
  /** Aborts validation handshakes in flight (reset, close). */
  private handshakes = new AbortController();

  constructor(
    private readonly ctx: SimContext,
    private readonly retryDelaysMs: readonly number[],
  ) {}

  /** The validation handshake: Graph POSTs `?validationToken=` and wants it back as text/plain, 200, within 10 s. */
  async validate(url: string): Promise<string | undefined> {
    const token = `Validation: ${randomUUID()}`;
    const target = new URL(url);
    target.searchParams.append('validationToken', token);
    const result = await postOnce(target.toString(), Buffer.alloc(0), { 'Content-Type': 'text/plain; charset=utf-8' }, {
      timeoutMs: VALIDATION_TIMEOUT_MS,
      inflight: this.inflight,
      signal: this.handshakes.signal,
      keepBody: true,
    });
    if (result.status === 'error') return `the notification endpoint did not answer (${result.error})`;
    if (result.status !== 200) return `the notification endpoint answered ${result.status}, not 200 OK`;
    if (!/^text\/plain\b/i.test(result.contentType ?? '')) return `the answer's Content-Type was ${result.contentType ?? 'missing'}, not text/plain`;
    if (result.body !== token) return 'the answer did not match the validationToken query parameter';
    return undefined;
  }

  add(sub: TeamsSubscription): void {
    this.subs.set(sub.id, { sub, queue: [], running: false, abort: new AbortController() });
  }

  /** A live subscription (expired ones are dropped when seen). */
  get(id: string, now: number): TeamsSubscription | undefined {
    const state = this.subs.get(id.toLowerCase());
    if (!state) return undefined;
    if (state.sub.expiresAt <= now) {
      this.remove(state);
      return undefined;
    }
    return state.sub;
  }

  list(now: number): TeamsSubscription[] {
    return [...this.subs.keys()].flatMap((id) => this.get(id, now) ?? []);
  }

  delete(id: string, now: number): boolean {
    const sub = this.get(id, now);
    if (!sub) return false;
    this.remove(this.subs.get(sub.id)!);
    return true;
  }

  private remove(state: SubState): void {
    this.subs.delete(state.sub.id);
    state.queue.length = 0;
    state.abort.abort();
    this.checkIdle();
  }

  /** A Teams user's presence changed: queue a notification to each live subscription naming them. */
  onPresenceChange(agent: SimAgent, at: number): void {
    if (this.closed || agent.vendor !== 'teams' || this.subs.size === 0) return;
    const tenantId = this.ctx.credentials.teams.tenantId;
    for (const state of [...this.subs.values()]) {
      const { sub } = state;
      if (sub.expiresAt <= at || !sub.userIds.includes(agent.id)) continue;
      state.queue.push({ userId: agent.id, body: Buffer.from(JSON.stringify(presenceNotification(sub, agent.id, tenantId))) });
      this.pump(state);
    }
  }

  private pump(state: SubState): void {
    if (state.running) return;
    state.running = true;
    const run = async () => {
      while (state.queue.length > 0 && !state.abort.signal.aborted) {
        await this.deliver(state, state.queue[0]!);
        state.queue.shift();
      }
    };
    run()
      .catch(() => undefined)
      .finally(() => {
        state.running = false;
        if (state.queue.length > 0 && !state.abort.signal.aborted) this.pump(state);
        else this.checkIdle();
      });
  }

  private async deliver(state: SubState, item: Queued): Promise<void> {
    const signal = state.abort.signal;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) return;
      const result = await postOnce(state.sub.notificationUrl, item.body, { 'Content-Type': 'application/json' }, {
        timeoutMs: NOTIFICATION_TIMEOUT_MS,
        inflight: this.inflight,
        signal,
      });
      if (signal.aborted) return;
      this.record(state.sub.id, item.userId, attempt, result);
      if (result.status !== 'error' && result.status >= 200 && result.status < 300) return;
      const wait = this.retryDelaysMs[attempt - 1];
      if (wait === undefined) {
        this.counts.dropped++;
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private record(subscriptionId: string, userId: string, attempt: number, result: PostResult): void {
    this.log.push({
      subscriptionId,
      userId,
      status: result.status,
      attempt,
      at: new Date().toISOString(),
      ...(result.error !== undefined ? { error: result.error } : {}),
    });
    if (this.log.length >= 2 * NOTIFICATION_LOG_CAP) this.log.splice(0, this.log.length - NOTIFICATION_LOG_CAP);
    this.counts.attempts++;
    if (result.status !== 'error' && result.status >= 200 && result.status < 300) this.counts.delivered++;
    else this.counts.failedAttempts++;
  }

  deliveries(filter: { subscriptionId?: string; userId?: string } = {}): NotificationDelivery[] {
    const sid = filter.subscriptionId?.toLowerCase();
    const uid = filter.userId?.toLowerCase();
    return this.log
      .slice(-NOTIFICATION_LOG_CAP)
      .filter((d) => (sid === undefined || d.subscriptionId === sid) && (uid === undefined || d.userId === uid))
      .map((d) => ({ ...d }));
  }

  pending(): number {
    let n = 0;
    for (const s of this.subs.values()) n += s.queue.length;
    return n;
  }

  counters(): NotificationCounters {
    return { ...this.counts, pending: this.pending() };
  }

  resetCounters(): void {
    this.counts = { attempts: 0, delivered: 0, failedAttempts: 0, dropped: 0 };
  }

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

  reset(): void {
    this.handshakes.abort();
    this.handshakes = new AbortController();
    for (const state of [...this.subs.values()]) this.remove(state);
    this.log = [];
    this.resetCounters();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.handshakes.abort();
    for (const state of [...this.subs.values()]) this.remove(state);
    await Promise.all([...this.inflight]);
  }
}
