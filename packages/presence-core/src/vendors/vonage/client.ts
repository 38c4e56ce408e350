import { z } from 'zod/v4';
import { chunk, mapSettled } from '../../concurrency';
import { InputError } from '../../errors';
import { createApiCaller } from '../../http/api-caller';
import { normalizeBaseUrl } from '../../http/base-url';
import { encodePathSegment, validateAgentId, validateStatusId } from '../../ids';
import type { StateMapping } from '../../mapping';
import type { AgentSummary } from '../../model';
import {
  collectBatch,
  deadlineNotPassed,
  concurrencyOf,
  validateAgentIds,
  type ClientOptions,
  type PresenceClient,
} from '../client';
import { fromEndpoint } from '../contract';
import { normalizeVonagePresence, vonageStatusDefinition } from './normalize';
import type { PresenceStint } from '../../history';
import { byStart, historyWindow, VonagePresenceActivitiesPageSchema, vonageHistoryPath, vonageStint, walkHistory } from './history';
import { VonagePresenceDefinitionsSchema, VonageUsersPageSchema, type VonageUser } from './schemas';
import { vonageAgentsAccept, vonageMaxIdsPerRequest, vonageUserAdminAccept } from './constants';
import { vonageApiBaseUrl, vonageRegions, VonageRegionSchema, type VonageRegion } from './hosts';
import { vonagePresenceEventType, VonageSubscriptionListSchema, VonageSubscriptionSchema, type VonageSubscription } from './webhooks';

export interface VonageClientOptions extends ClientOptions {
  region?: VonageRegion;
  /** Page size for /useradmin/users (1–5000). Default 5000, the most allowed: fewest requests. */
  usersPageSize?: number;
}

function checkRegion(region: unknown): VonageRegion {
  const r = VonageRegionSchema.safeParse(region);
  if (!r.success) throw new InputError('region', `"${String(region)}" is not a Vonage region`, `Use one of: ${vonageRegions.join(', ')}.`, 'vonage');
  return r.data;
}

export interface PresenceHistoryOptions {
  /** Start of the window (ISO). */
  from: string;
  /** End of the window (ISO); default now. At most 31 days after `from`. */
  to?: string;
  /** Only these agents; default everyone. */
  agentIds?: readonly string[];
  mapping?: StateMapping;
  includeRaw?: boolean;
  deadline?: number;
  concurrency?: number;
}

/** The Agents API, presence history (scope stats) and webhook subscriptions (scope admin:write). */
export interface VonageClient extends PresenceClient {
  /** Every stint begun in the window, each once, in time order then by agent. */
  getPresenceHistory(options: PresenceHistoryOptions): Promise<PresenceStint[]>;
  createWebhookSubscription(input: { name: string; url: string; secret: string; events?: string[]; enabled?: boolean }): Promise<VonageSubscription>;
  listWebhookSubscriptions(): Promise<VonageSubscription[]>;
  deleteWebhookSubscription(id: string): Promise<void>;
}

const subscriptionId = /^[A-Za-z0-9_-]{1,128}$/;
/** Most user pages asked for at once past the first (see listAgents). */
const maxPagesAhead = 4;

