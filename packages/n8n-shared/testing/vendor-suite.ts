// One behavioural suite for every vendor package: each package's test file calls it
// with its node classes and the vendor's status ids. Nodes run through n8n-core's
// engine against the simulator over real HTTP.
import { startSimulator, type Simulator } from '@agent-presence/simulator';
import type { ICredentialType, IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeHarness } from './harness';
import { simulatorCredentials } from './simulator-credentials';

type Vendor = 'cirrus' | 'vonage' | 'talkdesk';

export interface VendorSuiteSpec {
  vendor: Vendor;
  actionNode: string;
  triggerNode: string;
  nodes: Record<string, INodeType>;
  credentialType: ICredentialType;
  /** Status ids of this vendor, with the common state each maps to by default. */
  statuses: {
    available: string;
    away: string;
    /** Another status in the away state (e.g. Lunch next to Break). */
    awayOther: string;
    offline: { id: string; state: string };
  };
  /** A well-formed id the simulator does not know. */
  unknownAgentId: string;
  /** A malformed id. */
  badAgentId: string;
  /** Sweep test: agents, per-request latency and poll budget such that one poll cannot read all. */
  sweep: { agents: number; latencyMs: number; budgetMs: number };
  /** The secret that must never appear in an output or error. */
  secretOf(sim: Simulator): string;
  oauth: boolean;
  /** Whether the vendor's user list names teams (agents can be picked by team). */
  teams?: boolean;
}

/** The request that reads the vendor's user list, as the simulator counts it. */
const rosterEndpoint: Record<Vendor, string> = { cirrus: 'cirrus GET /managers', vonage: 'vonage GET /useradmin/users', talkdesk: 'talkdesk GET /users' };
/** Keys of every presence item, whatever the operation (raw only when asked for). */
const presenceKeys = ['vendor', 'agentId', 'name', 'email', 'state', 'status', 'since', 'sinceSource', 'activity'];

const json = (items: INodeExecutionData[]) => items.map((i) => i.json as IDataObject);

