// Our three n8n packages as a user gets them: built, packed with `npm pack`, and installed
// into $N8N_USER_FOLDER/.n8n/nodes the way n8n's community-package installer lays them out
// (a package.json there, the packages under node_modules/, no install scripts).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, run } from './proc.mjs';
import { nodePackages, repoRoot, tarballsDir } from './paths.mjs';
import { cleanNpmEnv } from './runtime.mjs';

/** Builds the three node packages and the simulator (and what they depend on) through Nx. */
export async function buildWorkspace() {
  log('building the node packages and the simulator (nx, cached)…');
  const projects = [...nodePackages.map((p) => p.name), '@agent-presence/simulator'].join(',');
  await run(process.execPath, [join(repoRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'), 'run-many', '-t', 'build', `--projects=${projects}`, '--outputStyle=static'], {
    cwd: repoRoot,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
    log: 'build.log',
  });
}

/** `npm pack` of each node package into .n8n-e2e/tarballs; returns the tarball paths. */
export async function packTarballs() {
  rmSync(tarballsDir, { recursive: true, force: true });
  mkdirSync(tarballsDir, { recursive: true });
  const args = ['pack', ...nodePackages.flatMap((p) => ['-w', p.name]), '--pack-destination', tarballsDir, '--json', '--loglevel=error'];
  const out = await run('npm', args, { cwd: repoRoot, env: cleanNpmEnv(), capture: true, log: 'pack.log' });
  const packed = JSON.parse(out);
  for (const p of packed) {
    // What n8n will load must be in the tarball: every node and credential the package declares.
    const files = new Set(p.files.map((f) => f.path));
    const manifest = JSON.parse(readFileSync(join(repoRoot, nodePackages.find((n) => n.name === p.name).dir, 'package.json'), 'utf8'));
    const missing = [...manifest.n8n.nodes, ...manifest.n8n.credentials].filter((f) => !files.has(f));
    if (missing.length > 0) throw new Error(`${p.name}: the tarball lacks ${missing.join(', ')}`);
  }
  log(`packed ${packed.map((p) => `${p.filename} (${Math.round(p.size / 1024)} kB)`).join(', ')}`);
  return packed.map((p) => join(tarballsDir, p.filename));
}

/**
 * Installs the tarballs into <userFolder>/.n8n/nodes. Our packages have no runtime
 * dependencies; their only peer, n8n-workflow, is n8n's own copy at run time, so peers are
 * not installed (n8n's installer strips them too).
 */
export async function installTarballs(userFolder, tarballs) {
  const nodesDir = join(userFolder, '.n8n', 'nodes');
  mkdirSync(nodesDir, { recursive: true });
  for (const p of nodePackages) rmSync(join(nodesDir, 'node_modules', p.name), { recursive: true, force: true });
  writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }, null, 2));
  await run(
    'npm',
    ['install', ...tarballs, '--ignore-scripts', '--legacy-peer-deps', '--audit=false', '--fund=false', '--bin-links=false', '--package-lock=false', '--install-strategy=shallow', '--loglevel=error'],
    { cwd: nodesDir, env: cleanNpmEnv(), log: 'install-tarballs.log' },
  );
  const installed = readdirSync(join(nodesDir, 'node_modules', '@agent-presence'));
  for (const p of nodePackages) {
    if (!installed.includes(p.name.split('/')[1])) throw new Error(`${p.name} is not in ${nodesDir}/node_modules after npm install`);
  }
  log(`installed ${nodePackages.length} packages into ${nodesDir}`);
}
