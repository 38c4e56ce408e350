import { describeVendorNodes } from '@agent-presence/n8n-shared/testing';
import { CirrusApi } from '../credentials/CirrusApi.credentials';
import { CirrusPresence } from '../nodes/CirrusPresence/CirrusPresence.node';
import { CirrusPresenceTrigger } from '../nodes/CirrusPresenceTrigger/CirrusPresenceTrigger.node';

describeVendorNodes({
  vendor: 'cirrus',
  actionNode: 'cirrusPresence',
  triggerNode: 'cirrusPresenceTrigger',
  nodes: { cirrusPresence: new CirrusPresence(), cirrusPresenceTrigger: new CirrusPresenceTrigger() },
  credentialType: new CirrusApi(),
  // Simulator presence types: 1 Active, 3 Away, 1001 Lunch (Away), 1003 Offline (an Away type in Cirrus).
  statuses: { available: '1', away: '3', awayOther: '1001', offline: { id: '1003', state: 'away' } },
  unknownAgentId: '4242424242',
  badAgentId: '12/../34',
  sweep: { agents: 200, latencyMs: 60, budgetMs: 400 },
  secretOf: (sim) => sim.credentials.cirrus.apiKey,
  oauth: false,
  teams: true,
});

describe('vendor-only operations', () => {
  it("the Cirrus node offers neither Vonage's Get Presence History nor Talkdesk's Set Occupancy", () => {
    const operations = new CirrusPresence().description.properties
      .filter((p) => p.name === 'operation')
      .flatMap((p) => (p.options ?? []).map((o) => (o as { value: string }).value));
    expect(operations).toEqual(expect.arrayContaining(['get', 'getMany', 'set']));
    expect(operations).not.toContain('getHistory');
    expect(operations).not.toContain('setOccupancy');
  });
});
