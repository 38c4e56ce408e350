import type { Simulator } from '@agent-presence/simulator';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

/** Credential data of all three vendors pointing at a running simulator, as a user would fill them in. */
export function simulatorCredentials(sim: Simulator): Record<string, ICredentialDataDecryptedObject> {
  return {
    cirrusApi: { apiKey: sim.credentials.cirrus.apiKey, apiHost: sim.vendors.cirrus.baseUrl },
    vonageContactCenterOAuth2Api: {
      region: 'emea',
      clientId: sim.credentials.vonage.clientId,
      clientSecret: sim.credentials.vonage.clientSecret,
      scope: 'users:read users:write',
      apiHost: sim.vendors.vonage.baseUrl,
      tokenUrl: sim.vendors.vonage.tokenUrl,
    },
    talkdeskOAuth2Api: {
      account: sim.credentials.talkdesk.account,
      region: 'us',
      clientId: sim.credentials.talkdesk.clientId,
      clientSecret: sim.credentials.talkdesk.clientSecret,
      apiHost: sim.vendors.talkdesk.baseUrl,
      tokenUrl: sim.vendors.talkdesk.tokenUrl,
    },
  };
}
