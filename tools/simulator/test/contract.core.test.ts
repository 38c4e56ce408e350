/**
 * Contract tests: presence-core's clients, over its undici transport, against the
 * simulator. Authentication, listing, reading, setting, statuses and change
 * detection, each checked against the simulator's ground truth. Faults are in
 * contract.core.faults.test.ts.
 */
import {
  VendorApiError,
  createCirrusClient,
  createTalkdeskClient,
  detectChanges,
  withBearerToken,
  withClientCredentials,
  type AgentPresence,
  type PresenceClient,
} from '@agent-presence/presence-core';
import { createUndiciTransport, type UndiciTransport } from '@agent-presence/presence-core/undici';
import {
  CIRRUS_STATUSES,
  TALKDESK_CUSTOM_STATUSES,
  TALKDESK_STATUSES,
  VONAGE_STATUSES,
  startSimulator,
  type Simulator,
  type TimelineEntry,
} from '../src';
import {
  EXPECTED_STATE,
  commonCategory,
  counter,
  entryKey,
  expectPresenceMatches,
  makeClients,
  presenceKey,
  talkdeskOnInteraction,
  unknownVonageId,
  type ClientSet,
  type CoreVendorId,
} from './core-support';

const AGENTS = 120;
const TWO_POW_53 = 2n ** 53n;

let sim: Simulator;
let transport: UndiciTransport;
let c: ClientSet;

beforeAll(async () => {
  sim = await startSimulator({ agents: AGENTS, seed: 7 });
  transport = createUndiciTransport({ timeoutMs: 5_000 });
  c = makeClients(sim, transport);
});
afterAll(async () => {
  await transport.close();
  await sim.close();
});
beforeEach(() => {
  sim.control.clearFaults();
  sim.control.resetCounters();
  c.sent.length = 0;
});

