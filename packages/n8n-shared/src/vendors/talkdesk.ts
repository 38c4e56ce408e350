import { vendorRegistry } from '@agent-presence/presence-core';
import { talkdeskTokenUrl, TalkdeskRegionSchema } from '@agent-presence/presence-core/talkdesk';
import * as setOccupancy from '../action/agentPresence/setOccupancy.operation';
import { editorIdCheck, type VendorConfig } from '../vendor';

const definition = vendorRegistry.talkdesk;

export const talkdeskVendor: VendorConfig = {
  id: definition.id,
  displayName: definition.displayName,
  shortName: 'Talkdesk',
  credentialType: 'talkdeskOAuth2Api',
  agentId: editorIdCheck(definition.ids.agent, 'agent'),
  statusId: editorIdCheck(definition.ids.status, 'status'),
  endpoints: (c) => {
    const region = TalkdeskRegionSchema.catch('us').parse(c.region);
    return {
      apiBaseUrl: String(c.apiHost || definition.hosts.apiBaseUrl(region)),
      tokenUrl: String(c.tokenUrl || talkdeskTokenUrl(String(c.account ?? ''), region, 'Credential > Account Name')),
    };
  },
  operations: { agentPresence: [setOccupancy] },
  createClient: (options) => definition.createClient(options),
};
