import { describePackedPackage } from '@agent-presence/n8n-shared/testing';

// Packs the package in the folder the tests run from: this package's own.
describePackedPackage({
  name: '@agent-presence/n8n-nodes-vonage-contact-center',
  nodes: [
    'dist/nodes/VonageContactCenterPresence/VonageContactCenterPresence.node.js',
    'dist/nodes/VonageContactCenterPresenceTrigger/VonageContactCenterPresenceTrigger.node.js',
    'dist/nodes/VonageContactCenterPresenceWebhookTrigger/VonageContactCenterPresenceWebhookTrigger.node.js',
  ],
  credentials: ['dist/credentials/VonageContactCenterOAuth2Api.credentials.js'],
});
