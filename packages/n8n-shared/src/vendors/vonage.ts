import { vendorRegistry } from '@agent-presence/presence-core';
import { VonageRegionSchema } from '@agent-presence/presence-core/vonage';
import * as getHistory from '../action/agentPresence/getHistory.operation';
import { editorIdCheck, type VendorConfig } from '../vendor';

const definition = vendorRegistry.vonage;

export const vonageVendor: VendorConfig = {
  id: definition.id,
  displayName: definition.displayName,
  shortName: 'Vonage',
  credentialType: 'vonageContactCenterOAuth2Api',
  agentId: editorIdCheck(definition.ids.agent, 'agent'),
  statusId: editorIdCheck(definition.ids.status, 'status'),
  endpoints: (c) => {
    const region = VonageRegionSchema.catch('emea').parse(c.region);
    return {
      apiBaseUrl: String(c.apiHost || definition.hosts.apiBaseUrl(region)),
      tokenUrl: String(c.tokenUrl || definition.hosts.tokenUrl(region)),
    };
  },
  operations: { agentPresence: [getHistory] },
  createClient: (options) => definition.createClient(options),
};
