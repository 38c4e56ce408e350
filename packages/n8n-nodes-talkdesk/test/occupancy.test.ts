// Set Occupancy through n8n's engine against the simulator: the JSON Patch built for each change,
// the interactions the simulator holds after it, and the checks made before anything is sent.
import { startSimulator, type Simulator } from '@agent-presence/simulator';
import { NodeHarness, simulatorCredentials } from '@agent-presence/n8n-shared/testing';
import type { IDataObject } from 'n8n-workflow';
import { TalkdeskOAuth2Api } from '../credentials/TalkdeskOAuth2Api.credentials';
import { TalkdeskPresence } from '../nodes/TalkdeskPresence/TalkdeskPresence.node';

let sim: Simulator;
let agent: string;

const harness = (scope?: string) => {
  const credentials = simulatorCredentials(sim);
  credentials.talkdeskOAuth2Api = { ...credentials.talkdeskOAuth2Api, scope: scope ?? 'presence-user:read presence-status:write users:read presence-occupancy:write' };
  return new NodeHarness({ nodes: { action: new TalkdeskPresence() }, credentialTypes: [new TalkdeskOAuth2Api()], credentials });
};
const occupancy = (h: NodeHarness, parameters: IDataObject) =>
  h.runAction('action', { resource: 'agentPresence', operation: 'setOccupancy', agent: { __rl: true, mode: 'id', value: agent }, ...parameters } as never);
const held = () => ((sim.control.state('talkdesk').agents.find((a) => a.agentId === agent)!.record as IDataObject).interactions as IDataObject[]).map((i) => i.id);
const patches = () => sim.control.counters().byEndpoint['talkdesk PATCH /users/{id}/presence/occupancy'] ?? 0;
const crmTask = { id: 'crm-task-4711', channelName: 'crm', cost: 100 };

beforeAll(async () => {
  sim = await startSimulator({ agents: 4, seed: 5 });
  agent = sim.control.agents('talkdesk').agentIds[1]!;
  // Offline agents take no interaction (Talkdesk answers 422): start from an available one with none.
  sim.control.setPresence({ vendor: 'talkdesk', agentId: agent, statusId: 'available', interactions: [] });
});
afterAll(() => sim.close());

