import { vendorRegistry } from '@agent-presence/presence-core';
import { editorIdCheck, type VendorConfig } from '../vendor';

const definition = vendorRegistry.cirrus;

export const cirrusVendor: VendorConfig = {
  id: definition.id,
  displayName: definition.displayName,
  shortName: 'Cirrus',
  credentialType: 'cirrusApi',
  // GET /managers gives teamId and teamName.
  teams: true,
  agentId: editorIdCheck(definition.ids.agent, 'agent'),
  statusId: editorIdCheck(definition.ids.status, 'status'),
  endpoints: (c) => ({ apiBaseUrl: String(c.apiHost || definition.hosts.apiBaseUrl()) }),
  createClient: (options) => definition.createClient(options),
  extraReadOptions: [
    {
      displayName: 'Include Call Status',
      name: 'withCallStatus',
      type: 'boolean',
      default: false,
      description: 'Whether to also read each agent\'s stats: an Active agent on a voice or video call (FaceToFaceStatus) is then reported busy. One more request per agent.',
    },
  ],
  readOptionsFrom: (o) => ({ withCallStatus: o.withCallStatus === true }),
};
