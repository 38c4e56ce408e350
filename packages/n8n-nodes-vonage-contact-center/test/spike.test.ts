import { startSimulator, type Simulator } from '@agent-presence/simulator';
import { NodeHarness, simulatorCredentials } from '@agent-presence/n8n-shared/testing';
import { VonageContactCenterOAuth2Api } from '../credentials/VonageContactCenterOAuth2Api.credentials';
import { VonageContactCenterPresence } from '../nodes/VonageContactCenterPresence/VonageContactCenterPresence.node';

let sim: Simulator;
let h: NodeHarness;
beforeAll(async () => {
  sim = await startSimulator({ agents: 10 });
  h = new NodeHarness({ nodes: { vonageContactCenterPresence: new VonageContactCenterPresence() }, credentialTypes: [new VonageContactCenterOAuth2Api()], credentials: simulatorCredentials(sim) });
});
afterAll(() => sim.close());

it('spike', async () => {
  const r = await h.runAction('vonageContactCenterPresence', { resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true });
  console.log(r.items.length, JSON.stringify(r.items[0]), r.error);
  console.log(h.credentialsHelper.tokenUpdates);
  await sim.control.addFault({ vendor: 'vonage', kind: 'token-expiry', count: 1 } as never);
  const r2 = await h.runAction('vonageContactCenterPresence', { resource: 'status', operation: 'getMany', returnAll: true });
  console.log(r2.items.length, r2.error?.message, h.credentialsHelper.tokenUpdates.length);
});
