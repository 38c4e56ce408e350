import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';
import { createClientFor } from '../client';
import { toNodeError } from '../errors';
import type { VendorConfig } from '../vendor';

const maxResults = 500;

function matches(filter: string | undefined, ...fields: Array<string | null>): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return fields.some((v) => v !== null && v.toLowerCase().includes(f));
}

/** listSearch methods for the resource locators: the vendor's agents and statuses. */
export function listSearchMethods(vendor: VendorConfig) {
  return {
    async searchAgents(this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
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
      try {
        const client = await createClientFor(this, vendor);
        const statuses = await client.listStatuses();
        const results = statuses
          .filter((s) => s.selectable !== false && matches(filter, s.id, s.name, s.category))
          .slice(0, maxResults)
          .map((s) => ({ name: `${s.name ?? s.id} (${s.state})`, value: s.id, ...(s.note ? { description: s.note } : {}) }));
        return { results };
      } catch (error) {
        throw toNodeError(this.getNode(), error);
      }
    },
  };
}
