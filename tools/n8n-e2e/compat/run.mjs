// `npm run test:compat`: our packages on every n8n version of the matrix (matrix.mjs), installed
// the way users install them. Builds and packs the packages, starts a local registry (verdaccio)
// and publishes them there, then for each version: installs that n8n (cached outside the clone,
// keyed by its lockfile; the next version installs while the current one is tested) and runs
// smoke.test.mjs against it. Prints each version's times and closes with one summary line.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { buildWorkspace, packTarballs } from '../src/packages.mjs';
import { repoRoot } from '../src/paths.mjs';
import { assertNode24, log } from '../src/proc.mjs';
import { compatDir, ensureCompatRuntime, ensureRegistryRuntime, matrix } from './matrix.mjs';
import { publishPackages, startRegistry } from './registry.mjs';

const usage = `npm run test:compat [-- options]

Installs each n8n version of the compatibility matrix (${matrix.map((m) => m.version).join(', ')}),
each on the Node it documents, into a cache outside the clone keyed by its lockfile; publishes our
three packages to a local registry (verdaccio) and installs them by name through n8n's community-
package installer (the REST call of Settings > Community nodes); then smoke-tests them against the
simulator: types load, credential tests, Get Many and Set, each polling trigger, the real-time
trigger, update, restart and uninstall. Ends with "compat: N passed, N failed".

Options:
  --versions V[,V…]   only these versions of the matrix
  -h, --help          this text

Environment:
  AGENT_PRESENCE_CACHE   where the n8n installs go (default $XDG_CACHE_HOME/agent-presence,
                         else ~/.cache/agent-presence); each takes about 3 GB`;

let values;
try {
  ({ values } = parseArgs({ options: { versions: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } }));
} catch (error) {
  console.error(`test:compat: ${error.message}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
assertNode24();
const wanted = values.versions ? values.versions.split(',').map((v) => v.trim()) : matrix.map((m) => m.version);
const unknown = wanted.filter((v) => !matrix.some((m) => m.version === v));
if (unknown.length > 0) {
  console.error(`test:compat: --versions ${unknown.join(', ')}: not in the matrix (${matrix.map((m) => m.version).join(', ')})`);
  process.exit(2);
}
const selected = matrix.filter((m) => wanted.includes(m.version));

const started = Date.now();
const artifacts = join(repoRoot, 'test-artifacts', 'n8n-compat');
rmSync(artifacts, { recursive: true, force: true });
mkdirSync(artifacts, { recursive: true });
const seconds = (ms) => `${Math.round(ms / 1000)} s`;

function counts(tap) {
  try {
    const text = readFileSync(tap, 'utf8');
    const n = (what) => Number(new RegExp(`^# ${what} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { pass: n('pass'), fail: n('fail') + n('cancelled') };
  } catch {
    return { pass: 0, fail: 1 };
  }
}

function smoke(entry, registryUrl) {
  const tap = join(artifacts, `n8n-${entry.version}.tap`);
  const child = spawn(
    process.execPath,
    ['--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', `--test-reporter-destination=${tap}`, join(compatDir, 'smoke.test.mjs')],
    { stdio: 'inherit', env: { ...process.env, COMPAT_VERSION: entry.version, COMPAT_REGISTRY_URL: registryUrl } },
  );
  const stop = (signal) => child.kill(signal);
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      const c = counts(tap);
      if ((code !== 0 || signal) && c.fail === 0) c.fail = 1;
      resolve(c);
    }),
  );
}

const rows = [];
let registry;
let pass = 0;
let fail = 0;
try {
  const [packed] = await Promise.all([buildWorkspace().then(packTarballs), ensureRegistryRuntime()]);
  registry = await startRegistry();
  await publishPackages(registry, packed);

  // One install at a time: the next version installs while the current one is tested.
  const install = (entry) => {
    const t = Date.now();
    return ensureCompatRuntime(entry).then(
      (r) => ({ ms: Date.now() - t, installed: r.installed }),
      (error) => ({ ms: Date.now() - t, error }),
    );
  };
  let next = install(selected[0]);
  for (let i = 0; i < selected.length; i++) {
    const entry = selected[i];
    const installed = await next;
    if (i + 1 < selected.length) next = install(selected[i + 1]);
    const row = { version: entry.version, node: entry.node, differs: entry.differs, install: installed.error ? 'failed' : installed.installed ? seconds(installed.ms) : 'cached' };
    if (installed.error) {
      console.error(`n8n ${entry.version}: install failed: ${installed.error.message}`);
      rows.push({ ...row, tests: '-', result: 'install failed' });
      fail += 1;
      continue;
    }
    log(`n8n ${entry.version} on Node ${entry.node}: smoke test…`);
    const t = Date.now();
    const c = await smoke(entry, registry.url);
    pass += c.pass;
    fail += c.fail;
    rows.push({ ...row, tests: seconds(Date.now() - t), result: `${c.pass} passed, ${c.fail} failed` });
    log(`n8n ${entry.version}: ${c.pass} passed, ${c.fail} failed in ${seconds(Date.now() - t)}`);
  }
} catch (error) {
  console.error(`test:compat: ${error.stack ?? error.message}`);
  fail = Math.max(fail, 1);
} finally {
  await registry?.stop();
}

console.log('\nn8n version   Node   install    smoke test   result               what differs');
for (const r of rows) console.log(`${r.version.padEnd(13)} ${r.node.padEnd(6)} ${r.install.padEnd(10)} ${r.tests.padEnd(12)} ${r.result.padEnd(20)} ${r.differs}`);
console.log(`\nn8n compatibility suite ${fail === 0 ? 'PASSED' : 'FAILED'} in ${((Date.now() - started) / 60000).toFixed(1)} min; results in test-artifacts/n8n-compat/, logs in .n8n-e2e/logs/`);
console.log(`compat: ${pass} passed, ${fail} failed`);
process.exit(fail === 0 ? 0 : 1);
