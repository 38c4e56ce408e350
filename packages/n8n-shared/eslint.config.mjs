// The glue is bundled into each node package, so it is held to the rules `n8n-node lint` applies
// there: the same config, with its rules for node files (nodes/, which holds the parameters and
// execute code in a node package) applied to src/, where ours live.
import { config } from '@n8n/node-cli/eslint';

const nodeFiles = config.find((entry) => entry.files?.includes('./nodes/**/*.ts'));
if (!nodeFiles?.rules) throw new Error('@n8n/node-cli/eslint no longer has its nodes/ rules: see how n8n-node lint now applies them.');

export default [
  ...config,
  // package.json: this package is private and never published (each node package lints its own);
  // the build script and jest config are tooling.
  { ignores: ['package.json', 'jest.config.cjs', 'build-package.mjs'] },
  { files: ['src/**/*.ts'], rules: nodeFiles.rules },
  {
    // The test harness runs nodes in n8n-core and packs tarballs; it is never bundled (only src/ is),
    // so the rules for code that n8n Cloud runs do not apply to it.
    files: ['test/**/*.ts', 'testing/**/*.ts'],
    rules: {
      '@n8n/community-nodes/no-restricted-imports': 'off',
      '@n8n/community-nodes/no-restricted-globals': 'off',
      '@n8n/community-nodes/no-dangerous-functions': 'off',
    },
  },
];
