import { startSimulator, type Simulator } from '@agent-presence/simulator';
import { NodeHarness, simulatorCredentials } from '@agent-presence/n8n-shared/testing';
import { CirrusApi } from '../credentials/CirrusApi.credentials';
import { CirrusPresence } from '../nodes/CirrusPresence/CirrusPresence.node';
import { CirrusPresenceTrigger } from '../nodes/CirrusPresenceTrigger/CirrusPresenceTrigger.node';

let sim: Simulator;
let h: NodeHarness;
beforeAll(async () => {
  sim = await startSimulator({ agents: 10 });
  h = new NodeHarness({ nodes: { cirrusPresence: new CirrusPresence(), cirrusPresenceTrigger: new CirrusPresenceTrigger() }, credentialTypes: [new CirrusApi()], credentials: simulatorCredentials(sim) });
});
afterAll(() => sim.close());

it('spike', async () => {
  const r = await h.runAction('cirrusPresence', { resource: 'status', operation: 'getMany', returnAll: true });
  console.log(JSON.stringify(r.items.slice(0, 2)), r.error);
  const p = h.poller('cirrusPresenceTrigger', { watch: 'all', events: ['stateChanged', 'statusChanged'] });
  console.log(await p.poll(), JSON.stringify(p.staticData).length);
});
