import { cirrusDefaultBaseUrl, createCirrusClient } from '@agent-presence/presence-core';
import type { VendorConfig } from '../vendor';

export const cirrusVendor: VendorConfig = {
  id: 'cirrus',
  displayName: 'Cirrus',
  shortName: 'Cirrus',
  credentialType: 'cirrusApi',
  // GET /managers gives teamId and teamName.
  teams: true,
  agentId: { placeholder: 'e.g. 1234567', regex: '^\\s*[1-9][0-9]{0,18}\\s*$', hint: 'Not a Cirrus manager id: give digits only, e.g. 1234567, or pick the agent From List' },
  statusId: { placeholder: 'e.g. 3', regex: '^\\s*[1-9][0-9]{0,18}\\s*$', hint: 'Not a Cirrus presence type id: give digits only, e.g. 3, or pick the status From List' },
  endpoints: (c) => ({ apiBaseUrl: String(c.apiHost || cirrusDefaultBaseUrl) }),
  createClient: (options) => createCirrusClient(options),
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
