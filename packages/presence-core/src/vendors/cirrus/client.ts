import { z } from 'zod/v4';
import { mapSettled, type Slot } from '../../concurrency';
import { ContractError, VendorApiError } from '../../errors';
import { createApiCaller } from '../../http/api-caller';
import { normalizeBaseUrl } from '../../http/base-url';
import { describeZodIssue } from '../../http/zod-issue';
import { encodePathSegment, validateAgentId, validateStatusId } from '../../ids';
import type { AgentPresence } from '../../model';
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
import { cirrusDefaultBaseUrl } from './hosts';
import { cirrusStatusDefinition, normalizeCirrusPresence } from './normalize';
import {
  isCirrusAgent,
  CirrusEnvelopeSchema,
  CirrusManagerListSchema,
  CirrusPresenceTypeListSchema,
  CirrusStatsSchema,
  type CirrusStats,
} from './schemas';

/**
 * Opens the Cirrus envelope. A 200 whose envelope carries an error status
 * becomes the vendor error it describes.
 */
function unwrapEnvelope(endpoint: string) {
  return (body: unknown): unknown => {
    const env = CirrusEnvelopeSchema.safeParse(body);
    if (!env.success) {
      const { field, problem } = describeZodIssue(env.error);
      throw new ContractError({ vendor: 'cirrus', field, problem, endpoint });
    }
    const status = Number(env.data.status);
    if (Number.isInteger(status) && status >= 400) {
      throw new VendorApiError({
        vendor: 'cirrus',
        httpStatus: status,
        code: String(env.data.status),
        message: `${env.data.description ?? 'error'} (sent in a 200 response)`,
        endpoint,
      });
    }
    const payload = env.data.object !== undefined ? env.data.object : env.data.data;
    if (payload === undefined) {
      throw new ContractError({ vendor: 'cirrus', field: 'object', problem: 'is missing (neither "object" nor "data" is present)', endpoint });
    }
    return payload;
  };
}

export interface CirrusReadOptions extends ReadOptions {
  /** Also read /managers/{id}/stats: FaceToFaceStatus marks an available agent busy. One more request per agent. */
  withCallStatus?: boolean;
}

export interface CirrusClient extends PresenceClient {
  getPresence(agentId: string, options?: CirrusReadOptions): Promise<AgentPresence>;
  setPresence(agentId: string, statusId: string, options?: CirrusReadOptions): Promise<AgentPresence>;
  getStats(agentId: string, options?: { deadline?: number }): Promise<CirrusStats>;
}

export function createCirrusClient(options: ClientOptions): CirrusClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? cirrusDefaultBaseUrl, 'baseUrl', 'cirrus');
  const call = createApiCaller({ ...options, vendor: 'cirrus', baseUrl });
  const now = options.now ?? (() => Date.now());
  const concurrency = concurrencyOf('cirrus', options.concurrency);
  const mappingOf = (o?: ReadOptions) => o?.mapping ?? options.mapping;

  async function getStats(agentId: string, o: { deadline?: number } = {}, slot?: Slot): Promise<CirrusStats> {
    const id = validateAgentId('cirrus', agentId);
    const endpoint = 'GET /managers/{id}/stats';
    return call({ method: 'GET', path: `/managers/${encodePathSegment(id)}/stats`, endpoint, schema: CirrusStatsSchema, unwrap: unwrapEnvelope(endpoint), deadline: o.deadline, slot });
  }

  async function readOne(id: string, o: CirrusReadOptions = {}, slot?: Slot): Promise<AgentPresence> {
    const endpoint = 'GET /managers/{id}/presence';
    const [payload, stats] = await Promise.all([
      call({ method: 'GET', path: `/managers/${encodePathSegment(id)}/presence`, endpoint, schema: z.unknown(), unwrap: unwrapEnvelope(endpoint), deadline: o.deadline, slot }),
      o.withCallStatus ? getStats(id, o, slot) : Promise.resolve(undefined),
    ]);
    const activity = stats ? { onInteraction: stats.FaceToFaceStatus === true } : undefined;
    return fromEndpoint(endpoint, () => normalizeCirrusPresence(payload, { agentId: id, mapping: mappingOf(o), includeRaw: o.includeRaw, activity }));
  }

  return {
    vendor: 'cirrus',
    baseUrl,
    getStats,
    getPresence: async (agentId, o) => readOne(validateAgentId('cirrus', agentId), o),

    async getPresences(agentIds, o: CirrusReadOptions = {}) {
      const ids = validateAgentIds('cirrus', agentIds);
      const settled = await mapSettled(ids, concurrencyOf('cirrus', o.concurrency, concurrency), async (id, _, slot) => [await readOne(id, o, slot)], deadlineNotPassed(now, o.deadline));
      return collectBatch(ids.map((id) => [id]), settled);
    },

    async listAgents(o = {}) {
      const managers = await call({ method: 'GET', path: '/managers', endpoint: 'GET /managers', schema: CirrusManagerListSchema, unwrap: unwrapEnvelope('GET /managers'), deadline: o.deadline });
      const agents = managers
        .filter((m) => isCirrusAgent(m.permissionId))
        .map((m) => ({
          vendor: 'cirrus' as const,
          agentId: m.id,
          name: [m.firstName, m.lastName].filter(Boolean).join(' ') || m.userName || null,
          email: m.email ?? null,
          team: m.teamId == null ? null : { id: String(m.teamId), name: m.teamName ?? null },
          ...(o.includeRaw ? { raw: m } : {}),
        }));
      return o.limit === undefined ? agents : agents.slice(0, o.limit);
    },

    async setPresence(agentId, statusId, o: CirrusReadOptions = {}) {
      const id = validateAgentId('cirrus', agentId);
      const activityId = validateStatusId('cirrus', statusId);
      const endpoint = 'POST /managers/{id}/presence/{activityId}';
      const payload = await call({
        method: 'POST',
        path: `/managers/${encodePathSegment(id)}/presence/${encodePathSegment(activityId)}`,
        endpoint,
        schema: z.unknown(),
        unwrap: unwrapEnvelope(endpoint),
        deadline: o.deadline,
      });
      // The same fields as a read: with call status asked for, the stats after the change too.
      const stats = o.withCallStatus ? await getStats(id, o) : undefined;
      const activity = stats ? { onInteraction: stats.FaceToFaceStatus === true } : undefined;
      return fromEndpoint(endpoint, () => normalizeCirrusPresence(payload, { agentId: id, mapping: mappingOf(o), includeRaw: o.includeRaw, activity }));
    },

    async listStatuses(o = {}) {
      const endpoint = 'GET /managers/presence';
      const types = await call({ method: 'GET', path: '/managers/presence', endpoint, schema: CirrusPresenceTypeListSchema, unwrap: unwrapEnvelope(endpoint) });
      return types.map((t) => cirrusStatusDefinition(t, { mapping: mappingOf(o), includeRaw: o.includeRaw }));
    },

    async checkConnection() {
      const endpoint = 'GET /core/systemstatus';
      await call({ method: 'GET', path: '/core/systemstatus', endpoint, schema: z.unknown(), unwrap: unwrapEnvelope(endpoint) });
    },
  };
}
