// `npm start`: the whole thing on this machine. Builds and packs our node packages, starts
// the vendor simulator (autoplay, port 4010), installs n8n once (cached), installs our
// tarballs as community packages, imports the simulator credentials and the example
// workflows, starts n8n on port 5678, creates the demo owner and prints how to log in.
// Ctrl-C stops n8n and the simulator.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { usageOrExit } from './cli.mjs';
import { ensureAuditTable, loadExamples } from './examples.mjs';
import { demoOwner, N8n } from './n8n.mjs';
import { scratchDir } from './paths.mjs';
import { prepareN8n } from './prepare.mjs';
import { assertNode24, log, portInUse } from './proc.mjs';
import { simulatorCredentials, startSimulator } from './simulator.mjs';

usageOrExit(`
npm start

Runs the whole thing on this machine: builds and packs the three node packages, starts the
vendor simulator (its clock running), installs n8n 2.41.1 once into a cache outside the clone,
installs our packages into it, imports the simulator credentials and the example workflows,
starts n8n and prints the editor URL and the demo login. Ctrl-C stops n8n and the simulator.

No options. Environment:
  N8N_PORT               n8n's port (default 5678)
  SIM_PORT               the simulator's port (default 4010)
  GENERIC_TIMEZONE       n8n's time zone (default: this machine's)
  AGENT_PRESENCE_CACHE   where n8n is installed (default $XDG_CACHE_HOME/agent-presence,
                         else ~/.cache/agent-presence)
`);
assertNode24();
const simPort = Number(process.env.SIM_PORT ?? 4010);
const n8nPort = Number(process.env.N8N_PORT ?? 5678);
const userFolder = join(scratchDir, 'start');
const started = Date.now();

for (const [what, port] of [['simulator', simPort], ['n8n', n8nPort]]) {
  if (await portInUse(port)) {
    console.error(`Port ${port} (${what}) is in use: is another npm start running? Stop it, or set ${what === 'n8n' ? 'N8N_PORT' : 'SIM_PORT'}.`);
    process.exit(1);
  }
}

let sim;
let n8n;
let stopping = false;

async function shutdown(reason, code) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${reason}: stopping n8n and the simulator…`);
  const result = await n8n?.stop();
  if (result) log(`n8n stopped (${result.signal ?? `exit ${result.code}`})`);
  await sim?.close();
  log('simulator stopped');
  process.exit(code);
}

process.on('SIGINT', () => {
  if (stopping) {
    // A second Ctrl-C: do not wait for n8n's graceful shutdown.
    if (n8n?.server) n8n.server.stop('SIGKILL');
    return;
  }
  shutdown('SIGINT', 0);
});
process.on('SIGTERM', () => shutdown('SIGTERM', 0));

try {
  await prepareN8n({ userFolder });

  sim = await startSimulator({ port: simPort, autoplay: true });
  log(`simulator on ${sim.url} (autoplay: the agents' day is running)`);

  n8n = new N8n({
    userFolder,
    port: n8nPort,
    name: 'start',
    env: { GENERIC_TIMEZONE: process.env.GENERIC_TIMEZONE ?? Intl.DateTimeFormat().resolvedOptions().timeZone },
  });
  // Imports keep the ids of their files. The credentials are refreshed at every start; the
  // examples only when examples/ changed, since an import also unpublishes them.
  await n8n.importCredentials(simulatorCredentials(sim.url, sim.credentials));
  const examples = loadExamples();
  const examplesHash = createHash('sha256').update(JSON.stringify(examples)).digest('hex');
  const stamp = join(userFolder, 'examples.sha256');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== examplesHash) {
    await n8n.importWorkflows(examples.map((e) => e.workflow));
    writeFileSync(stamp, examplesHash);
    log(`imported the simulator credentials and ${examples.length} example workflows`);
  } else {
    log('imported the simulator credentials; the example workflows are unchanged since the last start, kept as they are');
  }

  await n8n.start();
  n8n.server.exit.then(({ code, signal }) => {
    if (!stopping) {
      console.error(`n8n exited unexpectedly (${signal ?? `exit ${code}`}); log: ${n8n.server?.logFile}`);
      shutdown('n8n exited', 1);
    }
  });
  const created = await n8n.setupOwner();
  await n8n.login();
  const { created: tableCreated } = await ensureAuditTable(n8n);
  log(`${created ? 'created' : 'kept'} the owner; ${tableCreated ? 'created' : 'kept'} the "Agent presence audit" data table`);

  const c = sim.credentials;
  console.log(`
────────────────────────────────────────────────────────────────────────
 n8n editor   ${n8n.url}
 login        ${demoOwner.email}  /  ${demoOwner.password}
 workflows    ${examples.map((e) => e.workflow.name).join('\n              ')}
 credentials  ${simulatorCredentials(sim.url, c).map((x) => x.name).join('\n              ')}

 simulator    ${sim.url}   (control API: ${sim.url}/_sim)
   Cirrus     ${sim.vendors.cirrus.baseUrl}   API key ${c.cirrus.apiKey}
   Vonage     ${sim.vendors.vonage.baseUrl}   client ${c.vonage.clientId} / ${c.vonage.clientSecret}
   Talkdesk   ${sim.vendors.talkdesk.baseUrl}   client ${c.talkdesk.clientId} / ${c.talkdesk.clientSecret}, account ${c.talkdesk.account}

 Ready in ${Math.round((Date.now() - started) / 1000)} s. Logs: .n8n-e2e/logs/. Ctrl-C stops everything.
────────────────────────────────────────────────────────────────────────`);
} catch (err) {
  console.error(`\nnpm start failed: ${err.stack ?? err}`);
  await shutdown('error', 1);
}
