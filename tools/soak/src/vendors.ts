// The three vendors' real node and credential classes (from source, so they share
// the one n8n-shared module the soak instruments), with what the soak and the
// bad-input matrix need to know about each.
import { cirrusVendor, talkdeskVendor, vonageVendor, type VendorConfig } from '@agent-presence/n8n-shared';
import type { Simulator } from '@agent-presence/simulator';
import type { ICredentialType, INodeType } from 'n8n-workflow';
import { CirrusApi } from '../../../packages/n8n-nodes-cirrus/credentials/CirrusApi.credentials.js';
import { CirrusPresence } from '../../../packages/n8n-nodes-cirrus/nodes/CirrusPresence/CirrusPresence.node.js';
import { CirrusPresenceTrigger } from '../../../packages/n8n-nodes-cirrus/nodes/CirrusPresenceTrigger/CirrusPresenceTrigger.node.js';
import { TalkdeskOAuth2Api } from '../../../packages/n8n-nodes-talkdesk/credentials/TalkdeskOAuth2Api.credentials.js';
import { TalkdeskPresence } from '../../../packages/n8n-nodes-talkdesk/nodes/TalkdeskPresence/TalkdeskPresence.node.js';
import { TalkdeskPresenceTrigger } from '../../../packages/n8n-nodes-talkdesk/nodes/TalkdeskPresenceTrigger/TalkdeskPresenceTrigger.node.js';
import { VonageContactCenterOAuth2Api } from '../../../packages/n8n-nodes-vonage-contact-center/credentials/VonageContactCenterOAuth2Api.credentials.js';
import { VonageContactCenterPresence } from '../../../packages/n8n-nodes-vonage-contact-center/nodes/VonageContactCenterPresence/VonageContactCenterPresence.node.js';
import { VonageContactCenterPresenceTrigger } from '../../../packages/n8n-nodes-vonage-contact-center/nodes/VonageContactCenterPresenceTrigger/VonageContactCenterPresenceTrigger.node.js';

export type Vendor = 'cirrus' | 'vonage' | 'talkdesk';
export const vendors: readonly Vendor[] = ['cirrus', 'vonage', 'talkdesk'];

export interface VendorSpec {
  vendor: Vendor;
  config: VendorConfig;
  actionNode: string;
  triggerNode: string;
  nodes: Record<string, INodeType>;
  credentialType: ICredentialType;
  credentialName: string;
  oauth: boolean;
  /** Simulator status ids of this vendor. */
  statuses: { available: string; away: string; awayOther: string; offline: string };
  /** A well-formed id the simulator does not know. */
  unknownAgentId: string;
  /** The long-lived secret of the credential. */
  secretOf(sim: Simulator): string;
}

export const vendorSpecs: Record<Vendor, VendorSpec> = {
  cirrus: {
    vendor: 'cirrus',
    config: cirrusVendor,
    actionNode: 'cirrusPresence',
    triggerNode: 'cirrusPresenceTrigger',
    nodes: { cirrusPresence: new CirrusPresence(), cirrusPresenceTrigger: new CirrusPresenceTrigger() },
    credentialType: new CirrusApi(),
    credentialName: 'cirrusApi',
    oauth: false,
    statuses: { available: '1', away: '3', awayOther: '1001', offline: '1003' },
    unknownAgentId: '4242424242',
    secretOf: (sim) => sim.credentials.cirrus.apiKey,
  },
  vonage: {
    vendor: 'vonage',
    config: vonageVendor,
    actionNode: 'vonageContactCenterPresence',
    triggerNode: 'vonageContactCenterPresenceTrigger',
    nodes: {
      vonageContactCenterPresence: new VonageContactCenterPresence(),
      vonageContactCenterPresenceTrigger: new VonageContactCenterPresenceTrigger(),
    },
    credentialType: new VonageContactCenterOAuth2Api(),
    credentialName: 'vonageContactCenterOAuth2Api',
    oauth: true,
    statuses: {
      available: '36054f94-d55f-4382-8132-ecac185c8e4d',
      away: '8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40',
      awayOther: 'b2e9d4c1-7a35-4f86-9c02-6a1e8f3d5b27',
      offline: 'eaed6862-14fa-4114-be62-b8709b5d4a49',
    },
    unknownAgentId: '00000000-0000-4000-8000-000000000000',
    secretOf: (sim) => sim.credentials.vonage.clientSecret,
  },
  talkdesk: {
    vendor: 'talkdesk',
    config: talkdeskVendor,
    actionNode: 'talkdeskPresence',
    triggerNode: 'talkdeskPresenceTrigger',
    nodes: { talkdeskPresence: new TalkdeskPresence(), talkdeskPresenceTrigger: new TalkdeskPresenceTrigger() },
    credentialType: new TalkdeskOAuth2Api(),
    credentialName: 'talkdeskOAuth2Api',
    oauth: true,
    statuses: { available: 'available', away: 'away', awayOther: 'c5d2a8f1-6e43-4b97-8a1c-3f7e9b2d5c04', offline: 'offline' },
    unknownAgentId: 'ffffffffffffffffffffffff',
    secretOf: (sim) => sim.credentials.talkdesk.clientSecret,
  },
};
