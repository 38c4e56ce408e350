import { describeVendorNodes } from '@agent-presence/n8n-shared/testing';
import { VonageContactCenterOAuth2Api } from '../credentials/VonageContactCenterOAuth2Api.credentials';
import { VonageContactCenterPresence } from '../nodes/VonageContactCenterPresence/VonageContactCenterPresence.node';
import { VonageContactCenterPresenceTrigger } from '../nodes/VonageContactCenterPresenceTrigger/VonageContactCenterPresenceTrigger.node';

describeVendorNodes({
  vendor: 'vonage',
  actionNode: 'vonageContactCenterPresence',
  triggerNode: 'vonageContactCenterPresenceTrigger',
  nodes: { vonageContactCenterPresence: new VonageContactCenterPresence(), vonageContactCenterPresenceTrigger: new VonageContactCenterPresenceTrigger() },
  credentialType: new VonageContactCenterOAuth2Api(),
  // Simulator presence definitions: Ready, Break (Away), Lunch (Away), Logged Out.
  statuses: {
    available: '36054f94-d55f-4382-8132-ecac185c8e4d',
    away: '8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40',
    awayOther: 'b2e9d4c1-7a35-4f86-9c02-6a1e8f3d5b27',
    offline: { id: 'eaed6862-14fa-4114-be62-b8709b5d4a49', state: 'offline' },
  },
  unknownAgentId: '00000000-0000-4000-8000-000000000000',
  badAgentId: 'agent-7',
  // 50 ids per request and 10 requests at a time: 2,400 agents need 48 batches, more than one poll's budget allows
  // (listing takes two requests, and no request may outlive 1.2 times the budget).
  sweep: { agents: 2400, latencyMs: 150, budgetMs: 1000 },
  secretOf: (sim) => sim.credentials.vonage.clientSecret,
  oauth: true,
});
