import type { StatusDefinition } from '@agent-presence/presence-core';
import type { ILoadOptionsFunctions, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
import { createClientFor } from '../client';
import { toNodeError } from '../errors';
import { hostApis, requireHostApis } from '../host';
import type { VendorConfig } from '../vendor';

const maxResults = 500;

function matches(filter: string | undefined, ...fields: Array<string | null>): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return fields.some((v) => v !== null && v.toLowerCase().includes(f));
}

/** A status as the picker shows it: its name, and its common state when the name does not already say it ("Lunch (away)", "Available"). */
export function statusLabel(s: Pick<StatusDefinition, 'id' | 'name' | 'state'>): string {
  const given = s.name ?? s.id;
  // Talkdesk's base statuses are named by their lower-case API values.
  const name = given.charAt(0).toUpperCase() + given.slice(1);
  return given.toLowerCase() === s.state ? name : `${name} (${s.state})`;
}

/** listSearch methods for the resource locators: the vendor's agents and statuses. */
export function listSearchMethods(vendor: VendorConfig) {
  return {
    async searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
      requireHostApis(this, hostApis.loadOptions);
      try {
        const client = await createClientFor(this, vendor);
        const agents = await client.listAgents();
        const results = agents
          .filter((a) => matches(filter, a.agentId, a.name, a.email))
          .slice(0, maxResults)
          .map((a) => ({ name: a.name ? `${a.name} (${a.agentId})` : a.agentId, value: a.agentId }));
        return { results };
      } catch (error) {
        throw toNodeError(this.getNode(), error);
      }
    },
    async searchStatuses(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
      requireHostApis(this, hostApis.loadOptions);
      try {
        const client = await createClientFor(this, vendor);
        const statuses = await client.listStatuses();
        const results = statuses
          .filter((s) => s.selectable !== false && matches(filter, s.id, s.name, s.category))
          .slice(0, maxResults)
          .map((s) => ({ name: statusLabel(s), value: s.id, ...(s.note ? { description: s.note } : {}) }));
        return { results };
      } catch (error) {
        throw toNodeError(this.getNode(), error);
      }
    },
  };
}

/** loadOptions methods for the multi-pickers: agents (Given IDs) and teams. */
export function loadOptionsMethods(vendor: VendorConfig) {
  return {
    async listAgents(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
      try {
        const client = await createClientFor(this, vendor);
        const agents = await client.listAgents();
        return agents
          .map((a) => ({ name: a.name ? `${a.name} (${a.agentId})` : a.agentId, value: a.agentId, ...(a.email ? { description: a.email } : {}) }))
          .sort((x, y) => x.name.localeCompare(y.name));
      } catch (error) {
        throw toNodeError(this.getNode(), error);
      }
    },
    async listTeams(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
      try {
        const client = await createClientFor(this, vendor);
        const teams = new Map<string, string>();
        for (const a of await client.listAgents()) if (a.team) teams.set(a.team.id, a.team.name ?? a.team.id);
        return [...teams].map(([value, name]) => ({ name, value })).sort((x, y) => x.name.localeCompare(y.name));
      } catch (error) {
        throw toNodeError(this.getNode(), error);
      }
    },
  };
}

/** Every method our nodes' parameters call: `methods` of the action node and the polling trigger. */
export function nodeMethods(vendor: VendorConfig) {
  return { listSearch: listSearchMethods(vendor), loadOptions: loadOptionsMethods(vendor) };
}
