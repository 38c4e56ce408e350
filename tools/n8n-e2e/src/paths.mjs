// Where everything lives. Scratch state (n8n user folders, tarballs, logs) goes to the
// git-ignored .n8n-e2e/ at the repo root; test artefacts to the git-ignored test-artifacts/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const e2eDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = resolve(e2eDir, '..', '..');
/** The n8n runtime's package.json and lockfile (the source of truth, in the repo). */
export const runtimeDir = join(e2eDir, 'n8n-runtime');
/**
 * Heavy installs live outside the clone, keyed by their lockfiles, so a fresh clone (CI, a
 * second worktree) reuses them: `$AGENT_PRESENCE_CACHE`, else `$XDG_CACHE_HOME/agent-presence`,
 * else `~/.cache/agent-presence`.
 */
export const cacheRoot = process.env.AGENT_PRESENCE_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'agent-presence');
/** A short hash of a runtime folder's package.json and lockfile, and the Node ABI that builds its addons. */
export function runtimeKey(dir, abi = process.versions.modules) {
  const h = createHash('sha256');
  for (const f of ['package.json', 'package-lock.json']) h.update(readFileSync(join(dir, f)));
  h.update(`node ${abi}`);
  return h.digest('hex').slice(0, 16);
}
/** Where the runtime described by runtimeDir is installed. */
export const runtimeInstallDir = join(cacheRoot, `n8n-runtime-${runtimeKey(runtimeDir)}`);
export const runtimeModules = join(runtimeInstallDir, 'node_modules');
export const n8nBin = join(runtimeModules, 'n8n', 'bin', 'n8n');
export const scratchDir = join(repoRoot, '.n8n-e2e');
export const logsDir = join(scratchDir, 'logs');
export const tarballsDir = join(scratchDir, 'tarballs');
export const examplesDir = join(repoRoot, 'examples');
export const artifactsDir = join(repoRoot, 'test-artifacts', 'n8n-e2e');

/** The three n8n packages, with the node and credential types they register once installed. */
export const nodePackages = [
  {
    vendor: 'cirrus',
    displayName: 'Cirrus',
    shortName: 'Cirrus',
    dir: 'packages/n8n-nodes-cirrus',
    name: '@agent-presence/n8n-nodes-cirrus',
    action: '@agent-presence/n8n-nodes-cirrus.cirrusPresence',
    trigger: '@agent-presence/n8n-nodes-cirrus.cirrusPresenceTrigger',
    credentialType: 'cirrusApi',
    actionName: 'Cirrus Presence',
    triggerName: 'Cirrus Presence Trigger',
  },
  {
    vendor: 'vonage',
    displayName: 'Vonage Contact Center',
    shortName: 'Vonage',
    dir: 'packages/n8n-nodes-vonage-contact-center',
    name: '@agent-presence/n8n-nodes-vonage-contact-center',
    action: '@agent-presence/n8n-nodes-vonage-contact-center.vonageContactCenterPresence',
    trigger: '@agent-presence/n8n-nodes-vonage-contact-center.vonageContactCenterPresenceTrigger',
    credentialType: 'vonageContactCenterOAuth2Api',
    actionName: 'Vonage Contact Center Presence',
    triggerName: 'Vonage Contact Center Presence Trigger',
  },
  {
    vendor: 'talkdesk',
    displayName: 'Talkdesk',
    shortName: 'Talkdesk',
    dir: 'packages/n8n-nodes-talkdesk',
    name: '@agent-presence/n8n-nodes-talkdesk',
    action: '@agent-presence/n8n-nodes-talkdesk.talkdeskPresence',
    trigger: '@agent-presence/n8n-nodes-talkdesk.talkdeskPresenceTrigger',
    credentialType: 'talkdeskOAuth2Api',
    actionName: 'Talkdesk Presence',
    triggerName: 'Talkdesk Presence Trigger',
  },
];

export const vendors = nodePackages.map((p) => p.vendor);
export const byVendor = Object.fromEntries(nodePackages.map((p) => [p.vendor, p]));
