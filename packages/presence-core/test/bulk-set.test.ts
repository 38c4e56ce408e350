import { VendorApiError, setPresenceMany, setPresences, type AgentPresence, type PresenceBatch, type PresenceClient } from '../src';

const presence = (agentId: string, statusId: string): AgentPresence => ({
  vendor: 'talkdesk',
  agentId,
  state: statusId === 'offline' ? 'offline' : statusId === 'away' ? 'away' : 'available',
  status: { id: statusId, name: statusId, category: statusId },
  since: null,
  sinceSource: null,
  name: null,
  email: null,
  activity: null,
});

/** A client over an in-memory world, counting requests in flight; agent "x" is refused by the vendor. */
function fake(statuses: Record<string, string>, delayMs = 5) {
  let inFlight = 0;
  const stats = { maxInFlight: 0, sets: [] as string[] };
  const wait = () => new Promise((r) => setTimeout(r, delayMs));
  const client: PresenceClient = {
    vendor: 'talkdesk',
    baseUrl: 'https://example.test',
    async getPresence(id) {
      return presence(id, statuses[id]!);
    },
    async getPresences(ids): Promise<PresenceBatch> {
      return { presences: ids.filter((id) => id in statuses).map((id) => presence(id, statuses[id]!)), failures: [], missing: ids.filter((id) => !(id in statuses)), skipped: [] };
    },
    async listAgents() {
      return [];
    },
    async setPresence(id, statusId) {
      inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      await wait();
      inFlight--;
      if (!(id in statuses)) throw new VendorApiError({ vendor: 'talkdesk', httpStatus: 404, code: '0404', message: 'user not found', endpoint: 'PUT /users/{id}/presence/status' });
      stats.sets.push(id);
      statuses[id] = statusId;
      return presence(id, statusId);
    },
    async listStatuses() {
      return [];
    },
    async checkConnection() {},
  };
  return { client, stats, statuses };
}

describe('setPresenceMany', () => {
  it('sets every agent, at most `concurrency` at once, one result per agent in the order given', async () => {
    const ids = Array.from({ length: 40 }, (_, i) => `a${i}`);
    const world = Object.fromEntries(ids.map((id, i) => [id, i % 2 ? 'offline' : 'available']));
    const { client, stats } = fake(world);
    const results = await setPresenceMany(client, [...ids.slice(0, 20), 'x', ...ids.slice(20), 'a3'], 'offline', { concurrency: 4 });
    expect(stats.maxInFlight).toBe(4);
    expect(results.map((r) => r.agentId)).toEqual([...ids.slice(0, 20), 'x', ...ids.slice(20)]);
    const a0 = results[0]!;
    expect(a0).toMatchObject({ ok: true, changed: true, dryRun: false, previous: { status: { id: 'available' } }, current: { status: { id: 'offline' } } });
    expect(results[1]).toMatchObject({ ok: true, changed: false });
    const x = results[20]!;
    expect(x.ok).toBe(false);
    if (!x.ok) {
      expect(x.error).toBeInstanceOf(VendorApiError);
      expect((x.error as VendorApiError).vendorMessage).toBe('user not found');
      expect(x.previous).toBeNull();
    }
  });

  it('on a dry run reads, says who would change, and writes nothing', async () => {
    const { client, stats, statuses } = fake({ a: 'available', b: 'offline' });
    const results = await setPresenceMany(client, ['a', 'b', 'x'], 'offline', { dryRun: true });
    expect(stats.sets).toEqual([]);
    expect(statuses).toEqual({ a: 'available', b: 'offline' });
    expect(results.map((r) => [r.agentId, r.ok, r.ok && r.changed])).toEqual([
      ['a', true, true],
      ['b', true, false],
      ['x', false, false],
    ]);
    expect(results[0]).toMatchObject({ dryRun: true, current: null });
  });

  it('does not start sets after the deadline, and says so per agent', async () => {
    const { client, stats } = fake({ a: 'available', b: 'available' });
    let t = 0;
    const results = await setPresenceMany(client, ['a', 'b'], 'offline', { deadline: 10, now: () => t++ * 10 });
    expect(stats.sets).toEqual(['a']);
    expect(results[1]).toMatchObject({ ok: false, skipped: true });
  });

  it('checks the ids and the status before any request', async () => {
    const { client, stats } = fake({ a: 'available' });
    await expect(setPresenceMany(client, ['a', 'b c'], 'offline')).rejects.toThrow(/agentIds, item 2/);
    await expect(setPresenceMany(client, ['a'], '')).rejects.toThrow();
    expect(stats.sets).toEqual([]);
  });

  it('with states, sets only the agents read in one of them; an agent it could not read is an error, not set', async () => {
    const { client, stats } = fake({ a: 'available', b: 'offline', c: 'away' });
    const results = await setPresenceMany(client, ['a', 'b', 'c', 'x'], 'offline', { states: ['available', 'away'] });
    expect(stats.sets.sort()).toEqual(['a', 'c']);
    expect(results.map((r) => [r.agentId, r.ok])).toEqual([
      ['a', true],
      ['c', true],
      ['x', false],
    ]);
    const dry = await setPresenceMany(client, ['a', 'b'], 'available', { states: ['offline'], dryRun: true });
    expect(dry.map((r) => [r.agentId, r.ok && r.changed])).toEqual([
      ['a', true],
      ['b', true],
    ]);
  });
});

describe('setPresences', () => {
  it('sets each target its own status, one read for all, one result per target in order (an agent may come twice)', async () => {
    const { client, stats, statuses } = fake({ a: 'available', b: 'available', c: 'offline' });
    let reads = 0;
    const getPresences = client.getPresences.bind(client);
    client.getPresences = (ids, o) => {
      reads++;
      return getPresences(ids, o);
    };
    const results = await setPresences(client, [
      { agentId: 'a', statusId: 'away' },
      { agentId: 'x', statusId: 'away' },
      { agentId: 'b', statusId: 'offline' },
      { agentId: 'a', statusId: 'away' },
    ], { concurrency: 2 });
    expect(reads).toBe(1);
    expect(stats.maxInFlight).toBeLessThanOrEqual(2);
    expect(results.map((r) => [r.agentId, r.statusId, r.ok])).toEqual([
      ['a', 'away', true],
      ['x', 'away', false],
      ['b', 'offline', true],
      ['a', 'away', true],
    ]);
    expect(results[0]).toMatchObject({ previous: { status: { id: 'available' } }, current: { status: { id: 'away' } }, changed: true });
    expect(statuses).toEqual({ a: 'away', b: 'offline', c: 'offline' });
  });

  it('checks every target before any request', async () => {
    const { client, stats } = fake({ a: 'available' });
    await expect(setPresences(client, [{ agentId: 'a', statusId: 'away' }, { agentId: 'b c', statusId: 'away' }])).rejects.toThrow(/targets, item 2/);
    expect(stats.sets).toEqual([]);
  });
});
