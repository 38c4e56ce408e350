import { createAgentDirectory, nameAgents, nameChanges, type AgentSummary, type PresenceChange } from '../src';
import { normalizePresence } from '../src';

const agent = (agentId: string, name: string): AgentSummary => ({ vendor: 'vonage', agentId, name, email: `${name.toLowerCase()}@example.com`, team: null });

describe('agent directory', () => {
  it('reads the user list once for many lookups, again when old or missing an agent (not more often than allowed)', async () => {
    let now = 0;
    let reads = 0;
    let roster = [agent('a', 'Ines'), agent('b', 'Omar')];
    const list = async () => {
      reads++;
      return roster;
    };
    const directory = createAgentDirectory({ now: () => now, maxAgeMs: 60_000, missRefreshMs: 5_000 });
    await Promise.all([directory.ensure(['a'], list), directory.ensure(['b'], list)]);
    expect(reads).toBe(1);
    for (let i = 0; i < 10; i++) await directory.ensure(['a', 'b'], list);
    expect(reads).toBe(1);
    roster = [agent('a', 'Ines'), agent('c', 'Lena')];
    // Missing "c", but the list was read a moment ago: no request per missing agent.
    now = 1_000;
    await directory.ensure(['c'], list);
    expect(reads).toBe(1);
    now = 6_000;
    await directory.ensure(['c'], list);
    expect(reads).toBe(2);
    expect(directory.get('c')?.name).toBe('Lena');
    // "b" left the list: still named, for the change that reports it gone.
    expect(directory.get('b')?.name).toBe('Omar');
    now = 70_000;
    await directory.ensure(['a'], list);
    expect(reads).toBe(3);
  });

  it('compares ids ignoring case (Vonage GUIDs), and a failed read is thrown to the caller', async () => {
    const directory = createAgentDirectory();
    directory.learn([agent('ABC-1', 'Ines')]);
    expect(directory.get('abc-1')?.name).toBe('Ines');
    const failing = createAgentDirectory();
    await expect(failing.ensure(['x'], async () => Promise.reject(new Error('403')))).rejects.toThrow('403');
  });

  it('names presences and changes, null for an agent the list does not have', () => {
    const directory = createAgentDirectory();
    directory.learn([agent('daab05ec-ba50-45af-a6fd-3b01cdc6f39b', 'Ines')]);
    const record = { userId: 'daab05ec-ba50-45af-a6fd-3b01cdc6f39b', presence: { presenceId: 'p', category: { categoryType: 'Ready' } } };
    const [known, unknown] = nameAgents([normalizePresence('vonage', record), normalizePresence('vonage', { ...record, userId: 'other' })], (id) => directory.get(id));
    expect(known).toMatchObject({ name: 'Ines', email: 'ines@example.com' });
    expect(unknown).toMatchObject({ name: null, email: null });
    const gone: PresenceChange = { eventId: 'e1', event: 'disappeared', agentId: record.userId, name: null, email: null, vendor: 'vonage', current: null, previous: null, durationInPreviousMs: null, observedAt: '2026-01-01T00:00:00.000Z' };
    expect(nameChanges([gone], (id) => directory.get(id))[0]).toMatchObject({ name: 'Ines', current: null });
  });
});
