// What n8n's verification and publication scanner check, runnable offline: pack a
// node package as npm publishes it, read its manifest, list what its JS requires,
// and lint the shipped files with the community rules, inline config ignored.
import { execFileSync, spawnSync } from 'node:child_process';
import { globSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const allowedRequires = new Set(['n8n-workflow', 'zod/v4', 'crypto', 'node:crypto']);

export interface Packed {
  root: string;
  files: string[];
  manifest: Record<string, unknown> & { n8n?: { nodes?: string[]; credentials?: string[]; strict?: boolean; n8nNodesApiVersion?: number } };
}

export function pack(packageDir: string): Packed {
  const out = mkdtempSync(join(tmpdir(), 'agent-presence-pack-'));
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const info = JSON.parse(execFileSync(npm, ['pack', '--json', '--pack-destination', out], { cwd: packageDir, encoding: 'utf8' })) as Array<{ filename: string }>;
  const tarball = join(out, info[0]!.filename.replace(/^@[^/]+\//, '').replace('/', '-'));
  execFileSync('tar', ['-xzf', tarball, '-C', out]);
  const root = join(out, 'package');
  return { root, files: globSync('**/*', { cwd: root }), manifest: JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) };
}

export function requiresOf(source: string): string[] {
  return [...source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
}

export function lintWithScannerRules(root: string, targets: string[] = ['dist', 'package.json']): { errorCount: number; messages: string[] } {
  const plugin = require.resolve('@n8n/eslint-plugin-community-nodes');
  const tsParser = require.resolve('@typescript-eslint/parser');
  const config = join(root, '..', 'scanner.eslint.config.mjs');
  writeFileSync(
    config,
    `import { n8nCommunityNodesPlugin as p } from ${JSON.stringify(plugin)};
import * as tsParser from ${JSON.stringify(tsParser)};
const r = p.configs.recommended;
export default [
  { files: ['**/*.js'], plugins: r.plugins, rules: r.rules, languageOptions: { sourceType: 'commonjs', ecmaVersion: 2023 } },
  { files: ['package.json'], plugins: r.plugins, rules: r.rules, languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } } },
];
`,
  );
  const eslint = join(require.resolve('eslint'), '../../bin/eslint.js');
  const run = spawnSync(process.execPath, [eslint, '--no-inline-config', '--no-config-lookup', '-c', config, '--format', 'json', ...targets], { cwd: root, encoding: 'utf8' });
  const results = JSON.parse(run.stdout || '[]') as Array<{ filePath: string; errorCount: number; messages: Array<{ ruleId: string | null; message: string; severity: number }> }>;
  return {
    errorCount: results.reduce((n, r) => n + r.errorCount, 0) + (run.status !== 0 && results.length === 0 ? 1 : 0),
    messages: results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}: ${m.ruleId} ${m.message}`)).concat(run.stdout ? [] : [run.stderr]),
  };
}


/** The package.json rules of n8n's verification that the lint does not already cover. */
export function manifestProblems(manifest: Packed['manifest']): string[] {
  const problems: string[] = [];
  const name = String(manifest.name ?? '');
  if (!/^(@[a-z0-9-]+\/)?n8n-nodes-[a-z0-9]+(-[a-z0-9]+)*$/.test(name)) problems.push(`name "${name}" does not match n8n-nodes-*`);
  if (!Array.isArray(manifest.keywords) || !manifest.keywords.includes('n8n-community-node-package')) problems.push('keyword n8n-community-node-package missing');
  if (manifest.license !== 'MIT') problems.push(`license is ${String(manifest.license)}, not MIT`);
  const author = manifest.author as { name?: string; email?: string } | undefined;
  if (!author?.name || !author.email) problems.push('author needs a name and an email');
  if (typeof manifest.homepage !== 'string' || !manifest.homepage.startsWith('https://')) problems.push('homepage missing');
  if (!manifest.repository) problems.push('repository missing');
  if (Object.keys((manifest.dependencies as object | undefined) ?? {}).length > 0) problems.push('has runtime dependencies');
  const peers = manifest.peerDependencies as Record<string, string> | undefined;
  if (!peers || peers['n8n-workflow'] !== '*' || Object.keys(peers).length !== 1) problems.push('peerDependencies must be exactly {"n8n-workflow": "*"}');
  const scripts = (manifest.scripts as Record<string, string> | undefined) ?? {};
  for (const s of ['prepare', 'preinstall', 'install', 'postinstall']) if (scripts[s]) problems.push(`lifecycle script ${s} is not allowed`);
  if (manifest.overrides) problems.push('overrides are not allowed');
  const n8n = manifest.n8n;
  if (!n8n || n8n.n8nNodesApiVersion !== 1 || n8n.strict !== true) problems.push('n8n block needs n8nNodesApiVersion 1 and strict true');
  for (const p of [...(n8n?.nodes ?? []), ...(n8n?.credentials ?? [])]) if (!p.startsWith('dist/')) problems.push(`n8n path ${p} must start with dist/`);
  return problems;
}
