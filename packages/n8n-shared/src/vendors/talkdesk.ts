import { createTalkdeskClient, talkdeskApiBaseUrl, talkdeskTokenUrl, TalkdeskRegionSchema } from '@agent-presence/presence-core';
import * as setOccupancy from '../action/agentPresence/setOccupancy.operation';
import type { VendorConfig } from '../vendor';

export const talkdeskVendor: VendorConfig = {
  id: 'talkdesk',
  displayName: 'Talkdesk',
  shortName: 'Talkdesk',
  credentialType: 'talkdeskOAuth2Api',
  agentId: { placeholder: 'e.g. 5f9d1c3e8a4b2c0012345678', regex: '^\\s*[A-Za-z0-9_-]{1,64}\\s*$', hint: 'Not a Talkdesk user id: give letters and digits, e.g. 5f9d1c3e8a4b2c0012345678, or pick the agent From List' },
  statusId: { placeholder: 'e.g. away, or a custom status id', regex: '^\\s*[A-Za-z0-9_-]{1,64}\\s*$', hint: 'Not a Talkdesk status: give available, away, offline, hidden or a custom status id, or pick the status From List' },
  endpoints: (c) => {
    const region = TalkdeskRegionSchema.catch('us').parse(c.region);
    return {
      apiBaseUrl: String(c.apiHost || talkdeskApiBaseUrl(region)),
      tokenUrl: String(c.tokenUrl || talkdeskTokenUrl(String(c.account ?? ''), region, 'Credential > Account Name')),
    };
  },
  operations: { agentPresence: [setOccupancy] },
  createClient: (options) => createTalkdeskClient(options),
};