describe('Talkdesk Set Occupancy', () => {
  it('Add Interactions marks the agent busy; the item is the presence after, its interactions and the patch sent', async () => {
    const { items, error } = await occupancy(harness(), { occupancyChange: 'add', interactions: { interaction: [crmTask] } });
    expect(error).toBeUndefined();
    expect(held()).toEqual(['crm-task-4711']);
    const out = items[0]!.json;
    expect(out).toMatchObject({
      vendor: 'talkdesk',
      agentId: agent,
      name: sim.control.agents('talkdesk').users.find((u) => u.id === agent)!.name,
      state: 'busy',
      activity: { interactions: 1, onInteraction: true },
      interactions: [{ id: 'crm-task-4711', channel_name: 'crm', cost: 100 }],
      patch: [{ op: 'add', path: '/interactions/-', value: [{ id: 'crm-task-4711', channel_name: 'crm', cost: 100 }] }],
    });
    expect(out.raw).toBeUndefined();
  });

  it('Replace Interactions removes the current ones (each guarded by a test of its id) and adds the new', async () => {
    const next = [
      { id: 'chat-1', channelName: 'chat', cost: 30, deviceId: 'browser' },
      { id: 'chat-2', channelName: 'chat', cost: 30 },
    ];
    const { items, error } = await occupancy(harness(), { occupancyChange: 'replace', interactions: { interaction: next } });
    expect(error).toBeUndefined();
    expect(held()).toEqual(['chat-1', 'chat-2']);
    expect((items[0]!.json.patch as IDataObject[]).map((o) => `${o.op} ${o.path}`)).toEqual(['test /interactions/0/id', 'remove /interactions/0', 'add /interactions/-']);
    expect((items[0]!.json.interactions as IDataObject[])[0]).toEqual({ id: 'chat-1', channel_name: 'chat', device_id: 'browser', cost: 30 });
  });

  it('Remove Interactions by ID frees the agent of them; an ID the agent lacks is named, with what it has', async () => {
    const h = harness();
    const missing = await occupancy(h, { occupancyChange: 'remove', interactionIds: 'chat-9' });
    expect(missing.error!.message).toBe('Interaction IDs: "chat-9" is not an interaction of this agent');
    expect(missing.error!.description).toMatch(/"chat-1", "chat-2"/);
    const { items, error } = await occupancy(h, { occupancyChange: 'remove', interactionIds: 'chat-2, chat-1' });
    expect(error).toBeUndefined();
    expect(held()).toEqual([]);
    expect(items[0]!.json).toMatchObject({ state: 'available', interactions: [] });
  });

  it('Replace with none on a free agent sends no patch and gives the presence as it is', async () => {
    sim.control.resetCounters();
    const { items, error } = await occupancy(harness(), { occupancyChange: 'replace', interactions: {} });
    expect(error).toBeUndefined();
    expect(patches()).toBe(0);
    expect(items[0]!.json).toMatchObject({ agentId: agent, interactions: [], patch: [] });
  });

  it('JSON Patch sends the operations given; a failed test is the vendor\'s 422, kept', async () => {
    const h = harness();
    const add = await occupancy(h, { occupancyChange: 'jsonPatch', jsonPatch: JSON.stringify([{ op: 'add', path: 'interactions/-', value: [{ id: 'x-1', channel_name: 'custom_busy', cost: 100 }] }]) });
    expect(add.error).toBeUndefined();
    expect(held()).toEqual(['x-1']);
    const failed = await occupancy(h, { occupancyChange: 'jsonPatch', jsonPatch: [{ op: 'test', path: '/interactions/0/id', value: 'nope' }, { op: 'remove', path: '/interactions/0' }] });
    expect(failed.error!.httpCode).toBe('422');
    expect(failed.error!.message).toMatch(/Talkdesk API error 422/);
    expect(held()).toEqual(['x-1']);
  });

  it('names a bad row, a bad patch or a missing scope before anything is sent', async () => {
    sim.control.resetCounters();
    const h = harness();
    const noCost = await occupancy(h, { occupancyChange: 'add', interactions: { interaction: [{ ...crmTask, cost: 2.5 }] } });
    expect(noCost.error!.message).toBe('Interactions, row 1: Cost: 2.5 is not valid');
    const noId = await occupancy(h, { occupancyChange: 'add', interactions: { interaction: [crmTask, { ...crmTask, id: ' ' }] } });
    expect(noId.error!.message).toBe('Interactions, row 2: Interaction ID: "" is not valid');
    const empty = await occupancy(h, { occupancyChange: 'add', interactions: {} });
    expect(empty.error!.message).toBe('Interactions: is empty');
    const notJson = await occupancy(h, { occupancyChange: 'jsonPatch', jsonPatch: '[{"op": "add",' });
    expect(notJson.error!.message).toBe('JSON Patch: is not valid JSON');
    const badPath = await occupancy(h, { occupancyChange: 'jsonPatch', jsonPatch: '[{"op": "remove", "path": "/status"}]' });
    expect(badPath.error!.message).toBe('JSON Patch: operations[0].path: "/status" is not under interactions');
    const scope = await occupancy(harness('presence-user:read presence-status:write users:read'), { occupancyChange: 'add', interactions: { interaction: [crmTask] } });
    expect(scope.error!.message).toBe('Credential > Scope: lacks presence-occupancy:write');
    expect(scope.error!.description).toMatch(/Set Occupancy needs the scope presence-occupancy:write/);
    expect(patches()).toBe(0);
  });
});

describe('vendor-only operations', () => {
  it("the Talkdesk node offers Set Occupancy and not Vonage's Get Presence History", () => {
    const operations = new TalkdeskPresence().description.properties
      .filter((p) => p.name === 'operation')
      .flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));
    expect(operations).toContain('setOccupancy');
    expect(operations).not.toContain('getHistory');
  });
});
