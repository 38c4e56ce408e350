// Core is bundled into the n8n packages, whose publication scanner bans these
// globals and imports in every shipped .js file. Only the undici adapter, which
// is never bundled, may use them.
import tseslint from 'typescript-eslint';

const bannedGlobals = [
  'process', 'globalThis', 'global', 'setTimeout', 'setInterval', 'setImmediate',
  'clearTimeout', 'clearInterval', 'clearImmediate', '__dirname', '__filename', 'eval',
].map((name) => ({ name, message: `${name} is not allowed in code bundled into n8n packages; inject it (see http/transport.ts).` }));

const newFunction = { selector: "NewExpression[callee.name='Function']", message: 'new Function is banned in n8n packages.' };
// A vendor's definition is loaded by the registry and nothing else: see vendors/registry.ts.
const importsVendorDefinition = {
  selector: "ImportDeclaration[source.value=/\\/vendor$/]",
  message: 'Only vendors/registry.ts imports a vendor definition; use vendorRegistry or vendorDefinition().',
};

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'jest.config.cjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...bannedGlobals],
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'n8n-workflow', message: 'presence-core knows no n8n; adapt in the node packages.' },
          { name: 'undici', message: 'Only transports/undici.ts may use undici.' },
          { name: 'zod', message: "Import the zod 4 API from 'zod/v4'." },
          ...['fs', 'child_process', 'timers', 'timers/promises', 'http', 'https', 'net', 'os', 'path'].map((name) => ({
            name,
            message: 'No Node built-ins in core outside transports/undici.ts.',
          })),
        ],
        // 'crypto' (the Vonage webhook signature) is on n8n's allow-list; other built-ins are not.
        patterns: [{ group: ['node:*'], message: 'No Node built-ins in core outside transports/undici.ts.' }],
      }],
      'no-restricted-syntax': ['error', newFunction, importsVendorDefinition],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/vendors/registry.ts'],
    rules: { 'no-restricted-syntax': ['error', newFunction] },
  },
  {
    files: ['src/transports/undici.ts'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `const { exp: _exp, ...rest } = claims` drops a field on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, varsIgnorePattern: '^_' }],
    },
  },
);