export function describeVendorNodes(spec: VendorSuiteSpec): void {
  const { vendor } = spec;
  let sim: Simulator;
  let h: NodeHarness;
  let agents: string[];

  const newHarness = () =>
    new NodeHarness({ nodes: spec.nodes, credentialTypes: [spec.credentialType], credentials: simulatorCredentials(sim) });
  const stateOf = (agentId: string) => sim.control.state(vendor).agents.find((a) => a.agentId === agentId)!;
  const set = (agentId: string, statusId: string) => sim.control.setPresence({ vendor, agentId, statusId });
  const nameOf = (agentId: string) => sim.control.agents(vendor).users.find((u) => u.id === agentId)?.name;
  const run = (parameters: IDataObject, input?: IDataObject[], options?: { continueOnFail?: boolean }) =>
    h.runAction(spec.actionNode, parameters as never, input, options);

  beforeAll(async () => {
    sim = await startSimulator({ agents: 12, seed: 7 });
    agents = sim.control.agents(vendor).agentIds;
    h = newHarness();
  });
  afterAll(() => sim.close());
  afterEach(() => {
    sim.control.clearFaults();
    sim.control.config({ latencyMs: 0 });
  });

  describe(`${vendor} action node`, () => {
    it('Agent Presence > Get returns the AgentPresence of one agent, by id', async () => {
      const agentId = agents[0]!;
      set(agentId, spec.statuses.away);
      const { items, error } = await run({ resource: 'agentPresence', operation: 'get', agent: { __rl: true, mode: 'id', value: agentId } });
      expect(error).toBeUndefined();
      expect(json(items)).toEqual([
        expect.objectContaining({ vendor: vendor, agentId, state: 'away', status: expect.objectContaining({ id: stateOf(agentId).statusId }) }),
      ]);
      expect(items[0]!.pairedItem).toEqual({ item: 0 });
    });

    it('Get runs once per input item, with expressions per item', async () => {
      const [a, b] = [agents[1]!, agents[2]!];
      set(a, spec.statuses.available);
      set(b, spec.statuses.offline.id);
      const { items } = await run({ resource: 'agentPresence', operation: 'get', agent: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, [{ id: a }, { id: b }]);
      expect(json(items).map((p) => [p.agentId, p.state])).toEqual([[a, expect.stringMatching(/available|busy/)], [b, spec.statuses.offline.state]]);
      expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
    });

    it('Get Many of all agents matches the simulator, with the state filter and limit', async () => {
      const all = await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true });
      expect(all.error).toBeUndefined();
      const byId = new Map(json(all.items).map((p) => [p.agentId as string, p]));
      expect([...byId.keys()].sort()).toEqual([...agents].sort());
      for (const truth of sim.control.state(vendor).agents) {
        expect((byId.get(truth.agentId)!.status as IDataObject).id).toBe(truth.statusId);
      }
      set(agents[3]!, spec.statuses.away);
      const away = await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true, filters: { states: ['away'] } });
      expect(json(away.items).length).toBeGreaterThan(0);
      expect(json(away.items).every((p) => p.state === 'away')).toBe(true);
      const limited = await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: false, limit: 3 });
      expect(limited.items).toHaveLength(3);
    });

    it('Options > Max Concurrent Requests bounds the reads sent at once; a bad value names the option', async () => {
      sim.control.config({ latencyMs: 30 });
      sim.control.resetCounters();
      const { error, items } = await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true, options: { concurrency: 3 } });
      expect(error).toBeUndefined();
      expect(items).toHaveLength(agents.length);
      // Vonage reads the suite's 12 agents in one batch request: there is nothing to overlap.
      if (vendor !== 'vonage') expect(sim.control.counters().peakInFlight[vendor]).toBe(3);
      sim.control.resetCounters();
      await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true });
      if (vendor !== 'vonage') expect(sim.control.counters().peakInFlight[vendor]).toBe(agents.length);
      const bad = await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true, options: { concurrency: 0 } });
      expect(bad.error!.message).toMatch(/Max Concurrent Requests/);
      expect(bad.error!.name).toBe('NodeOperationError');
    });

    it('Get Many of given ids, with includeRaw and a state-mapping override', async () => {
      const ids = [agents[4]!, agents[5]!];
      set(ids[0]!, spec.statuses.awayOther);
      set(ids[1]!, spec.statuses.away);
      const { items, error } = await run({
        resource: 'agentPresence',
        operation: 'getMany',
        source: 'ids',
        agentIds: ids.join(',\n'),
        returnAll: true,
        options: { includeRaw: true, stateMapping: { mappings: [{ match: spec.statuses.awayOther, state: 'busy' }] } },
      });
      expect(error).toBeUndefined();
      const byId = new Map(json(items).map((p) => [p.agentId, p]));
      expect(byId.get(ids[0])!.state).toBe('busy');
      expect(byId.get(ids[1])!.state).toBe('away');
      expect(byId.get(ids[1])!.raw).toBeDefined();
    });

    it('Set changes the presence at the vendor and returns the new presence', async () => {
      const agentId = agents[6]!;
      set(agentId, spec.statuses.available);
      const { items, error } = await run({
        resource: 'agentPresence',
        operation: 'set',
        agent: { __rl: true, mode: 'id', value: agentId },
        status: { __rl: true, mode: 'list', value: spec.statuses.awayOther },
      });
      expect(error).toBeUndefined();
      expect(json(items)[0]).toMatchObject({ agentId, state: 'away', status: { id: spec.statuses.awayOther } });
      expect(stateOf(agentId).statusId).toBe(spec.statuses.awayOther);
      const last = sim.control.timeline({ vendor, agentId }).entries.at(-1)!;
      expect(last).toMatchObject({ source: 'api', statusId: spec.statuses.awayOther });
    });

    it('Set sets its items at once (up to Max Concurrent Requests), in item order, each paired, with the presence before and after', async () => {
      const ids = agents.slice(0, 6);
      for (const id of ids) set(id, spec.statuses.available);
      const input = [...ids.slice(0, 3).map((id) => ({ id })), { id: spec.unknownAgentId }, ...ids.slice(3).map((id) => ({ id }))];
      const params = {
        resource: 'agentPresence',
        operation: 'set',
        agent: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
        status: { __rl: true, mode: 'id', value: spec.statuses.away },
        options: { concurrency: 3 },
      };
      sim.control.config({ latencyMs: 30 });
      sim.control.resetCounters();
      const { items, error } = await run(params, input, { continueOnFail: true });
      expect(error).toBeUndefined();
      expect(sim.control.counters().peakInFlight[vendor]).toBe(3);
      expect(items.map((i) => i.pairedItem)).toEqual(input.map((_, item) => ({ item })));
      expect(json(items).map((p) => p.agentId)).toEqual(input.map((x) => x.id));
      for (const id of ids) expect(stateOf(id).statusId).toBe(spec.statuses.away);
      expect(json(items)[0]).toMatchObject({ state: 'away', changed: true, dryRun: false, previous: { agentId: ids[0], state: 'available', name: nameOf(ids[0]!) } });
      expect(json(items)[3]).toMatchObject({ agentId: spec.unknownAgentId, httpStatus: 404, vendor, error: expect.stringContaining('404') });
      // Without continue-on-fail the vendor's refusal fails the node, naming its item.
      const failed = await run(params, input);
      expect(failed.error!.httpCode).toBe('404');
      expect(failed.error!.context?.itemIndex).toBe(3);
    });

    it('Set with Dry Run reads and says who would change, setting nothing', async () => {
      const [a, b] = [agents[7]!, agents[8]!];
      set(a, spec.statuses.available);
      set(b, spec.statuses.away);
      sim.control.resetCounters();
      const { items, error } = await run(
        { resource: 'agentPresence', operation: 'set', agent: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, status: { __rl: true, mode: 'id', value: spec.statuses.away }, options: { dryRun: true } },
        [{ id: a }, { id: b }],
      );
      expect(error).toBeUndefined();
      expect(json(items).map((p) => [p.agentId, p.changed, p.dryRun, p.state])).toEqual([
        [a, true, true, 'available'],
        [b, false, true, 'away'],
      ]);
      expect(stateOf(a).statusId).toBe(spec.statuses.available);
      expect(Object.keys(sim.control.counters().byEndpoint).filter((k) => k.startsWith(vendor) && /\b(PUT|PATCH|POST) /.test(k) && !k.includes('token'))).toEqual([]);
    });

    it('Set Many sets one status for the agents now in given states, with no Get Many before it', async () => {
      for (const [n, id] of agents.entries()) set(id, n % 3 === 0 ? spec.statuses.away : spec.statuses.available);
      const away = agents.filter((_, n) => n % 3 === 0);
      const params = {
        resource: 'agentPresence',
        operation: 'setMany',
        source: 'all',
        status: { __rl: true, mode: 'list', value: spec.statuses.offline.id },
        filters: { states: ['away'] },
      };
      const dry = await run({ ...params, options: { dryRun: true } });
      expect(dry.error).toBeUndefined();
      expect(json(dry.items).map((p) => p.agentId).sort()).toEqual([...away].sort());
      expect(json(dry.items).every((p) => p.dryRun === true && p.changed === true && p.state === 'away')).toBe(true);
      expect(agents.filter((id) => stateOf(id).statusId === spec.statuses.offline.id)).toEqual([]);

      const { items, error } = await run(params);
      expect(error).toBeUndefined();
      expect(json(items).map((p) => p.agentId).sort()).toEqual([...away].sort());
      for (const p of json(items)) expect(p).toMatchObject({ status: { id: spec.statuses.offline.id }, changed: true, dryRun: false, previous: { state: 'away' }, name: nameOf(p.agentId as string) });
      for (const id of agents) expect(stateOf(id).statusId).toBe(away.includes(id) ? spec.statuses.offline.id : spec.statuses.available);
      expect(items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
    });

    it('Set Many of given ids: one item per agent, the vendor\'s error for an agent it refuses as continue-on-fail expects', async () => {
      const ids = [agents[9]!, spec.unknownAgentId, agents[10]!];
      const params = { resource: 'agentPresence', operation: 'setMany', source: 'ids', agentIds: ids, status: { __rl: true, mode: 'id', value: spec.statuses.awayOther } };
      const { items, error } = await run(params, undefined, { continueOnFail: true });
      expect(error).toBeUndefined();
      expect(json(items).map((p) => p.agentId)).toEqual(ids);
      expect(json(items)[1]).toMatchObject({ httpStatus: 404, vendor, error: expect.stringContaining('404') });
      expect(stateOf(agents[10]!).statusId).toBe(spec.statuses.awayOther);
      const failed = await run(params);
      expect(failed.error!.httpCode).toBe('404');
      const bad = await run({ ...params, agentIds: [agents[9]!, spec.badAgentId] });
      expect(bad.error!.message).toMatch(/^Agent IDs, item 2: /);
    });

    it('every item names its agent, and Get, Get Many and Set give the same fields', async () => {
      const agentId = agents[6]!;
      const get = await run({ resource: 'agentPresence', operation: 'get', agent: { __rl: true, mode: 'id', value: agentId } });
      const many = await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true });
      const given = await run({ resource: 'agentPresence', operation: 'getMany', source: 'ids', agentIds: [agents[1]!, agents[2]!], returnAll: true });
      const setItem = await run({
        resource: 'agentPresence',
        operation: 'set',
        agent: { __rl: true, mode: 'id', value: agentId },
        status: { __rl: true, mode: 'id', value: spec.statuses.away },
      });
      const all = [...get.items, ...many.items, ...given.items, ...setItem.items].map((i) => i.json);
      expect(all).toHaveLength(1 + agents.length + 2 + 1);
      // Set adds the presence before it, whether the status changed, and whether it was a dry run.
      expect(Object.keys(setItem.items[0]!.json)).toEqual([...presenceKeys, 'previous', 'changed', 'dryRun']);
      expect(Object.keys(setItem.items[0]!.json.previous as IDataObject)).toEqual(presenceKeys);
      for (const p of all) {
        expect(Object.keys(p).slice(0, presenceKeys.length)).toEqual(presenceKeys);
        expect(p.name).toBe(nameOf(p.agentId as string));
        expect(p.email).toEqual(expect.stringContaining('@'));
      }
      expect(json(given.items).map((p) => p.agentId).sort()).toEqual([agents[1], agents[2]].sort());
    });

    it('naming agents costs no request per agent: the user list is read once for many Gets', async () => {
      sim.control.resetCounters();
      const ids = agents.slice(0, 5);
      const { items, error } = await run({ resource: 'agentPresence', operation: 'get', agent: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, ids.map((id) => ({ id })));
      expect(error).toBeUndefined();
      expect(json(items).map((p) => p.name)).toEqual(ids.map(nameOf));
      // Vonage asks for its first two user pages at once (see listAgents).
      expect(sim.control.counters().byEndpoint[rosterEndpoint[vendor]] ?? 0).toBeLessThanOrEqual(vendor === 'vonage' ? 2 : 1);
    });

    it('the agent picker lists agents by name; Given IDs takes the picked ids', async () => {
      const options = await h.loadOptions(spec.actionNode, 'listAgents');
      expect(options.map((o) => o.value).sort()).toEqual([...agents].sort());
      const first = options.find((o) => o.value === agents[0])!;
      expect(first.name).toBe(`${nameOf(agents[0]!)} (${agents[0]})`);
    });

    it('an empty State Mapping row is ignored, not an error', async () => {
      const id = agents[4]!;
      set(id, spec.statuses.awayOther);
      const { items, error } = await run({
        resource: 'agentPresence',
        operation: 'getMany',
        source: 'ids',
        agentIds: id,
        returnAll: true,
        options: { stateMapping: { mappings: [{ match: '', state: 'away' }, { match: spec.statuses.awayOther, state: 'busy' }, { match: '  ', state: 'offline' }] } },
      });
      expect(error).toBeUndefined();
      expect(json(items)[0]!.state).toBe('busy');
    });

    if (spec.teams) {
      it('Get Many of all agents can be limited to teams, picked from the list of teams', async () => {
        const teams = await h.loadOptions(spec.actionNode, 'listTeams');
        expect(teams.length).toBeGreaterThan(1);
        const team = teams[0]!;
        // Ground truth: the vendor's own user list.
        const res = await fetch(`${sim.vendors.cirrus.baseUrl}/managers`, { headers: { Authorization: `Bearer ${sim.credentials.cirrus.apiKey}` } });
        // Ids above 2^53 (the simulator has one) read as their source text, not as a rounded number.
        const exact = (key: string, value: unknown, context?: { source?: string }) => (key === 'id' && typeof value === 'number' ? (context?.source ?? value) : value);
        const managers = (JSON.parse(await res.text(), exact as never) as { object: Array<{ id: unknown; teamId: unknown }> }).object;
        const inTeam = managers.filter((m) => String(m.teamId) === team.value && agents.includes(String(m.id))).map((m) => String(m.id));
        expect(inTeam.length).toBeGreaterThan(0);
        const { items, error } = await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', teams: [team.value], returnAll: true });
        expect(error).toBeUndefined();
        expect(json(items).map((p) => p.agentId).sort()).toEqual(inTeam.sort());
      });
    }

    it('Status > Get Many lists the vendor statuses with their common state', async () => {
      const { items } = await run({ resource: 'status', operation: 'getMany', returnAll: true });
      const byId = new Map(json(items).map((s) => [s.id, s.state]));
      expect(byId.get(spec.statuses.available)).toBe('available');
      expect(byId.get(spec.statuses.away)).toBe('away');
      expect(byId.get(spec.statuses.offline.id)).toBe(spec.statuses.offline.state);
    });

    it('the resource locators list agents and statuses, filtered by the search text', async () => {
      const found = await h.listSearch(spec.actionNode, 'searchAgents');
      expect(found.results.map((r) => r.value).sort()).toEqual([...agents].sort());
      const one = await h.listSearch(spec.actionNode, 'searchAgents', agents[0]!);
      expect(one.results.map((r) => r.value)).toEqual([agents[0]]);
      const statuses = await h.listSearch(spec.actionNode, 'searchStatuses');
      expect(statuses.results.map((r) => r.value)).toEqual(expect.arrayContaining([spec.statuses.available, spec.statuses.away]));
    });

    it('a vendor error keeps its code and message; continueOnFail turns it into an error item', async () => {
      const params = { resource: 'agentPresence', operation: 'get', agent: { __rl: true, mode: 'id', value: '={{ $json.id }}' } };
      const failed = await run(params, [{ id: spec.unknownAgentId }]);
      expect(failed.error).toBeDefined();
      expect(failed.error!.httpCode).toBe('404');
      expect(failed.error!.message).toContain('404');
      const cont = await run(params, [{ id: agents[0] }, { id: spec.unknownAgentId }], { continueOnFail: true });
      expect(cont.error).toBeUndefined();
      expect(json(cont.items)[0]).toMatchObject({ agentId: agents[0] });
      expect(json(cont.items)[1]).toMatchObject({ error: expect.stringContaining('404'), httpStatus: 404, vendor: vendor });
      expect(cont.items[1]!.pairedItem).toEqual({ item: 1 });
    });

    it('bad input is a NodeOperationError naming the field by its label, said once, items counted from 1, sent to no one', async () => {
      sim.control.resetCounters();
      // Through an expression, so n8n's own parameter check (the locator's regex) cannot stop it first.
      const { error } = await run({ resource: 'agentPresence', operation: 'get', agent: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, [{ id: spec.badAgentId }]);
      expect(error!.message).toMatch(/^Agent: "/);
      expect(error!.message).toContain(`"${spec.badAgentId}" is not a`);
      expect(error!.message).not.toMatch(/agentId/);
      expect(error!.description).toBeTruthy();
      expect(error!.message).not.toContain(error!.description);
      expect(error!.name).toBe('NodeOperationError');
      const vendorRequests = Object.keys(sim.control.counters().byEndpoint).filter((k) => k.startsWith(vendor) && !k.includes('token'));
      expect(vendorRequests).toEqual([]);
      const second = await run({ resource: 'agentPresence', operation: 'get', agent: { __rl: true, mode: 'id', value: '={{ $json.id }}' } }, [{ id: agents[0] }, { id: spec.badAgentId }]);
      expect(second.error!.message).toMatch(/^Agent \(item 2\): /);
    });

    it('a persistent 503 surfaces as the vendor error after retries', async () => {
      sim.control.addFault({ vendor, endpoint: '*', kind: '503' });
      const { error } = await run({ resource: 'status', operation: 'getMany', returnAll: true });
      expect(error!.httpCode).toBe('503');
      expect(error!.message).toMatch(/503/);
    });

    it('a transient 429 with Retry-After is waited out', async () => {
      sim.control.addFault({ vendor, endpoint: '*', kind: '429', count: 1, retryAfterSeconds: 1 });
      const started = Date.now();
      const { error, items } = await run({ resource: 'status', operation: 'getMany', returnAll: true });
      expect(error).toBeUndefined();
      expect(items.length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    });

    it(spec.oauth ? 'an expired token is refreshed and the call succeeds' : 'a revoked key is a 401 naming the credential', async () => {
      await run({ resource: 'status', operation: 'getMany', returnAll: true });
      const before = h.credentialsHelper.tokenUpdates.length;
      if (spec.oauth) {
        sim.control.addFault({ vendor, endpoint: '*', kind: 'token-expiry', count: 1 });
        const { error, items } = await run({ resource: 'status', operation: 'getMany', returnAll: true });
        expect(error).toBeUndefined();
        expect(items.length).toBeGreaterThan(0);
        expect(h.credentialsHelper.tokenUpdates.length).toBe(before + 1);
      } else {
        // n8n retries a 401 once itself; a key that stays refused is the user's to fix.
        sim.control.addFault({ vendor, endpoint: '*', kind: 'token-expiry' });
        const { error } = await run({ resource: 'status', operation: 'getMany', returnAll: true });
        expect(error!.httpCode).toBe('401');
        expect(error!.description).toMatch(/credentials/i);
      }
    });

    it('no secret appears in outputs or errors', async () => {
      const secret = spec.secretOf(sim);
      const outputs = [
        await run({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true, options: { includeRaw: true } }),
        await run({ resource: 'agentPresence', operation: 'get', agent: { __rl: true, mode: 'id', value: spec.unknownAgentId } }),
      ];
      const tokens = h.credentialsHelper.tokenUpdates.map((t) => String(t.accessToken));
      const text = JSON.stringify(outputs.map((o) => ({ items: o.items, error: o.error })));
      expect(text).not.toContain(secret);
      for (const token of tokens) expect(text).not.toContain(token);
      expect(text).not.toMatch(/Bearer [A-Za-z0-9]/);
    });
  });

  describe(`${vendor} polling trigger`, () => {
    const base = { watch: 'all', events: ['stateChanged', 'statusChanged'], onlyStates: [] };

    it('stores a baseline first, then emits one item per change, and null when nothing changed', async () => {
      const p = h.poller(spec.triggerNode, base);
      for (const a of agents) set(a, spec.statuses.available);
      expect(await p.poll()).toBeNull();
      const snapshotBytes = JSON.stringify(p.staticData).length;
      expect(snapshotBytes / agents.length).toBeLessThan(160);
      expect(await p.poll()).toBeNull();

      set(agents[0]!, spec.statuses.away);
      set(agents[1]!, spec.statuses.offline.id);
      const out = await p.poll();
      const changes = json(out![0]!);
      expect(changes.map((c) => c.agentId).sort()).toEqual([agents[0], agents[1]].sort());
      const first = changes.find((c) => c.agentId === agents[0])!;
      expect(first).toMatchObject({
        event: 'changed',
        name: nameOf(agents[0]!),
        vendor: vendor,
        current: { name: nameOf(agents[0]!), state: 'away', status: { id: spec.statuses.away } },
        previous: { state: 'available' },
      });
      expect(Object.keys(first.current as IDataObject)).toEqual(presenceKeys);
      // Without the vendor's time of change, the trigger's first sight of the status is given, marked as such.
      if (vendor === 'cirrus') {
        expect(first.current).toMatchObject({ since: first.observedAt, sinceSource: 'observed' });
        expect(first.previous).toMatchObject({ since: expect.any(String), sinceSource: 'observed' });
      } else {
        expect((first.current as IDataObject).sinceSource).toBe('vendor');
      }
      expect(typeof first.durationInPreviousMs).toBe('number');
      expect(typeof first.observedAt).toBe('string');
      expect(await p.poll()).toBeNull();
    });

    it('polls on an n8n without getPollBudgetMs (before 2.38.0): baseline, the changes, then null', async () => {
      const p = h.poller(spec.triggerNode, base, { withoutPollBudget: true });
      for (const a of agents) set(a, spec.statuses.available);
      expect(await p.poll()).toBeNull();
      set(agents[2]!, spec.statuses.away);
      const out = await p.poll();
      expect(json(out![0]!)).toEqual([expect.objectContaining({ event: 'changed', agentId: agents[2], current: expect.objectContaining({ state: 'away' }) })]);
      expect(await p.poll()).toBeNull();
    });

    it('reads with Options > Max Concurrent Requests', async () => {
      sim.control.config({ latencyMs: 30 });
      const p = h.poller(spec.triggerNode, { ...base, options: { concurrency: 2 } });
      sim.control.resetCounters();
      expect(await p.poll()).toBeNull();
      if (vendor !== 'vonage') expect(sim.control.counters().peakInFlight[vendor]).toBe(2);
      else expect(sim.control.counters().byEndpoint['vonage GET /agents/presences/users']).toBe(1);
    });

    it('filters by event kind and by new state', async () => {
      for (const a of agents) set(a, spec.statuses.away);
      const onlyStatus = h.poller(spec.triggerNode, { ...base, events: ['statusChanged'] });
      const onlyWorking = h.poller(spec.triggerNode, { ...base, onlyStates: ['available', 'busy'] });
      await onlyStatus.poll();
      await onlyWorking.poll();
      set(agents[2]!, spec.statuses.awayOther); // a status change within "away"
      set(agents[3]!, spec.statuses.available); // a state change
      const s1 = json((await onlyStatus.poll())![0]!);
      expect(s1).toEqual([
        expect.objectContaining({ agentId: agents[2], previous: expect.objectContaining({ state: 'away' }), current: expect.objectContaining({ state: 'away' }) }),
      ]);
      const w1 = json((await onlyWorking.poll())![0]!);
      expect(w1.map((c) => c.agentId)).toEqual([agents[3]]);
      set(agents[4]!, spec.statuses.offline.id);
      expect(await onlyWorking.poll()).toBeNull();
    });

    it('reports agents that appear and disappear', async () => {
      const p = h.poller(spec.triggerNode, { ...base, events: ['appeared', 'disappeared'] });
      await p.poll();
      sim.control.reset({ agents: 14, seed: 7 });
      const grown = sim.control.agents(vendor).agentIds;
      const added = grown.filter((a) => !agents.includes(a));
      expect(added).toHaveLength(2);
      const appeared = json((await p.poll())![0]!);
      expect(appeared.map((c) => [c.event, c.agentId]).sort()).toEqual(added.map((a) => ['appeared', a]).sort());
      sim.control.reset({ agents: 12, seed: 7 });
      const gone = json((await p.poll())![0]!);
      expect(gone.map((c) => [c.event, c.agentId]).sort()).toEqual(added.map((a) => ['disappeared', a]).sort());
      expect(gone[0]).toMatchObject({ current: null, previous: expect.objectContaining({ state: expect.any(String) }) });
      // Gone from the user list, still named: the list read before named them.
      for (const c of [...appeared, ...gone]) expect(c.name).toEqual(expect.any(String));
    });

    it('emits the current presences on the first run when asked, and a manual run never moves the stored state', async () => {
      const p = h.poller(spec.triggerNode, { ...base, options: { emitOnStart: true } });
      const sample = json((await p.poll('manual'))![0]!);
      expect(sample.length).toBeGreaterThan(0);
      expect(p.staticData).toEqual({});
      const first = json((await p.poll())![0]!);
      expect(first).toHaveLength(agents.length);
      expect(first.every((c) => c.event === 'appeared' && c.name === nameOf(c.agentId as string))).toBe(true);
      expect(await p.poll()).toBeNull();
    });

    it('Fetch Test Event shows an example change built from a real agent, labelled, before anything was stored', async () => {
      const p = h.poller(spec.triggerNode, base);
      const out = json((await p.poll('manual'))![0]!);
      expect(out).toHaveLength(1);
      const [item] = out;
      const sampled = Math.min(10, agents.length);
      expect(item).toMatchObject({ event: 'changed', vendor: vendor, name: nameOf(item!.agentId as string), testEvent: { sample: `sample of ${sampled} agents`, example: true } });
      const truth = stateOf(item!.agentId as string);
      expect((item!.current as IDataObject).status).toMatchObject({ id: truth.statusId });
      // Events = State Changed: the made-up previous status is of another state.
      expect((item!.previous as IDataObject).state).not.toBe((item!.current as IDataObject).state);
      expect(String((item!.testEvent as IDataObject).note)).toMatch(/example/i);
      expect(p.staticData).toEqual({});
    });

    it('Fetch Test Event shows a real change against what the published trigger stored, and leaves it to publish', async () => {
      const p = h.poller(spec.triggerNode, base);
      for (const a of agents) set(a, spec.statuses.available);
      expect(await p.poll()).toBeNull();
      const sampledAgent = [...agents].sort()[0]!;
      set(sampledAgent, spec.statuses.away);
      const stored = JSON.stringify(p.staticData);
      const test = json((await p.poll('manual'))![0]!);
      expect(test).toEqual([
        expect.objectContaining({ event: 'changed', agentId: sampledAgent, name: nameOf(sampledAgent), previous: expect.objectContaining({ state: 'available' }), testEvent: expect.objectContaining({ example: false, sample: `sample of ${Math.min(10, agents.length)} agents` }) }),
      ]);
      expect(JSON.stringify(p.staticData)).toBe(stored);
      const published = json((await p.poll())![0]!);
      expect(published.map((c) => c.agentId)).toEqual([sampledAgent]);
      expect(published[0]!.testEvent).toBeUndefined();
    });

    if (spec.teams) {
      it('watches only the agents of the picked teams', async () => {
        const [team] = await h.loadOptions(spec.triggerNode, 'listTeams');
        const p = h.poller(spec.triggerNode, { ...base, teams: [team!.value] });
        for (const a of agents) set(a, spec.statuses.available);
        await p.poll();
        for (const a of agents) set(a, spec.statuses.away);
        const out = json((await p.poll())![0]!);
        const expected = (await h.runAction(spec.actionNode, { resource: 'agentPresence', operation: 'getMany', source: 'all', teams: [team!.value], returnAll: true } as never)).items.map((i) => i.json.agentId);
        expect(out.map((c) => c.agentId).sort()).toEqual([...expected].sort());
        expect(out.length).toBeLessThan(agents.length);
      });
    }

    it('watches only the given ids, picked (a list) or typed before the picker (a string)', async () => {
      const watched = [agents[7]!, agents[8]!];
      const picked = h.poller(spec.triggerNode, { ...base, watch: 'ids', agentIds: watched });
      const typed = h.poller(spec.triggerNode, { ...base, watch: 'ids', agentIds: watched.join(', ') });
      for (const a of agents) set(a, spec.statuses.available);
      await picked.poll();
      await typed.poll();
      for (const a of agents) set(a, spec.statuses.away);
      for (const p of [picked, typed]) {
        const out = json((await p.poll())![0]!);
        expect(out.map((c) => c.agentId).sort()).toEqual([...watched].sort());
        expect(out.map((c) => c.name)).toEqual(out.map((c) => nameOf(c.agentId as string)));
      }
    });

    it('a failed poll stores nothing, so its changes come with the next poll', async () => {
      const p = h.poller(spec.triggerNode, base);
      for (const a of agents) set(a, spec.statuses.available);
      await p.poll();
      const stored = JSON.stringify(p.staticData);
      set(agents[9]!, spec.statuses.away);
      sim.control.addFault({ vendor, endpoint: '*', kind: '500' });
      await expect(p.poll()).rejects.toThrow(/500/);
      expect(JSON.stringify(p.staticData)).toBe(stored);
      sim.control.clearFaults();
      const out = json((await p.poll())![0]!);
      expect(out.map((c) => c.agentId)).toEqual([agents[9]]);
    });

    describe('In a State Too Long', () => {
      const threshold = 0.1; // minutes: 6 s, so the suite waits it out for real
      const tooLong = { ...base, events: ['tooLong'], tooLongStates: [], tooLongStatuses: { thresholds: [{ status: spec.statuses.away, minutes: threshold }] }, tooLongRepeatMinutes: 0 };
      const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      /** Moves the simulator's paused clock to the wall clock: a status set now begins now. */
      const catchUp = () => sim.control.advance(Math.max(0, Date.now() - sim.control.time().nowMs));
      // The simulator's clock, paused, stands at the wall clock n8n measures durations with.
      beforeEach(() => {
        sim.control.reset({ agents: 12, seed: 7, startTime: Date.now() });
        for (const a of agents) set(a, spec.statuses.available);
      });
      afterAll(() => sim.control.reset({ agents: 12, seed: 7, startTime: '2025-01-06T09:00:00.000Z' }));

      it('fires once per stint past its threshold, with since and duration, survives a restart, and again for a new stint', async () => {
        const agentId = agents[3]!;
        set(agentId, spec.statuses.away);
        const stintStart = Date.parse(stateOf(agentId).since ?? sim.control.time().now);
        const p = h.poller(spec.triggerNode, tooLong);
        expect(await p.poll()).toBeNull();
        await wait(threshold * 60_000 + 1000);
        const fired = json((await p.poll())![0]!);
        expect(fired).toEqual([expect.objectContaining({ event: 'tooLong', agentId, name: nameOf(agentId), vendor, repeat: 0, thresholdMs: threshold * 60_000 })]);
        const [item] = fired;
        expect(item!.eventId).toMatch(/^[0-9a-f]{32}$/);
        expect((item!.current as IDataObject).status).toMatchObject({ id: spec.statuses.away });
        expect(item!.durationMs).toBeGreaterThanOrEqual(threshold * 60_000);
        expect(item!.durationMinutes).toBe(0);
        // Vendors that date a status give its start; Cirrus does not: the first poll that saw it.
        if (vendor === 'cirrus') expect(item).toMatchObject({ sinceSource: 'observed' });
        else expect(item).toMatchObject({ sinceSource: 'vendor', since: new Date(stintStart).toISOString() });
        expect(await p.poll()).toBeNull();
        // A restart (the same static data in a new process) and a re-activation fire nothing more.
        const restarted = h.poller(spec.triggerNode, tooLong);
        Object.assign(restarted.staticData, JSON.parse(JSON.stringify(p.staticData)));
        expect(await restarted.poll()).toBeNull();
        // Compact: only the stint reported is kept, beside the snapshot.
        expect(Object.keys((p.staticData.tooLong as IDataObject).a as IDataObject)).toEqual([agentId]);
        // A new stint of the same status fires again, under a new eventId.
        set(agentId, spec.statuses.available);
        expect(await restarted.poll()).toBeNull();
        catchUp();
        set(agentId, spec.statuses.away);
        expect(await restarted.poll()).toBeNull();
        await wait(threshold * 60_000 + 1000);
        const again = json((await restarted.poll())![0]!);
        expect(again.map((c) => [c.event, c.agentId, c.repeat])).toEqual([['tooLong', agentId, 0]]);
        expect(again[0]!.eventId).not.toBe(item!.eventId);
      }, 30_000);

      it('an agent already in the state when published fires once past the threshold; Repeat Every fires again while it lasts', async () => {
        const agentId = agents[4]!;
        set(agentId, spec.statuses.away);
        const p = h.poller(spec.triggerNode, { ...tooLong, events: ['stateChanged', 'tooLong'], tooLongRepeatMinutes: threshold });
        expect(await p.poll()).toBeNull();
        await wait(threshold * 60_000 + 1000);
        const first = json((await p.poll())![0]!);
        expect(first.map((c) => [c.event, c.agentId, c.repeat])).toEqual([['tooLong', agentId, 0]]);
        await wait(threshold * 60_000 + 1000);
        catchUp();
        set(agents[5]!, spec.statuses.away);
        const second = json((await p.poll())![0]!);
        // The state change of another agent and the repeat come in one poll.
        expect(second.map((c) => [c.event, c.agentId])).toEqual([['changed', agents[5]], ['tooLong', agentId]]);
        expect(second[1]!.repeat).toBeGreaterThanOrEqual(1);
        expect(second[1]!.eventId).not.toBe(first[0]!.eventId);
      }, 30_000);

      it('a watched state with per-status thresholds; nothing to watch is an error naming the field', async () => {
        const p = h.poller(spec.triggerNode, { ...tooLong, tooLongStates: ['away'], tooLongMinutes: 60 });
        set(agents[6]!, spec.statuses.awayOther); // away, but under the state's 60 minutes
        set(agents[7]!, spec.statuses.away); // its own 3 s
        expect(await p.poll()).toBeNull();
        await wait(threshold * 60_000 + 1000);
        expect(json((await p.poll())![0]!).map((c) => c.agentId)).toEqual([agents[7]]);
        const none = h.poller(spec.triggerNode, { ...tooLong, tooLongStatuses: {} });
        await expect(none.poll()).rejects.toThrow(/Too Long In/);
      }, 30_000);

      it('Fetch Test Event shows an example report, labelled, and stores nothing', async () => {
        const p = h.poller(spec.triggerNode, tooLong);
        const [item] = json((await p.poll('manual'))![0]!);
        expect(item).toMatchObject({ event: 'tooLong', vendor, testEvent: { example: true } });
        expect(p.staticData).toEqual({});
      });
    });

    it('sweeps agents across polls when one poll cannot read them all, losing and repeating nothing', async () => {
      sim.control.reset({ agents: spec.sweep.agents, seed: 11 });
      const all = sim.control.agents(vendor).agentIds;
      for (const a of all) set(a, spec.statuses.available);
      sim.control.config({ latencyMs: spec.sweep.latencyMs });
      const p = h.poller(spec.triggerNode, base, { budgetMs: spec.sweep.budgetMs });
      let polls = 0;
      let partial = 0;
      // On a loaded machine every read of a poll may time out: that poll fails and stores nothing, and
      // the next one goes on. A few are allowed; what is emitted in the end must still be exact.
      let failedPolls = 0;
      // A poll that cannot read at all (the machine too busy to list the agents in its budget) moves nothing: more polls, then.
      const maxPolls = 200;
      const poll = () => p.poll().catch((error: unknown) => {
        if (++failedPolls > 10) throw error;
        return null;
      });
      // Baseline: nothing is emitted until a whole sweep is done.
      do {
        expect(await poll()).toBeNull();
        polls++;
        if ((p.staticData as IDataObject).after) partial++;
      } while ((p.staticData as IDataObject).baseline !== false && polls < maxPolls);
      expect(partial).toBeGreaterThan(0);
      // Change a spread of agents, some twice before they are read.
      const changed = all.filter((_, i) => i % 3 === 0);
      for (const a of changed) set(a, spec.statuses.away);
      const seen: string[] = [];
      for (let i = 0; i < maxPolls; i++) {
        const out = await poll();
        if (out) seen.push(...json(out[0]!).map((c) => c.agentId as string));
        // A sweep ends when `after` is null; a read that timed out (a loaded machine) is read again in the next sweep.
        const sweepEnded = !(p.staticData as IDataObject).after && i > 0;
        if (sweepEnded && changed.every((a) => seen.includes(a))) break;
      }
      expect([...seen].sort()).toEqual([...changed].sort());
      expect(new Set(seen).size).toBe(seen.length);
      sim.control.config({ latencyMs: 0 });
      sim.control.reset({ agents: 12, seed: 7 });
    }, 60_000);
  });
}
