import { manifestProblems, requiresOf } from '../testing/scanner';

const good = {
  name: '@agent-presence/n8n-nodes-cirrus',
  keywords: ['n8n-community-node-package'],
  license: 'MIT',
  author: { name: 'A', email: 'a@example.com' },
  homepage: 'https://example.com',
  repository: { type: 'git', url: 'git+https://example.com/x.git' },
  peerDependencies: { 'n8n-workflow': '*' },
  scripts: { build: 'x', prepublishOnly: 'n8n-node prerelease' },
  n8n: { n8nNodesApiVersion: 1, strict: true, nodes: ['dist/a.node.js'], credentials: ['dist/b.credentials.js'] },
};

describe('the offline verification rules', () => {
  it('pass a conforming manifest', () => {
    expect(manifestProblems(good)).toEqual([]);
  });

  it.each([
    [{ name: 'cirrus-nodes' }, /name/],
    [{ keywords: [] }, /keyword/],
    [{ license: 'ISC' }, /license/],
    [{ author: { name: 'A' } }, /author/],
    [{ homepage: undefined }, /homepage/],
    [{ repository: undefined }, /repository/],
    [{ dependencies: { zod: '^3' } }, /runtime dependencies/],
    [{ peerDependencies: { 'n8n-workflow': '^2' } }, /peerDependencies/],
    [{ scripts: { postinstall: 'node x' } }, /postinstall/],
    [{ overrides: { a: '1' } }, /overrides/],
    [{ n8n: { ...good.n8n, strict: false } }, /strict/],
    [{ n8n: { ...good.n8n, nodes: ['./dist/a.node.js'] } }, /must start with dist/],
  ])('refuse %j', (patch, problem) => {
    expect(manifestProblems({ ...good, ...patch } as never).join('\n')).toMatch(problem);
  });

  it('finds every require', () => {
    expect(requiresOf('const a = require("n8n-workflow"); const b = require( \'zod/v4\' ); x.require(`fs`)')).toEqual(['n8n-workflow', 'zod/v4', 'fs']);
  });
});
