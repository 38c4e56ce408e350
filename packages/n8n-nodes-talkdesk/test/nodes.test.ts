import { describeVendorNodes } from '@agent-presence/n8n-shared/testing';
import { TalkdeskOAuth2Api } from '../credentials/TalkdeskOAuth2Api.credentials';
import { TalkdeskPresence } from '../nodes/TalkdeskPresence/TalkdeskPresence.node';
import { TalkdeskPresenceTrigger } from '../nodes/TalkdeskPresenceTrigger/TalkdeskPresenceTrigger.node';

describeVendorNodes({
  vendor: 'talkdesk',
  actionNode: 'talkdeskPresence',
  triggerNode: 'talkdeskPresenceTrigger',
  nodes: { talkdeskPresence: new TalkdeskPresence(), talkdeskPresenceTrigger: new TalkdeskPresenceTrigger() },
  credentialType: new TalkdeskOAuth2Api(),
  // Base statuses, and the simulator's custom "Lunch" status (an away reason).
  statuses: { available: 'available', away: 'away', awayOther: 'c5d2a8f1-6e43-4b97-8a1c-3f7e9b2d5c04', offline: { id: 'offline', state: 'offline' } },
  unknownAgentId: 'ffffffffffffffffffffffff',
  badAgentId: 'no/slash',
  sweep: { agents: 200, latencyMs: 60, budgetMs: 400 },
  secretOf: (sim) => sim.credentials.talkdesk.clientSecret,
  oauth: true,
});
