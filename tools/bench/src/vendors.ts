// The three vendors as the benchmarks see them: their n8n trigger and credential, a core
// client outside n8n, and the least number of requests each vendor's API needs.
import { cirrusVendor, talkdeskVendor, vonageVendor, type VendorConfig } from '@agent-presence/n8n-shared';
import {
  createCirrusClient,
  createTalkdeskClient,
  createVonageClient,
  withBearerToken,
  withClientCredentials,
  type HttpTransport,
  type PresenceClient,
} from '@agent-presence/presence-core';
import type { ICredentialType, INodeType } from 'n8n-workflow';
// Explicit .js: without it, Node's CommonJS resolution finds the codex file (*.node.json) first.
import { CirrusApi } from '../../../packages/n8n-nodes-cirrus/credentials/CirrusApi.credentials.js';
import { CirrusPresence } from '../../../packages/n8n-nodes-cirrus/nodes/CirrusPresence/CirrusPresence.node.js';
import { CirrusPresenceTrigger } from '../../../packages/n8n-nodes-cirrus/nodes/CirrusPresenceTrigger/CirrusPresenceTrigger.node.js';
import { TalkdeskOAuth2Api } from '../../../packages/n8n-nodes-talkdesk/credentials/TalkdeskOAuth2Api.credentials.js';
import { TalkdeskPresence } from '../../../packages/n8n-nodes-talkdesk/nodes/TalkdeskPresence/TalkdeskPresence.node.js';
import { TalkdeskPresenceTrigger } from '../../../packages/n8n-nodes-talkdesk/nodes/TalkdeskPresenceTrigger/TalkdeskPresenceTrigger.node.js';
import { VonageContactCenterOAuth2Api } from '../../../packages/n8n-nodes-vonage-contact-center/credentials/VonageContactCenterOAuth2Api.credentials.js';
import { VonageContactCenterPresence } from '../../../packages/n8n-nodes-vonage-contact-center/nodes/VonageContactCenterPresence/VonageContactCenterPresence.node.js';
import { VonageContactCenterPresenceTrigger } from '../../../packages/n8n-nodes-vonage-contact-center/nodes/VonageContactCenterPresenceTrigger/VonageContactCenterPresenceTrigger.node.js';
import type { SimHandle, Vendor } from './sim';

export interface VendorSpec {
  vendor: Vendor;
  config: VendorConfig;
  triggerName: string;
  trigger: () => INodeType;
  /** The action node (Set Many, for the bulk-set benchmark). */
  actionName: string;
  action: () => INodeType;
  credentialType: () => ICredentialType;
  /** OAuth2: a token request comes first. */
  oauth: boolean;
  /** The core client outside n8n, over `http` with the vendor's authentication. */
  coreClient: (sim: SimHandle, http: HttpTransport, concurrency: number) => PresenceClient;
  /** Requests the vendor's API needs, at least, to read `agents` presences out of `users` listed users. */
  minRequests(users: number, agents: number, withToken: boolean): number;
}

export const vendors: VendorSpec[] = [
  {
    vendor: 'cirrus',
    config: cirrusVendor,
    triggerName: 'cirrusPresenceTrigger',
    trigger: () => new CirrusPresenceTrigger(),
    actionName: 'cirrusPresence',
    action: () => new CirrusPresence(),
    credentialType: () => new CirrusApi(),
    oauth: false,
    coreClient: (sim, http, concurrency) =>
      createCirrusClient({ transport: withBearerToken(http, sim.info.credentials.cirrus.apiKey), baseUrl: sim.info.vendors.cirrus.baseUrl, concurrency }),
    // GET /managers (no paging), then one GET /managers/{id}/presence per agent. A static key: no token.
    minRequests: (_users, agents) => 1 + agents,
  },
  {
    vendor: 'vonage',
    config: vonageVendor,
    triggerName: 'vonageContactCenterPresenceTrigger',
    trigger: () => new VonageContactCenterPresenceTrigger(),
    actionName: 'vonageContactCenterPresence',
    action: () => new VonageContactCenterPresence(),
    credentialType: () => new VonageContactCenterOAuth2Api(),
    oauth: true,
    coreClient: (sim, http, concurrency) =>
      createVonageClient({
        transport: withClientCredentials(http, {
          vendor: 'vonage',
          tokenUrl: sim.info.vendors.vonage.tokenUrl,
          clientId: sim.info.credentials.vonage.clientId,
          clientSecret: sim.info.credentials.vonage.clientSecret,
          scope: 'users:read',
          clientAuthentication: 'body',
        }),
        baseUrl: sim.info.vendors.vonage.baseUrl,
        concurrency,
      }),
    // /useradmin/users pages of 5,000, then /agents/presences/users with 50 ids each.
    minRequests: (users, agents, withToken) => Math.ceil(users / 5000) + Math.ceil(agents / 50) + (withToken ? 1 : 0),
  },
  {
    vendor: 'talkdesk',
    config: talkdeskVendor,
    triggerName: 'talkdeskPresenceTrigger',
    trigger: () => new TalkdeskPresenceTrigger(),
    actionName: 'talkdeskPresence',
    action: () => new TalkdeskPresence(),
    credentialType: () => new TalkdeskOAuth2Api(),
    oauth: true,
    coreClient: (sim, http, concurrency) =>
      createTalkdeskClient({
        transport: withClientCredentials(http, {
          vendor: 'talkdesk',
          tokenUrl: sim.info.vendors.talkdesk.tokenUrl,
          clientId: sim.info.credentials.talkdesk.clientId,
          clientSecret: sim.info.credentials.talkdesk.clientSecret,
          scope: 'presence-user:read users:read',
          clientAuthentication: 'basic',
        }),
        baseUrl: sim.info.vendors.talkdesk.baseUrl,
        concurrency,
      }),
    // /users pages of 100, then one /users/{id}/presence per agent.
    minRequests: (users, agents, withToken) => Math.ceil(users / 100) + agents + (withToken ? 1 : 0),
  },
];

/** The least time the API allows: every request needs one latency, `concurrency` at a time. */
export function floorMs(requests: number, concurrency: number, latencyMs: number): number {
  return Math.ceil(requests / concurrency) * latencyMs;
}
