// `npm run demo`: non-interactive proof that our packed nodes work inside a real n8n.
// Starts the simulator (clock paused, so its state holds still), installs n8n and our
// tarballs, imports credentials and one small workflow per vendor (Manual Trigger → our
// action node), runs each with `n8n execute --rawOutput`, prints the normalised presences
// and checks them, and the Set, against the simulator's /_sim/state. Exit 0 only when right.
import { join } from 'node:path';
import { usageOrExit } from './cli.mjs';
import { comparePresences, presenceTable } from './expect.mjs';
import { N8n, nodeItems } from './n8n.mjs';
import { scratchDir, vendors } from './paths.mjs';
import { prepareN8n } from './prepare.mjs';
import { assertNode24, freePort, log } from './proc.mjs';
import { simControl, simulatorCredentials, startSimulator } from './simulator.mjs';
import { actionSteps, actionWorkflow, actionWorkflowId, pickTarget } from './workflows.mjs';

usageOrExit(`
npm run demo

Non-interactive proof that the packed nodes work in a real n8n 2.41.1: runs one workflow per
vendor (Manual Trigger, then the action node's operations) with n8n execute against the
simulator, prints the presences and checks them and the Set against the simulator's ground
truth. Exits 0 only when right.

No options. Environment:
  AGENT_PRESENCE_CACHE   where n8n is installed (default $XDG_CACHE_HOME/agent-presence,
                         else ~/.cache/agent-presence)
`);
assertNode24();
const started = Date.now();
const userFolder = join(scratchDir, 'demo');
let sim;
let failures = 0;

try {
  await prepareN8n({ userFolder, fresh: true });
  sim = await startSimulator({ port: 0, autoplay: false });
  const control = simControl(sim.url);
  log(`simulator on ${sim.url} (clock paused)`);

  const n8n = new N8n({ userFolder, port: await freePort(), name: 'demo' });
  await n8n.importCredentials(simulatorCredentials(sim.url, sim.credentials));
  const plans = {};
  for (const vendor of vendors) {
    const { agentIds } = await control.agents(vendor);
    const before = (await control.state(vendor)).agents;
    const setAgentId = agentIds[1];
    const current = before.find((a) => a.agentId === setAgentId).statusId;
    plans[vendor] = { before, setAgentId, setStatusId: pickTarget(vendor, current), current };
    plans[vendor].workflow = actionWorkflow(vendor, { idsForGetMany: agentIds.slice(0, 3), setAgentId, setStatusId: plans[vendor].setStatusId });
  }
  await n8n.importWorkflows(vendors.map((v) => plans[v].workflow));
  log('imported 3 credentials and 3 workflows');

  for (const vendor of vendors) {
    const plan = plans[vendor];
    log(`${vendor}: n8n execute --id=${actionWorkflowId(vendor)} --rawOutput`);
    const { runData } = await n8n.execute(actionWorkflowId(vendor));
    const presences = nodeItems(runData, actionSteps.getManyAll);
    console.log(`\n${vendor}: Get Many (all agents) through n8n, ${presences.length} agents\n${presenceTable(presences)}\n`);
    const problems = comparePresences(vendor, presences, plan.before, { exact: true });

    const after = (await control.state(vendor)).agents.find((a) => a.agentId === plan.setAgentId);
    const setItem = nodeItems(runData, actionSteps.set)[0];
    const getItem = nodeItems(runData, actionSteps.get)[0];
    console.log(`${vendor}: Set ${plan.setAgentId} from ${plan.current} to ${plan.setStatusId}: n8n says ${setItem?.status?.id} (${setItem?.state}), the simulator has ${after.statusId} (${after.statusName})`);
    if (after.statusId !== plan.setStatusId) problems.push(`${vendor}: the simulator did not change: ${after.statusId} != ${plan.setStatusId}`);
    if (setItem?.status?.id !== plan.setStatusId) problems.push(`${vendor}: Set returned status ${setItem?.status?.id}`);
    if (getItem?.status?.id !== plan.setStatusId) problems.push(`${vendor}: Get after Set returned status ${getItem?.status?.id}`);

    if (problems.length > 0) {
      failures += problems.length;
      console.log(`${vendor}: FAIL\n  ${problems.join('\n  ')}`);
    } else {
      console.log(`${vendor}: OK (${presences.length} presences match /_sim/state; Set changed the simulator)`);
    }
  }
} catch (err) {
  failures += 1;
  console.error(`\ndemo failed: ${err.stack ?? err}`);
} finally {
  await sim?.close();
}

const seconds = Math.round((Date.now() - started) / 1000);
if (failures > 0) {
  console.log(`\nDEMO FAILED: ${failures} problem(s) in ${seconds} s (logs: .n8n-e2e/logs/)`);
  process.exit(1);
}
console.log(`\nDEMO OK: Cirrus, Vonage Contact Center and Talkdesk, Get Many and Set through a real n8n ${'2.41.1'}, in ${seconds} s`);
