// The n8n packages bundle presence-core and the shared n8n glue into their dist, so a
// release of either changes what they ship. Changesets does not bump dependents through
// devDependencies; this adds a patch bump of every n8n package to each changeset that
// touches bundled code and does not already bump it. Run before `changeset version`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const bundledPackages = ['@agent-presence/presence-core', '@agent-presence/n8n-shared'];

type Bump = 'patch' | 'minor' | 'major';

export function parseChangeset(text: string): { releases: Map<string, Bump>; body: string } | undefined {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) return undefined;
  const releases = new Map<string, Bump>();
  for (const line of m[1]!.split(/\r?\n/)) {
    const r = /^\s*["']?([^"':]+)["']?\s*:\s*(patch|minor|major)\s*$/.exec(line);
    if (r) releases.set(r[1]!, r[2] as Bump);
  }
  return { releases, body: m[2]! };
}

export function withBundledBumps(text: string, nodePackages: readonly string[]): string | undefined {
  const parsed = parseChangeset(text);
  if (!parsed || ![...parsed.releases.keys()].some((p) => bundledPackages.includes(p))) return undefined;
  const missing = nodePackages.filter((p) => !parsed.releases.has(p));
  if (missing.length === 0) return undefined;
  for (const p of missing) parsed.releases.set(p, 'patch');
  const front = [...parsed.releases].map(([p, b]) => `"${p}": ${b}`).join('\n');
  return `---\n${front}\n---\n${parsed.body}`;
}

export function nodePackageNames(root: string): string[] {
  return readdirSync(join(root, 'packages'))
    .filter((d) => d.startsWith('n8n-nodes-'))
    .map((d) => (JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8')) as { name: string }).name)
    .sort();
}

export function addBundledBumps(root: string): string[] {
  const dir = join(root, '.changeset');
  const nodes = nodePackageNames(root);
  const changed: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const next = withBundledBumps(readFileSync(join(dir, file), 'utf8'), nodes);
    if (next !== undefined) {
      writeFileSync(join(dir, file), next);
      changed.push(file);
    }
  }
  return changed;
}

if (require.main === module) {
  const changed = addBundledBumps(process.cwd());
  console.log(changed.length ? `bundled-code bumps added to: ${changed.join(', ')}` : 'no changeset needed bundled-code bumps');
}
