import { z } from 'zod/v4';
import pLimit from 'p-limit';
import { mapSettled, type Slot } from '../../concurrency';
import { InputError, VendorApiError } from '../../errors';
import { createApiCaller } from '../../http/api-caller';
import { normalizeBaseUrl } from '../../http/base-url';
import { encodePathSegment, validateAgentId, validateStatusId } from '../../ids';
import type { AgentPresence, AgentSummary } from '../../model';
import {
  collectBatch,
  deadlineNotPassed,
  concurrencyOf,
  validateAgentIds,
  type ClientOptions,
  type PresenceClient,
  type ReadOptions,
} from '../client';
import { fromEndpoint } from '../contract';
import {
  normalizeTalkdeskPresence,
  talkdeskBaseStatusDefinition,
  talkdeskCustomStatusCategory,
  talkdeskCustomStatusDefinition,
} from './normalize';
import { talkdeskApiBaseUrl, talkdeskHosts, talkdeskRegions, TalkdeskRegionSchema, type TalkdeskRegion } from './hosts';
import { checkOccupancyPatch, talkdeskOccupancyEndpoint } from './occupancy';
import { talkdeskBaseStatuses, TalkdeskCustomStatusListSchema, TalkdeskUsersPageSchema, type TalkdeskBaseStatus } from './schemas';

/** Talkdesk account names are sub-domains: letters, digits and hyphens. */
export function talkdeskTokenUrl(account: string, region: TalkdeskRegion, field = 'account'): string {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i.test(account)) {
    throw new InputError(field, `"${account}" is not a Talkdesk account name`, 'Use the account name from your Talkdesk URL, e.g. "acme" for acme.mytalkdesk.com.', 'talkdesk');
  }
  return talkdeskHosts.tokenUrl(region, account);
}

export interface TalkdeskClientOptions extends ClientOptions {
  region?: TalkdeskRegion;
  /** Page size for /users. Default 100. */
  usersPageSize?: number;
}

/** Why a status list holds no custom status, when the custom-status endpoint refused. */
function talkdeskCustomStatusesMissing(error: VendorApiError): string {
  return `Custom statuses are not listed: GET /account/custom-status answered ${error.httpStatus}${error.vendorMessage ? ` (${error.vendorMessage})` : ''}. That endpoint has no public reference; your account or client may not have it. The four base statuses are listed and can be set.`;
}

const isBaseStatus = (s: string): s is TalkdeskBaseStatus => (talkdeskBaseStatuses as readonly string[]).includes(s);

/** The Presence API, plus Change User Occupancy (scope presence-occupancy:write). */
export interface TalkdeskClient extends PresenceClient {
  /** Applies a JSON Patch to the agent's interactions; the presence after it. */
  changeOccupancy(agentId: string, operations: readonly unknown[], options?: ReadOptions): Promise<AgentPresence>;
}

