import { describePackedPackage } from '@agent-presence/n8n-shared/testing';

// Packs the package in the folder the tests run from: this package's own.
describePackedPackage({
  name: '@agent-presence/n8n-nodes-cirrus',
  nodes: ['dist/nodes/CirrusPresence/CirrusPresence.node.js', 'dist/nodes/CirrusPresenceTrigger/CirrusPresenceTrigger.node.js'],
  credentials: ['dist/credentials/CirrusApi.credentials.js'],
});
