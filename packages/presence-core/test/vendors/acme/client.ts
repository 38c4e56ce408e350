import { z } from 'zod/v4';
import { chunk, mapSettled } from '../../../src/concurrency';
import { createApiCaller } from '../../../src/http/api-caller';
import { normalizeBaseUrl } from '../../../src/http/base-url';
import { encodePathSegment, validateAgentId, validateStatusId } from '../../../src/ids';
import { mappedState } from '../../../src/mapping';
import { collectBatch, concurrencyOf, deadlineNotPassed, validateAgentIds, type ClientOptions, type PresenceClient } from '../../../src/vendors/client';
import { fromEndpoint } from '../../../src/vendors/contract';
import { AcmePresenceListSchema, AcmeStatusListSchema, AcmeUsersSchema } from './schemas';
import { acme, acmeState, acmeVendor } from './vendor';

/** Acme's API: GET /agents, GET /presences?agents=a,b,c (at most 3), PUT /agents/{id}/presence, GET /statuses. */
export function createAcmeClient(options: ClientOptions): PresenceClient {
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? acmeVendor.hosts.apiBaseUrl('north'), 'baseUrl', acme);
  const call = createApiCaller({ ...options, vendor: acme, baseUrl });
  const now = options.now ?? (() => Date.now());
  const concurrency = concurrencyOf(acme, options.concurrency);
  const normalizeAll = (records: unknown[], o: { mapping?: ClientOptions['mapping']; includeRaw?: boolean }) =>
    records.map((r) => acmeVendor.normalize(r, { mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw }));

  const client: PresenceClient = {
    vendor: acme,
    baseUrl,
    async getPresence(agentId, o = {}) {
      const batch = await client.getPresences([agentId], o);
      if (batch.failures[0]) throw batch.failures[0].error;
      const found = batch.presences[0];
      if (!found) throw new Error(`no presence for ${agentId}`);
      return found;
    },
    async getPresences(agentIds, o = {}) {
      const ids = validateAgentIds(acme, agentIds);
      const size = acmeVendor.reads.size;
      const groups = chunk(ids, size);
      const endpoint = 'GET /presences';
      const settled = await mapSettled(
        groups,
        concurrencyOf(acme, o.concurrency, concurrency),
        async (group, _, slot) => {
          const body = await call({ method: 'GET', path: '/presences', endpoint, query: { agents: group.join(',') }, schema: AcmePresenceListSchema, deadline: o.deadline, slot });
          return fromEndpoint(endpoint, () => normalizeAll(body, o));
        },
        deadlineNotPassed(now, o.deadline),
      );
      return collectBatch(groups, settled);
    },
    async listAgents(o = {}) {
      const users = await call({ method: 'GET', path: '/agents', endpoint: 'GET /agents', schema: AcmeUsersSchema, deadline: o.deadline });
      const agents = users.map((u) => ({ vendor: acme, agentId: u.id, name: u.name, email: u.email, team: null, ...(o.includeRaw ? { raw: u } : {}) }));
      return o.limit === undefined ? agents : agents.slice(0, o.limit);
    },
    async setPresence(agentId, statusId, o = {}) {
      const id = validateAgentId(acme, agentId);
      const code = validateStatusId(acme, statusId);
      const endpoint = 'PUT /agents/{id}/presence';
      const body = await call({ method: 'PUT', path: `/agents/${encodePathSegment(id)}/presence`, endpoint, body: { code }, schema: z.unknown(), deadline: o.deadline });
      return fromEndpoint(endpoint, () => acmeVendor.normalize(body, { mapping: o.mapping ?? options.mapping, includeRaw: o.includeRaw }));
    },
    async listStatuses(o = {}) {
      const statuses = await call({ method: 'GET', path: '/statuses', endpoint: 'GET /statuses', schema: AcmeStatusListSchema });
      return statuses.map((s) => ({
        vendor: acme,
        id: s.code,
        name: s.label,
        category: s.kind,
        state: mappedState({ id: s.code, name: s.label, category: s.kind }, o.mapping ?? options.mapping) ?? acmeState(s),
        ...(o.includeRaw ? { raw: s } : {}),
      }));
    },
    async checkConnection() {
      await call({ method: 'GET', path: '/statuses', endpoint: 'GET /statuses', schema: z.unknown() });
    },
  };
  return client;
}
