// `npm run verify:packages`: everything of n8n's publication scanner that runs offline,
// on every node package: lint of the source (n8n-node lint, strict), lint of the packed
// tarball with inline config disabled, no runtime dependencies, allowed requires only,
// and the package.json metadata n8n's verification asks for.
import { lintWithScannerRules, manifestProblems, pack, requiresOf, allowedRequires } from '@agent-presence/n8n-shared/testing';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

interface Report {
  name: string;
  problems: string[];
}

function verify(packageDir: string): Report {
  const name = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { name: string }).name;
  const problems: string[] = [];
  const lint = spawnSync('npx', ['n8n-node', 'lint'], { cwd: packageDir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (lint.status !== 0) problems.push(`n8n-node lint failed:\n${lint.stdout}${lint.stderr}`);
  const packed = pack(packageDir);
  try {
    problems.push(...manifestProblems(packed.manifest));
    for (const f of packed.files.filter((f) => f.endsWith('.js'))) {
      for (const r of requiresOf(readFileSync(join(packed.root, f), 'utf8'))) if (!allowedRequires.has(r)) problems.push(`${f} requires ${r}`);
    }
    for (const p of [...(packed.manifest.n8n?.nodes ?? []), ...(packed.manifest.n8n?.credentials ?? [])]) {
      if (!packed.files.includes(p)) problems.push(`n8n block names ${p}, which is not in the tarball`);
    }
    const scan = lintWithScannerRules(packed.root);
    problems.push(...scan.messages);
    if (scan.errorCount > 0 && scan.messages.length === 0) problems.push('tarball lint failed');
  } finally {
    rmSync(dirname(packed.root), { recursive: true, force: true });
  }
  return { name, problems };
}

const root = process.cwd();
const dirs = readdirSync(join(root, 'packages')).filter((d) => d.startsWith('n8n-nodes-')).sort();
const reports = dirs.map((d) => verify(join(root, 'packages', d)));
for (const r of reports) {
  console.log(`${r.problems.length === 0 ? 'PASS' : 'FAIL'}  ${r.name}`);
  for (const p of r.problems) console.log(`      ${p}`);
}
const failed = reports.filter((r) => r.problems.length > 0).length;
console.log(`${reports.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
