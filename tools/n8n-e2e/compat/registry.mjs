// A local npm registry (verdaccio, compat/registry/) that the compatibility suite publishes our
// packages to, so that n8n's community-package installer installs them by name, as users do.
// It has no uplink: it serves only what the suite published, and nothing from elsewhere.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, log, run, startProcess, waitFor } from '../src/proc.mjs';
import { nodePackages, repoRoot, scratchDir } from '../src/paths.mjs';
import { cleanNpmEnv } from '../src/runtime.mjs';
import { registryRuntime } from './matrix.mjs';

const registryDir = join(scratchDir, 'compat', 'registry');

/** The version every package is published at first, and the newer one the update test moves to. */
export function packageVersions() {
  return Object.fromEntries(
    nodePackages.map((p) => {
      const version = JSON.parse(readFileSync(join(repoRoot, p.dir, 'package.json'), 'utf8')).version;
      const [major, minor, patch] = version.split(/[.-]/).map(Number);
      return [p.name, { first: version, newer: `${major}.${minor}.${patch + 1}-compat.1` }];
    }),
  );
}

/** Starts verdaccio on a free port with an empty storage; resolves once it answers. */
export async function startRegistry() {
  rmSync(registryDir, { recursive: true, force: true });
  mkdirSync(registryDir, { recursive: true });
  const port = await freePort();
  const config = join(registryDir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(registryDir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(registryDir, 'htpasswd')}`,
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '@agent-presence/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const server = startProcess(process.execPath, [registryRuntime.bin, '--config', config, '--listen', `127.0.0.1:${port}`], { log: 'compat-registry.log', env: cleanNpmEnv() });
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(
    async () => {
      if (!server.running) throw new Error(`verdaccio exited:\n${server.tail(20)}`);
      return (await fetch(`${url}-/ping`)).ok;
    },
    { timeoutMs: 60_000, intervalMs: 300, what: `verdaccio on ${url}` },
  );
  // A publisher account (what `npm adduser` does), for a token.
  const res = await fetch(`${url}-/user/org.couchdb.user:compat`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'compat', password: 'compat-publisher-1', type: 'user', roles: [] }),
  });
  const { token } = await res.json();
  if (!res.ok || !token) throw new Error(`verdaccio: no publisher token (${res.status})`);
  log(`local registry (verdaccio) on ${url}`);
  return { url, token, stop: () => server.stop('SIGTERM') };
}

async function publishDir(registry, dir, tag) {
  const host = registry.url.replace(/^http:/, '');
  await run('npm', ['publish', dir, '--tag', tag, `--registry=${registry.url}`, `--${host}:_authToken=${registry.token}`, '--ignore-scripts', '--provenance=false', '--loglevel=error'], {
    cwd: registryDir,
    env: cleanNpmEnv({ npm_config_userconfig: join(registryDir, 'npmrc-publish') }),
    log: 'compat-publish.log',
  });
}

/**
 * Publishes each tarball twice: as packed (its own version, dist-tag `first`) and, for the
 * update test, the same contents as a newer version (dist-tag `latest`).
 */
export async function publishPackages(registry, tarballs) {
  writeFileSync(join(registryDir, 'npmrc-publish'), '');
  const versions = packageVersions();
  for (const tarball of tarballs) {
    const dir = join(registryDir, 'unpacked', tarball.split('/').pop().replace(/\.tgz$/, ''));
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], { log: 'compat-publish.log' });
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const v = versions[manifest.name];
    await publishDir(registry, dir, 'first');
    const newer = `${dir}-newer`;
    rmSync(newer, { recursive: true, force: true });
    cpSync(dir, newer, { recursive: true });
    writeFileSync(join(newer, 'package.json'), `${JSON.stringify({ ...manifest, version: v.newer }, null, 2)}\n`);
    await publishDir(registry, newer, 'latest');
  }
  log(`published ${tarballs.length} packages to the local registry, each as ${Object.values(versions)[0].first} and ${Object.values(versions)[0].newer} (latest)`);
  return versions;
}

/**
 * Points npm at the local registry for our scope, the route an unlicensed n8n honours. n8n's
 * installer runs npm with `--registry=<its registry setting>`: the public default unless the
 * licensed N8N_COMMUNITY_PACKAGES_REGISTRY is set (an unlicensed n8n refuses any other value),
 * and that flag beats NPM_CONFIG_REGISTRY. npm's per-scope registry (`@scope:registry=`) wins over
 * --registry for that scope. It goes in two npmrc files: the n8n user's (here a file named by
 * NPM_CONFIG_USERCONFIG, in place of ~/.npmrc), which every npm n8n runs with its environment
 * reads, and ~/.n8n/nodes/.npmrc, the project config of the folder n8n installs into, which
 * n8n 1.x's update check (npm outdated, run with a bare environment: no HOME, no npm settings) reads.
 * Returns the environment that names the first.
 */
export function pointScopeAtRegistry(registry, userFolder) {
  const line = `@agent-presence:registry=${registry.url}\n`;
  const userconfig = join(userFolder, 'npmrc');
  const nodesDir = join(userFolder, '.n8n', 'nodes');
  mkdirSync(nodesDir, { recursive: true });
  writeFileSync(userconfig, line);
  writeFileSync(join(nodesDir, '.npmrc'), line);
  return { NPM_CONFIG_USERCONFIG: userconfig };
}