const clientOf = (vendor: CoreVendorId): PresenceClient => c[vendor];
const stateOf = (vendor: CoreVendorId) => new Map(sim.control.state(vendor).agents.map((a) => [a.agentId, a]));
const agentIds = (vendor: CoreVendorId) => sim.control.agents(vendor).agentIds;
const sorted = (ids: string[]) => [...ids].sort();
const lastSeq = () => sim.control.timeline({ limit: 1 }).lastSeq;
const header = (req: { headers: Record<string, string> }, name: string) =>
  Object.entries(req.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

describe('authentication, the way each vendor documents it', () => {
  it('Cirrus: the API key as a bearer token; a wrong key is a 401', async () => {
    await c.cirrus.checkConnection();
    expect(c.sent).toHaveLength(1);
    expect(header(c.sent[0]!, 'authorization')).toBe(`Bearer ${sim.credentials.cirrus.apiKey}`);
    expect(counter(sim, 'cirrus GET /core/systemstatus')).toBe(1);

    const wrong = createCirrusClient({ transport: withBearerToken(transport, 'not-the-key'), baseUrl: sim.vendors.cirrus.baseUrl });
    const error = await wrong.checkConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({ httpStatus: 401, code: '401', endpoint: 'GET /core/systemstatus' });
  });

  it('Vonage: client credentials in the form body, one token for many calls', async () => {
    const fresh = makeClients(sim, transport);
    await fresh.vonage.checkConnection();
    await fresh.vonage.getPresence(agentIds('vonage')[0]!);
    const [tokenReq, ...apiReqs] = fresh.sent;
    expect(tokenReq).toMatchObject({ method: 'POST', url: sim.vendors.vonage.tokenUrl });
    expect(header(tokenReq!, 'content-type')).toBe('application/x-www-form-urlencoded');
    expect(header(tokenReq!, 'authorization')).toBeUndefined();
    const form = new URLSearchParams(String(tokenReq!.body));
    expect(Object.fromEntries(form)).toEqual({
      grant_type: 'client_credentials',
      client_id: sim.credentials.vonage.clientId,
      client_secret: sim.credentials.vonage.clientSecret,
      scope: 'users:read users:write',
    });
    expect(apiReqs).toHaveLength(2);
    const auth = apiReqs.map((r) => header(r, 'authorization'));
    expect(auth[0]).toMatch(/^Bearer \S+$/);
    expect(auth[1]).toBe(auth[0]);
    expect(auth[0]).not.toContain(sim.credentials.vonage.clientSecret);
    expect(apiReqs.every((r) => header(r, 'accept') === 'application/vnd.newvoicemedia.v1+json')).toBe(true);
    expect(counter(sim, 'vonage POST /Auth/connect/token')).toBe(1);
  });

  it('Talkdesk: client credentials in HTTP Basic auth; body credentials are refused', async () => {
    const fresh = makeClients(sim, transport);
    await fresh.talkdesk.checkConnection();
    const [tokenReq] = fresh.sent;
    expect(tokenReq).toMatchObject({ method: 'POST', url: sim.vendors.talkdesk.tokenUrl });
    const { clientId, clientSecret } = sim.credentials.talkdesk;
    expect(header(tokenReq!, 'authorization')).toBe(`Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(String(tokenReq!.body)))).toEqual({ grant_type: 'client_credentials' });
    expect(header(fresh.sent[1]!, 'authorization')).toMatch(/^Bearer \S+$/);

    const bodyAuth = withClientCredentials(transport, {
      vendor: 'talkdesk',
      tokenUrl: sim.vendors.talkdesk.tokenUrl,
      clientId,
      clientSecret,
      clientAuthentication: 'body',
    });
    const client = createTalkdeskClient({ transport: bodyAuth, baseUrl: sim.vendors.talkdesk.baseUrl });
    const error = await client.checkConnection().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({ httpStatus: 401, code: 'invalid_client', endpoint: 'POST token' });
  });
});

describe('listing agents', () => {
  it('Cirrus: every agent, admins filtered out, int64 ids exact', async () => {
    const listed = await c.cirrus.listAgents();
    const { agentIds: expected, users } = sim.control.agents('cirrus');
    expect(sorted(listed.map((a) => a.agentId))).toEqual(sorted(expected));
    expect(listed).toHaveLength(expected.length);
    const admins = users.filter((u) => u.kind === 'admin').map((u) => u.id);
    expect(admins.length).toBeGreaterThanOrEqual(2);
    expect(listed.some((a) => admins.includes(a.agentId))).toBe(false);
    const big = listed.map((a) => a.agentId).filter((id) => BigInt(id) > TWO_POW_53);
    expect(big.length).toBeGreaterThanOrEqual(AGENTS / 4 - 1);
    expect(big).toContain('9007199254740993');
    const byId = new Map(users.map((u) => [u.id, u]));
    for (const a of listed) expect(a.name).toBe(byId.get(a.agentId)?.name);
    expect(counter(sim, 'cirrus GET /managers')).toBe(1);
  });

  it('Vonage: every agent across pages from page 1, non-agents filtered out, never page 0', async () => {
    const listed = await c.vonage.listAgents();
    const { agentIds: expected, users } = sim.control.agents('vonage');
    expect(sorted(listed.map((a) => a.agentId))).toEqual(sorted(expected));
    expect(listed).toHaveLength(expected.length);
    const active = users.filter((u) => u.kind !== 'archived').length;
    expect(users.some((u) => u.kind === 'non-agent')).toBe(true);
    // Pages of 25 until a short one; the simulator refuses page 0, as Vonage does.
    const pages = Math.floor(active / 25) + 1;
    expect(pages).toBeGreaterThanOrEqual(5);
    // The client asks page 1, then after a full page the next 2, then 4 at a time, until the
    // short (last) page is among those asked: pages 1 to asked.
    let asked = 1;
    for (let burst = 1; asked < pages; asked += burst) burst = Math.min(burst * 2, 4);
    expect(asked - pages).toBeLessThanOrEqual(3);
    expect(counter(sim, 'vonage GET /useradmin/users')).toBe(asked);
  });

  it('Talkdesk: every agent across several HAL pages, inactive users filtered out', async () => {
    const listed = await c.talkdesk.listAgents();
    const { agentIds: expected, users } = sim.control.agents('talkdesk');
    expect(sorted(listed.map((a) => a.agentId))).toEqual(sorted(expected));
    expect(listed).toHaveLength(expected.length);
    expect(users.some((u) => u.kind === 'inactive')).toBe(true);
    const pages = Math.ceil(users.length / 20);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(counter(sim, 'talkdesk GET /users')).toBe(pages);
  });
});

describe('reading presence', () => {
  it('Cirrus: one and many, one request per agent, int64 ids exact end to end', async () => {
    const ids = (await c.cirrus.listAgents()).map((a) => a.agentId);
    const bigId = ids.find((id) => BigInt(id) > TWO_POW_53)!;
    expect(bigId).toBe('9007199254740993');
    sim.control.resetCounters();

    const one = await c.cirrus.getPresence(bigId);
    expectPresenceMatches('cirrus', one, stateOf('cirrus').get(bigId));
    expect(counter(sim, 'cirrus GET /managers/{id}/presence')).toBe(1);
    expect(c.sent.at(-1)!.url).toBe(`${sim.vendors.cirrus.baseUrl}/managers/9007199254740993/presence`);

    sim.control.resetCounters();
    const batch = await c.cirrus.getPresences(ids);
    expect(batch.failures).toEqual([]);
    expect(batch.missing).toEqual([]);
    expect(batch.presences).toHaveLength(AGENTS);
    expect(counter(sim, 'cirrus GET /managers/{id}/presence')).toBe(AGENTS);
    const state = stateOf('cirrus');
    for (const p of batch.presences) expectPresenceMatches('cirrus', p, state.get(p.agentId));
    expect(new Set(batch.presences.map((p) => p.agentId))).toEqual(new Set(ids));
  });

  it('Cirrus: the stats call marks an Active agent on a call busy', async () => {
    const id = agentIds('cirrus')[3]!;
    sim.control.setPresence({ vendor: 'cirrus', agentId: id, statusId: '1', onCall: true });
    const plain = await c.cirrus.getPresence(id);
    const withCalls = await c.cirrus.getPresence(id, { withCallStatus: true });
    expect(plain).toMatchObject({ state: 'available', status: { id: '1', name: 'Active', category: 'Active' } });
    expect(withCalls).toMatchObject({ state: 'busy', activity: { onInteraction: true } });
    expect(counter(sim, 'cirrus GET /managers/{id}/stats')).toBe(1);
  });

  it('Vonage: one, and 120 in exactly 3 batch requests; unknown ids are reported missing', async () => {
    const ids = agentIds('vonage');
    const one = await c.vonage.getPresence(ids[5]!);
    expectPresenceMatches('vonage', one, stateOf('vonage').get(ids[5]!));
    expect(counter(sim, 'vonage GET /agents/{userId}/presence')).toBe(1);

    sim.control.resetCounters();
    const batch = await c.vonage.getPresences(ids);
    expect(batch.failures).toEqual([]);
    expect(batch.missing).toEqual([]);
    expect(batch.presences).toHaveLength(AGENTS);
    expect(counter(sim, 'vonage GET /agents/presences/users')).toBe(3);
    expect(counter(sim, 'vonage GET /agents/{userId}/presence')).toBe(0);
    const state = stateOf('vonage');
    for (const p of batch.presences) expectPresenceMatches('vonage', p, state.get(p.agentId));
    // selectable is the status list's (List statuses), not part of a presence
    for (const p of batch.presences) expect(p).not.toHaveProperty('selectable');

    const unknown = unknownVonageId(1);
    const withUnknown = await c.vonage.getPresences([ids[0]!, unknown]);
    expect(withUnknown.missing).toEqual([unknown]);
    expect(withUnknown.presences.map((p) => p.agentId)).toEqual([ids[0]]);
  });

  it('Talkdesk: one and many, one request per agent; on an interaction means busy', async () => {
    const ids = agentIds('talkdesk');
    // make sure both sides of the busy rule are present
    sim.control.setPresence({ vendor: 'talkdesk', agentId: ids[0]!, statusId: 'available', interactions: 2 });
    sim.control.setPresence({ vendor: 'talkdesk', agentId: ids[1]!, statusId: 'available' });
    sim.control.resetCounters();

    const one = await c.talkdesk.getPresence(ids[0]!);
    expect(one).toMatchObject({ state: 'busy', status: { id: 'available', category: 'Available' }, activity: { interactions: 2, onInteraction: true } });
    expectPresenceMatches('talkdesk', one, stateOf('talkdesk').get(ids[0]!));

    sim.control.resetCounters();
    const batch = await c.talkdesk.getPresences(ids);
    expect(batch.failures).toEqual([]);
    expect(batch.presences).toHaveLength(AGENTS);
    expect(counter(sim, 'talkdesk GET /users/{id}/presence')).toBe(AGENTS);
    const state = stateOf('talkdesk');
    for (const p of batch.presences) expectPresenceMatches('talkdesk', p, state.get(p.agentId));
    const busy = batch.presences.filter((p) => p.state === 'busy').map((p) => p.agentId);
    expect(busy).toContain(ids[0]);
    expect(busy).toEqual(ids.filter((id) => talkdeskOnInteraction(state.get(id)!) && state.get(id)!.category === 'available'));
    expect(batch.presences.find((p) => p.agentId === ids[1])?.state).toBe('available');
  });
});

describe('setting presence with the vendor status ids', () => {
  function lastEntry(vendor: CoreVendorId, agentId: string, since: number): TimelineEntry[] {
    return sim.control.timeline({ vendor, agentId, sinceSeq: since }).entries;
  }

  it('Cirrus: an admin-defined presence type on an int64 manager id', async () => {
    const id = '9007199254740993';
    const target = stateOf('cirrus').get(id)!.statusId === '1001' ? '1002' : '1001';
    const before = lastSeq();
    const set = await c.cirrus.setPresence(id, target);
    const type = CIRRUS_STATUSES.find((s) => s.id === target)!;
    expect(set).toMatchObject({ agentId: id, status: { id: target, name: type.name, category: type.category }, state: EXPECTED_STATE.cirrus[type.category] });
    expect(stateOf('cirrus').get(id)).toMatchObject({ statusId: target, statusName: type.name });
    expect(lastEntry('cirrus', id, before)).toEqual([
      expect.objectContaining({ vendor: 'cirrus', agentId: id, statusId: target, statusName: type.name, source: 'api' }),
    ]);
    expect(c.sent.at(-1)).toMatchObject({ method: 'POST', url: `${sim.vendors.cirrus.baseUrl}/managers/${id}/presence/${target}` });
  });

  it('Vonage: a presenceId through PATCH; a non-selectable one is refused', async () => {
    const id = agentIds('vonage')[7]!;
    const brk = VONAGE_STATUSES.find((s) => s.name === 'Break')!;
    const lunch = VONAGE_STATUSES.find((s) => s.name === 'Lunch')!;
    const target = stateOf('vonage').get(id)!.statusId === brk.id ? lunch : brk;
    const before = lastSeq();
    const set = await c.vonage.setPresence(id, target.presenceId);
    expect(set).toMatchObject({ agentId: id, status: { id: target.presenceId, name: target.name, category: 'Away' }, state: 'away' });
    const agent = stateOf('vonage').get(id)!;
    expect(agent.statusId).toBe(target.presenceId);
    expect(set.since).toBe(agent.since);
    expect(lastEntry('vonage', id, before)).toEqual([
      expect.objectContaining({ agentId: id, statusId: target.presenceId, category: 'Away', source: 'api', at: agent.since }),
    ]);

    const missed = VONAGE_STATUSES.find((s) => !s.selectable)!;
    const seq = lastSeq();
    const error = await c.vonage.setPresence(id, missed.presenceId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({ httpStatus: 400, endpoint: 'PATCH /agents/{userId}/presence' });
    expect((error as VendorApiError).vendorMessage).toMatch(/presenceId: .*not selectable/);
    expect(lastSeq()).toBe(seq);
    expect(stateOf('vonage').get(id)!.statusId).toBe(target.presenceId);
  });

  it('Talkdesk: a custom status (as away) and a base status; PUT answers 204 and the client reads back', async () => {
    const id = agentIds('talkdesk')[9]!;
    const lunch = TALKDESK_CUSTOM_STATUSES.find((s) => s.display_name === 'Lunch')!;
    if (stateOf('talkdesk').get(id)!.statusId === lunch.id) sim.control.setPresence({ vendor: 'talkdesk', agentId: id, statusId: 'available' });
    let before = lastSeq();
    sim.control.resetCounters();
    const set = await c.talkdesk.setPresence(id, lunch.id, { includeRaw: true });
    expect(set).toMatchObject({ agentId: id, state: 'away', status: { id: lunch.id, name: 'Lunch', category: 'Away' } });
    expect((set.raw as { updated_by: string }).updated_by).toBe(sim.credentials.talkdesk.clientId);
    expect(counter(sim, 'talkdesk PUT /users/{id}/presence/status')).toBe(1);
    expect(counter(sim, 'talkdesk GET /users/{id}/presence')).toBe(1);
    const putReq = c.sent.find((r) => r.method === 'PUT')!;
    expect(putReq.body).toEqual({ status: 'away', custom_status_id: lunch.id });
    expect(stateOf('talkdesk').get(id)).toMatchObject({ statusId: lunch.id, statusName: 'Lunch', category: 'away' });
    expect(lastEntry('talkdesk', id, before)).toEqual([expect.objectContaining({ statusId: lunch.id, category: 'away', source: 'api' })]);

    before = lastSeq();
    const offline = await c.talkdesk.setPresence(id, 'offline');
    expect(offline).toMatchObject({ state: 'offline', status: { id: 'offline', name: 'offline', category: 'Offline' } });
    expect(lastEntry('talkdesk', id, before)).toEqual([expect.objectContaining({ statusId: 'offline', source: 'api' })]);
  });
});

describe('listing statuses', () => {
  it('Cirrus: system and admin-defined presence types with their category and state', async () => {
    const statuses = await c.cirrus.listStatuses();
    expect(statuses).toEqual(
      CIRRUS_STATUSES.map((s) => ({ vendor: 'cirrus', id: s.id, name: s.name, category: s.category, state: EXPECTED_STATE.cirrus[s.category] })),
    );
    expect(statuses.map((s) => s.id)).toEqual(expect.arrayContaining(['1001', '1002', '1003', '1004']));
  });

  it('Vonage: every presence definition, the non-selectable one included', async () => {
    const statuses = await c.vonage.listStatuses();
    expect(statuses).toEqual(
      VONAGE_STATUSES.map((s) => ({
        vendor: 'vonage',
        id: s.presenceId,
        name: s.name,
        // an extended type is kept after the category type
        category: s.subCategory ? `${s.categoryType}/${s.subCategory}` : s.categoryType,
        state: EXPECTED_STATE.vonage[s.categoryType],
        selectable: s.selectable,
      })),
    );
    expect(statuses.filter((s) => s.selectable === false).map((s) => s.name)).toEqual(['Missed Call']);
  });

  it('Talkdesk: the base statuses and the admin-defined custom ones (away)', async () => {
    const statuses = await c.talkdesk.listStatuses();
    const base = TALKDESK_STATUSES.filter((s) => s.customStatusId === null);
    expect(statuses).toEqual([
      ...base.map((s) => ({ vendor: 'talkdesk', id: s.status, name: s.status, category: commonCategory('talkdesk', s.status), state: EXPECTED_STATE.talkdesk[s.status] })),
      ...TALKDESK_CUSTOM_STATUSES.map((s) => ({ vendor: 'talkdesk', id: s.id, name: s.display_name, category: 'Away', state: 'away' })),
    ]);
    expect(statuses.find((s) => s.id === 'hidden')?.state).toBe('offline');
  });
});

describe('change detection against the timeline', () => {
  const poll = async (vendor: CoreVendorId): Promise<AgentPresence[]> => {
    const batch = await clientOf(vendor).getPresences(agentIds(vendor));
    expect(batch.failures).toEqual([]);
    expect(batch.presences).toHaveLength(AGENTS);
    return batch.presences;
  };

  it.each(['cirrus', 'vonage', 'talkdesk'] as const)('%s: the changes between two polls are the last timeline change per agent', async (vendor) => {
    const first = await poll(vendor);
    const base = detectChanges(undefined, first, { observedAt: sim.control.time().now });
    expect(base.changes).toEqual([]);
    const seq = lastSeq();

    sim.control.advance(10 * 60_000);
    const second = await poll(vendor);
    const { changes } = detectChanges(base.snapshot, second, { observedAt: sim.control.time().now });

    const page = sim.control.timeline({ vendor, sinceSeq: seq, limit: 100_000 });
    expect(page.hasMore).toBe(false);
    expect(page.entries.length).toBeGreaterThan(0);
    const last = new Map<string, TimelineEntry>();
    for (const e of page.entries) last.set(e.agentId, e);
    const firstById = new Map(first.map((p) => [p.agentId, p]));
    const expected = [...last.values()].filter((e) => entryKey(vendor, e) !== presenceKey(vendor, firstById.get(e.agentId)!));
    expect(expected.length).toBeGreaterThan(0);

    expect(changes.map((ch) => ch.agentId).sort()).toEqual(expected.map((e) => e.agentId).sort());
    for (const e of expected) {
      const change = changes.find((ch) => ch.agentId === e.agentId)!;
      expect(change.event).toBe('changed');
      expect(presenceKey(vendor, change.current!)).toBe(entryKey(vendor, e));
      expect(change.previous?.status).toEqual(firstById.get(e.agentId)!.status);
      if (vendor !== 'cirrus') expect(change.current!.since).toBe(e.at);
    }
  });

  it.each(['cirrus', 'vonage', 'talkdesk'] as const)('%s: a change reverted between polls is invisible', async (vendor) => {
    const state = sim.control.state(vendor).agents;
    const calm = state.filter((a) => vendor !== 'talkdesk' || !talkdeskOnInteraction(a));
    const [flip, moved] = [calm[0]!, calm[1]!];
    const other = (id: string) =>
      ({ cirrus: ['1001', '1002'], vonage: [VONAGE_STATUSES[3]!.id, VONAGE_STATUSES[4]!.id], talkdesk: ['hidden', 'offline'] })[vendor].find((s) => s !== id)!;
    const ids = [flip.agentId, moved.agentId];
    const first = await clientOf(vendor).getPresences(ids);
    const base = detectChanges(undefined, first.presences);
    const seq = lastSeq();

    sim.control.setPresence({ vendor, agentId: flip.agentId, statusId: other(flip.statusId) });
    sim.control.setPresence({ vendor, agentId: flip.agentId, statusId: flip.statusId });
    sim.control.setPresence({ vendor, agentId: moved.agentId, statusId: other(moved.statusId) });
    expect(sim.control.timeline({ vendor, sinceSeq: seq }).entries.map((e) => e.agentId)).toEqual([flip.agentId, flip.agentId, moved.agentId]);

    const second = await clientOf(vendor).getPresences(ids);
    const { changes } = detectChanges(base.snapshot, second.presences);
    expect(changes.map((ch) => [ch.event, ch.agentId, ch.current?.status.id])).toEqual([['changed', moved.agentId, other(moved.statusId)]]);
  });
});

