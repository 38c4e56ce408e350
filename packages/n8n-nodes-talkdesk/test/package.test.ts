import { describePackedPackage } from '@agent-presence/n8n-shared/testing';

// Packs the package in the folder the tests run from: this package's own.
describePackedPackage({
  name: '@agent-presence/n8n-nodes-talkdesk',
  nodes: ['dist/nodes/TalkdeskPresence/TalkdeskPresence.node.js', 'dist/nodes/TalkdeskPresenceTrigger/TalkdeskPresenceTrigger.node.js'],
  credentials: ['dist/credentials/TalkdeskOAuth2Api.credentials.js'],
});
