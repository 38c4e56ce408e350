// Packs a node package as npm would publish it and checks the tarball the way n8n's
// verification and publication scanner do (see scanner.ts).
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { allowedRequires, lintWithScannerRules, manifestProblems, pack, requiresOf, type Packed } from './scanner';

export function describePackedPackage(expected: { name: string; nodes: string[]; credentials: string[] }, packageDir: string = process.cwd()): void {
  describe(`the packed ${expected.name} tarball`, () => {
    let packed: Packed;
    beforeAll(() => {
      packed = pack(packageDir);
    });
    afterAll(() => rmSync(join(packed.root, '..'), { recursive: true, force: true }));

    it('has no runtime dependencies and the peer dependency n8n verification demands', () => {
      expect(packed.manifest.name).toBe(expected.name);
      expect(packed.manifest.dependencies ?? {}).toEqual({});
      expect(packed.manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
      expect(packed.manifest.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
      expect(packed.manifest.keywords).toContain('n8n-community-node-package');
      expect(packed.manifest.license).toBe('MIT');
      expect(manifestProblems(packed.manifest)).toEqual([]);
    });

    it('ships every file its n8n block names, with codex files and icons, and nothing else', () => {
      const n8n = packed.manifest.n8n!;
      expect(n8n.nodes).toEqual(expected.nodes);
      expect(n8n.credentials).toEqual(expected.credentials);
      for (const path of [...n8n.nodes!, ...n8n.credentials!]) expect(packed.files).toContain(path);
      for (const node of n8n.nodes!) expect(packed.files).toContain(node.replace(/\.js$/, '.json'));
      expect(packed.files.filter((f) => f.endsWith('.svg')).length).toBeGreaterThanOrEqual(2);
      expect(packed.files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toEqual([]);
      expect(packed.files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md']));
    });

    it('requires nothing but n8n-workflow, zod/v4 and allowed built-ins', () => {
      const js = packed.files.filter((f) => f.endsWith('.js'));
      expect(js.length).toBeGreaterThan(0);
      const required = new Set(js.flatMap((f) => requiresOf(readFileSync(join(packed.root, f), 'utf8'))));
      expect([...required].filter((r) => !allowedRequires.has(r))).toEqual([]);
    });

    it('loads in Node with only n8n-workflow and zod available, exposing the node and credential classes', () => {
      // As n8n provides them (its own node_modules on NODE_PATH): these two and nothing else.
      mkdirSync(join(packed.root, 'node_modules'));
      for (const dep of ['n8n-workflow', 'zod']) symlinkSync(dirname(require.resolve(`${dep}/package.json`)), join(packed.root, 'node_modules', dep));
      for (const path of [...expected.nodes, ...expected.credentials]) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the packed CommonJS, loaded as n8n loads it
        const mod = require(join(packed.root, path)) as Record<string, unknown>;
        expect(Object.values(mod).some((v) => typeof v === 'function')).toBe(true);
      }
    });

    it('its README documents every operation, parameter, option and credential field', () => {
      const readme = readFileSync(join(packed.root, 'README.md'), 'utf8');
      const names = new Set<string>();
      const collect = (props: Array<{ displayName?: string; name?: string; type?: string; options?: unknown[]; values?: unknown[] }> = []) => {
        for (const p of props) {
          if (p.type === 'notice') continue;
          if (p.type === 'hidden' || p.name === 'resource' || p.name === 'operation') {
            if (p.name === 'operation' || p.name === 'resource') for (const o of (p.options ?? []) as Array<{ name: string }>) names.add(o.name);
            continue;
          }
          if (p.displayName) names.add(p.displayName);
          if (p.type === 'collection' || p.type === 'fixedCollection') collect(p.options as never);
          if (p.values) collect(p.values as never);
        }
      };
      for (const path of [...expected.nodes, ...expected.credentials]) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the packed CommonJS, loaded as n8n loads it
        const mod = require(join(packed.root, path)) as Record<string, new () => { description?: { displayName: string; properties: never[] }; properties?: never[]; displayName?: string }>;
        const instance = new (Object.values(mod)[0]!)();
        names.add(instance.description?.displayName ?? instance.displayName!);
        collect(instance.description?.properties ?? instance.properties);
      }
      const undocumented = [...names].filter((n) => !readme.includes(n));
      expect(undocumented).toEqual([]);
    });

    it("passes n8n's community lint rules on the shipped JS, inline config disabled", () => {
      const { errorCount, messages } = lintWithScannerRules(packed.root);
      expect(messages).toEqual([]);
      expect(errorCount).toBe(0);
    });

    it('that lint is live: it catches a banned global even under an eslint-disable comment', () => {
      writeFileSync(join(packed.root, 'canary.js'), '// eslint-disable-next-line\nsetTimeout(() => undefined, 1);\nmodule.exports = process.env;\n');
      const { messages } = lintWithScannerRules(packed.root, ['canary.js']);
      expect(messages.join('\n')).toMatch(/no-restricted-globals.*setTimeout/);
      expect(messages.join('\n')).toMatch(/no-restricted-globals.*process/);
    });
  });
}
