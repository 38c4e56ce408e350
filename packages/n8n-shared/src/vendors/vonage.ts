import { createVonageClient, vonageApiBaseUrl, vonageTokenUrl, VonageRegionSchema } from '@agent-presence/presence-core';
import * as getHistory from '../action/agentPresence/getHistory.operation';
import type { VendorConfig } from '../vendor';

const guid = '^\\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\s*$';

export const vonageVendor: VendorConfig = {
  id: 'vonage',
  displayName: 'Vonage Contact Center',
  shortName: 'Vonage',
  credentialType: 'vonageContactCenterOAuth2Api',
  agentId: { placeholder: 'e.g. daab05ec-ba50-45af-a6fd-3b01cdc6f39b', regex: guid, hint: 'Not a Vonage user id: give a GUID, e.g. daab05ec-ba50-45af-a6fd-3b01cdc6f39b, or pick the agent From List' },
  statusId: { placeholder: 'e.g. eaed6862-14fa-4114-be62-b8709b5d4a49', regex: guid, hint: 'Not a Vonage presenceId: give a GUID, e.g. eaed6862-14fa-4114-be62-b8709b5d4a49, or pick the status From List' },
  endpoints: (c) => {
    const region = VonageRegionSchema.catch('emea').parse(c.region);
    return {
      apiBaseUrl: String(c.apiHost || vonageApiBaseUrl(region)),
      tokenUrl: String(c.tokenUrl || vonageTokenUrl(region)),
    };
  },
  operations: { agentPresence: [getHistory] },
  createClient: (options) => createVonageClient(options),
};