export function createVonageClient(options: VonageClientOptions): VonageClient {
  const region = checkRegion(options.region ?? 'emea');
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? vonageApiBaseUrl(region), 'baseUrl', 'vonage');
  const call = createApiCaller({ ...options, vendor: 'vonage', baseUrl, headers: { Accept: vonageAgentsAccept } });
  const now = options.now ?? (() => Date.now());
  const concurrency = concurrencyOf('vonage', options.concurrency);
  const pageSize = options.usersPageSize ?? 5000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 5000) {
    throw new InputError('usersPageSize', `${pageSize} is out of range`, 'Use a whole number from 1 to 5000.', 'vonage');
  }

  async function fetchUsersPage(page: number, deadline?: number) {
    return call({
      method: 'GET',
      path: '/useradmin/users',
      endpoint: 'GET /useradmin/users',
      headers: { Accept: vonageUserAdminAccept },
      query: { include: 'Active', limit: pageSize, page },
      schema: VonageUsersPageSchema,
      deadline,
    });
  }

  return {
    vendor: 'vonage',
    baseUrl,

    async getPresence(agentId, o = {}) {
      const id = validateAgentId('vonage', agentId);
      const endpoint = 'GET /agents/{userId}/presence';
      const body = await call({ method: 'GET', path: `/agents/${encodePathSegment(id)}/presence`, endpoint, schema: z.unknown(), deadline: o.deadline });
      return fromEndpoint(endpoint, () => normalizeVonagePresence(body, { agentId: id, mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw }));
    },

    async getPresences(agentIds, o = {}) {
      const ids = validateAgentIds('vonage', agentIds);
      const groups = chunk(ids, vonageMaxIdsPerRequest);
      const endpoint = 'GET /agents/presences/users';
      const settled = await mapSettled(
        groups,
        concurrencyOf('vonage', o.concurrency, concurrency),
        async (group, _, slot) => {
          const body = await call({ method: 'GET', path: '/agents/presences/users', endpoint, query: { userId: group.join(',') }, schema: z.array(z.unknown()), deadline: o.deadline, slot });
          // Only the agents asked for, each once: a record of anyone else (a vendor bug, a proxy's
          // cache) is not an answer about them, and must not reach a caller's output or snapshot.
          // A record without a userId still goes to normalisation, which names the broken field.
          const wanted = new Set(group.map((id) => id.toLowerCase()));
          const records = body.filter((record) => {
            const userId = (record as { userId?: unknown } | null)?.userId;
            if (typeof userId !== 'string') return true;
            return wanted.delete(userId.toLowerCase());
          });
          return fromEndpoint(endpoint, () => records.map((record) => normalizeVonagePresence(record, { mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw })));
        },
        deadlineNotPassed(now, o.deadline),
      );
      return collectBatch(groups, settled);
    },

    async listAgents(o = {}) {
      // Pages start at 1: the endpoint's reference page gives `page` a minimum of 1 (the general
      // "Requests (User Admin API)" page's default of 0 is the less specific source, and the
      // vendor answers page 0 with a validation error).
      let users = await fetchUsersPage(1, o.deadline);
      // `ahead`: the pages after `users` already asked for, in order.
      const ahead: Array<Promise<PromiseSettledResult<VonageUser[]>>> = [];
      let nextToAsk = 2;
      // No total is documented, so whether another page exists is known only when the last
      // one came back full. After each full page the next ones are asked for together, twice
      // as many each time (2, then 4): a roster of 10,400 users takes two round trips, not
      // three. A page asked too far is at most a few wasted requests, and its failure is
      // never an error: it is only read if every page before it was full.
      let burst = 1;
      const settle = (pending: Promise<VonageUser[]>): Promise<PromiseSettledResult<VonageUser[]>> =>
        pending.then(
          (value) => ({ status: 'fulfilled', value }),
          (reason: unknown) => ({ status: 'rejected', reason }),
        );
      const agents = new Map<string, AgentSummary>();
      let pagesWithNothingNew = 0;
      for (;;) {
        let added = 0;
        for (const u of users) {
          const id = u.id ?? u.userId;
          if (!id || agents.has(id)) continue;
          if (u.userAccountConfiguration?.actAsAgent === false) continue;
          added++;
          agents.set(id, {
            vendor: 'vonage',
            agentId: id,
            name: u.name ?? ([u.firstName, u.lastName].filter(Boolean).join(' ') || null),
            email: u.email ?? null,
            // The documented user record names no team or group.
            team: null,
            ...(o.includeRaw ? { raw: u } : {}),
          });
        }
        pagesWithNothingNew = added === 0 && users.length > 0 ? pagesWithNothingNew + 1 : 0;
        if (users.length < pageSize || pagesWithNothingNew >= 2) break;
        if (o.limit !== undefined && agents.size >= o.limit) break;
        if (ahead.length === 0) {
          burst = Math.min(burst * 2, maxPagesAhead);
          for (let i = 0; i < burst; i++) ahead.push(settle(fetchUsersPage(nextToAsk++, o.deadline)));
        }
        const next = await ahead.shift()!;
        if (next.status === 'rejected') throw next.reason;
        users = next.value;
      }
      // Pages asked too far were sent with the last one needed, so waiting costs next to nothing,
      // and no request of this call outlives it.
      await Promise.all(ahead);
      const list = [...agents.values()];
      return o.limit === undefined ? list : list.slice(0, o.limit);
    },

    async setPresence(agentId, statusId, o = {}) {
      const id = validateAgentId('vonage', agentId);
      const presenceId = validateStatusId('vonage', statusId);
      const endpoint = 'PATCH /agents/{userId}/presence';
      const body = await call({ method: 'PATCH', path: `/agents/${encodePathSegment(id)}/presence`, endpoint, body: { presenceId }, schema: z.unknown(), deadline: o.deadline });
      return fromEndpoint(endpoint, () => normalizeVonagePresence(body, { agentId: id, mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw }));
    },

    async listStatuses(o = {}) {
      const body = await call({ method: 'GET', path: '/agents/presence-definitions', endpoint: 'GET /agents/presence-definitions', schema: VonagePresenceDefinitionsSchema });
      return body.presenceDefinitions.map((d) => vonageStatusDefinition(d, { mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw }));
    },

    async checkConnection() {
      await call({ method: 'GET', path: '/agents/presence-definitions', endpoint: 'GET /agents/presence-definitions', schema: z.unknown() });
    },

    async getPresenceHistory(o) {
      const window = historyWindow(o.from, o.to, now());
      // One cursor walk per agent asked for (the endpoint filters by one agentId), or one for all.
      const walks: Array<string | undefined> = o.agentIds === undefined ? [undefined] : validateAgentIds('vonage', o.agentIds);
      const endpoint = `GET ${vonageHistoryPath}`;
      const settled = await mapSettled(walks, concurrencyOf('vonage', o.concurrency, concurrency), (agentId, _, slot) =>
        walkHistory(window, (start) =>
          call({
            method: 'GET',
            path: vonageHistoryPath,
            endpoint,
            query: { start, end: new Date(window.toMs).toISOString(), include: 'Started', ...(agentId === undefined ? {} : { agentId }) },
            schema: VonagePresenceActivitiesPageSchema,
            deadline: o.deadline,
            slot,
          }),
        ),
      );
      const stints: PresenceStint[] = [];
      for (const result of settled) {
        // A report missing one agent's stints would mislead: any failed walk fails the call.
        if (!result.ok) throw 'error' in result ? result.error : new Error('presence history: a walk was not started');
        for (const record of result.value) stints.push(vonageStint(record, o.mapping ?? options.mapping, o.includeRaw));
      }
      return stints.sort(byStart);
    },

    async createWebhookSubscription(input) {
      // The URL n8n gives the trigger: its host is n8n's WEBHOOK_URL setting, which Vonage must reach over https.
      const url = normalizeBaseUrl(input.url, 'Webhook URL (n8n\'s WEBHOOK_URL setting)', 'vonage');
      if (input.secret.length < 16) throw new InputError('secret', 'is too short', 'Use a random secret of at least 16 characters.', 'vonage');
      return call({
        method: 'POST',
        path: '/webhooks/subscriptions',
        endpoint: 'POST /webhooks/subscriptions',
        body: { name: input.name, url, events: input.events ?? [vonagePresenceEventType], enabled: input.enabled ?? true, secret: input.secret },
        schema: VonageSubscriptionSchema,
      });
    },

    async listWebhookSubscriptions() {
      return call({ method: 'GET', path: '/webhooks/subscriptions', endpoint: 'GET /webhooks/subscriptions', schema: VonageSubscriptionListSchema });
    },

    async deleteWebhookSubscription(id) {
      if (!subscriptionId.test(id)) throw new InputError('subscriptionId', `"${id}" is not a subscription id`, 'Use the id the subscription was created with.', 'vonage');
      await call({ method: 'DELETE', path: `/webhooks/subscriptions/${encodePathSegment(id)}`, endpoint: 'DELETE /webhooks/subscriptions/{id}', schema: z.unknown() });
    },
  };
}