export function createTalkdeskClient(options: TalkdeskClientOptions): TalkdeskClient {
  const regionCheck = TalkdeskRegionSchema.safeParse(options.region ?? 'us');
  if (!regionCheck.success) {
    throw new InputError('region', `"${String(options.region)}" is not a Talkdesk region`, `Use one of: ${talkdeskRegions.join(', ')}.`, 'talkdesk');
  }
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? talkdeskApiBaseUrl(regionCheck.data), 'baseUrl', 'talkdesk');
  const call = createApiCaller({ ...options, vendor: 'talkdesk', baseUrl, headers: { Accept: 'application/json' } });
  const now = options.now ?? (() => Date.now());
  const concurrency = concurrencyOf('talkdesk', options.concurrency);
  const perPage = options.usersPageSize ?? 100;

  async function readOne(id: string, o: ReadOptions = {}, slot?: Slot): Promise<AgentPresence> {
    const endpoint = 'GET /users/{id}/presence';
    const body = await call({ method: 'GET', path: `/users/${encodePathSegment(id)}/presence`, endpoint, schema: z.unknown(), deadline: o.deadline, slot });
    return fromEndpoint(endpoint, () => normalizeTalkdeskPresence(body, { agentId: id, mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw }));
  }

  return {
    vendor: 'talkdesk',
    baseUrl,
    getPresence: async (agentId, o) => readOne(validateAgentId('talkdesk', agentId), o),

    async getPresences(agentIds, o = {}) {
      const ids = validateAgentIds('talkdesk', agentIds);
      const settled = await mapSettled(ids, concurrencyOf('talkdesk', o.concurrency, concurrency), async (id, _, slot) => [await readOne(id, o, slot)], deadlineNotPassed(now, o.deadline));
      return collectBatch(ids.map((id) => [id]), settled);
    },

    async listAgents(o = {}) {
      // Page numbers, not `_links.next`: a link is an absolute URL, and the token must
      // never follow one to a host other than the configured one. Once the first page
      // tells how many there are, the rest are read in parallel.
      const fetchPage = (page: number) =>
        call({ method: 'GET', path: '/users', endpoint: 'GET /users', query: { page, per_page: perPage }, schema: TalkdeskUsersPageSchema, deadline: o.deadline });
      const first = await fetchPage(1);
      const pages = [first];
      if (first.total_pages != null && first.total_pages > 1) {
        const rest = Array.from({ length: first.total_pages - 1 }, (_, i) => i + 2);
        const limit = pLimit(concurrency);
        pages.push(...(await Promise.all(rest.map((page) => limit(() => fetchPage(page))))));
      } else if (first.total_pages == null) {
        // No page count: follow "next" links' existence, one page at a time.
        for (let page = 2, last = first; last._links?.next && (last._embedded?.users.length ?? 0) > 0; page++) {
          last = await fetchPage(page);
          pages.push(last);
        }
      }
      const agents: AgentSummary[] = [];
      for (const body of pages) {
        for (const u of body._embedded?.users ?? []) {
          if (u.active === false) continue;
          agents.push({ vendor: 'talkdesk', agentId: u.id, name: u.name ?? null, email: u.email ?? null, team: null, ...(o.includeRaw ? { raw: u } : {}) });
        }
      }
      return o.limit === undefined ? agents : agents.slice(0, o.limit);
    },

    async setPresence(agentId, statusId, o = {}) {
      const id = validateAgentId('talkdesk', agentId);
      const status = validateStatusId('talkdesk', statusId);
      // A custom status is set together with its base status (see talkdeskCustomStatusCategory).
      const body = isBaseStatus(status) ? { status } : { status: talkdeskCustomStatusCategory, custom_status_id: status };
      const endpoint = 'PUT /users/{id}/presence/status';
      const answer = await call({ method: 'PUT', path: `/users/${encodePathSegment(id)}/presence/status`, endpoint, body, schema: z.unknown(), deadline: o.deadline });
      // The docs do not say what a successful PUT returns; a presence record is used as is, anything else is read back.
      if (answer !== null && typeof answer === 'object' && 'status' in answer) {
        return fromEndpoint(endpoint, () => normalizeTalkdeskPresence(answer, { agentId: id, mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw }));
      }
      return readOne(id, o);
    },

    async changeOccupancy(agentId, operations, o = {}) {
      const id = validateAgentId('talkdesk', agentId);
      const body = checkOccupancyPatch(operations);
      const endpoint = talkdeskOccupancyEndpoint;
      const answer = await call({ method: 'PATCH', path: `/users/${encodePathSegment(id)}/presence/occupancy`, endpoint, body, schema: z.unknown(), deadline: o.deadline });
      // The answer is not documented, as for the status PUT: a presence record is used as is, anything else is read back.
      if (answer !== null && typeof answer === 'object' && 'status' in answer) {
        return fromEndpoint(endpoint, () => normalizeTalkdeskPresence(answer, { agentId: id, mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw }));
      }
      return readOne(id, o);
    },

    async listStatuses(o = {}) {
      const context = { mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw };
      const base = talkdeskBaseStatuses.map((s) => talkdeskBaseStatusDefinition(s, context));
      let custom;
      try {
        custom = await call({ method: 'GET', path: '/account/custom-status', endpoint: 'GET /account/custom-status', schema: TalkdeskCustomStatusListSchema });
      } catch (error) {
        // GET /account/custom-status has no public reference page: an account or a client
        // without access to it answers 403 or 404. The four base statuses are documented and
        // always settable, so they are still listed, each with a note of why no custom one is.
        if (!(error instanceof VendorApiError) || (error.httpStatus !== 403 && error.httpStatus !== 404)) throw error;
        const note = talkdeskCustomStatusesMissing(error);
        return base.map((d) => ({ ...d, note }));
      }
      return [...base, ...custom.custom_status.map((c) => talkdeskCustomStatusDefinition(c, context))];
    },

    async checkConnection() {
      await call({ method: 'GET', path: '/users', endpoint: 'GET /users', query: { page: 1, per_page: 1 }, schema: z.unknown() });
    },
  };
}
