// n8n rewrites a trigger's static data after every poll that changes it: the snapshot must
// stay under 64 bytes per agent as JSON, with ids as each vendor writes them.
import { detectChanges, type AgentPresence, type PresenceState, type VendorId } from '../src';
import { seededRandom } from './helpers/seeded-random';

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const day = 86_400_000;
const rnd = seededRandom(2026);
const hex = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
const ids: Record<VendorId, () => string> = {
  vonage: () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`,
  talkdesk: () => hex(24),
  // int64, beyond 2^53: 19 digits.
  cirrus: () => `${1 + Math.floor(rnd() * 8)}${Array.from({ length: 18 }, () => Math.floor(rnd() * 10)).join('')}`,
};
const statuses: Array<[PresenceState, string]> = [['available', 'Ready'], ['away', 'Lunch'], ['away', 'Break'], ['offline', 'Logged Out'], ['busy', 'Training'], ['away', 'Meeting']];

describe.each(['cirrus', 'vonage', 'talkdesk'] as const)('%s snapshot', (vendor) => {
  it('stays under 64 bytes per agent at 10,000 agents, with vendor times up to years old', () => {
    const agents = Array.from(new Set(Array.from({ length: 10_000 }, ids[vendor]))).sort();
    expect(agents).toHaveLength(10_000);
    const poll = (minute: number) =>
      agents.map((agentId, i): AgentPresence => {
        const [state, name] = statuses[(i + minute * (i % 3)) % statuses.length]!;
        // Cirrus gives no since; the others give one, mostly in the last 30 days, a few years back (logged out long ago).
        const since = vendor === 'cirrus' ? null : new Date(T0 - (i % 50 === 0 ? 4 * 365 * day : 30 * day) * rnd() - rnd() * 999).toISOString();
        return { vendor, agentId, name: null, email: null, state, status: { id: name.toLowerCase(), name, category: state }, since, sinceSource: since === null ? null : 'vendor', activity: null };
      });
    let { snapshot } = detectChanges(undefined, poll(0), { observedAt: new Date(T0).toISOString() });
    // Cirrus starts are our first sight: after some polls, spread over time.
    for (let minute = 1; minute <= 3; minute++) snapshot = detectChanges(snapshot, poll(minute), { observedAt: new Date(T0 + minute * 3_600_000).toISOString(), complete: false, roster: agents }).snapshot;
    const perAgent = Buffer.byteLength(JSON.stringify(snapshot)) / agents.length;
    expect(perAgent).toBeLessThan(64);
    // Most of it is the id itself (with its quotes and comma).
    expect(perAgent - (agents[0]!.length + 3)).toBeLessThan(vendor === 'cirrus' ? 12 : 20);
  });
});
