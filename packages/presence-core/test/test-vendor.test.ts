// A fifth vendor that exists only in tests ("acme", folder test/vendors/acme: its schemas,
// definition, client and a fake API) goes through the core like a shipped one once it is
// registered: the one line below is all the core needs. CONTRIBUTING.md, Adding a vendor,
// lists what a shipped vendor adds besides.
import { VendorApiError, ContractError, InputError, detectChanges, normalizePresence, parseVendorError, setPresenceMany, validateAgentId, validateStatusId, type AgentPresence } from '../src';
import { createUndiciTransport, type UndiciTransport } from '../src/transports/undici';
import { vendorDefinition, registerTestVendor } from '../src/vendors/registry';
import { concurrencyOf } from '../src/vendors/client';
import { startAcmeApi, type AcmeAgent } from './vendors/acme/api';
import { acme, acmeVendor } from './vendors/acme/vendor';

const unregister = registerTestVendor(acmeVendor);

const agents = (): AcmeAgent[] =>
  Array.from({ length: 7 }, (_, i) => ({ id: `ag-${i + 1}`, name: `Agent ${i + 1}`, code: i % 2 ? 'BRK' : 'RDY', since: '2026-03-01T09:00:00.000Z' }));

let api: Awaited<ReturnType<typeof startAcmeApi>>;
let transport: UndiciTransport;
beforeAll(async () => {
  api = await startAcmeApi(agents(), () => Date.parse('2026-03-01T10:00:00.000Z'));
  transport = createUndiciTransport({ timeoutMs: 5000 });
});
afterAll(async () => {
  await transport.close();
  await api.close();
  unregister();
});

const client = () => vendorDefinition(acme).createClient({ transport, baseUrl: api.url });

describe('a registered test-only vendor', () => {
  it('checks its ids by its own rules, naming the field and the fix', () => {
    expect(validateAgentId(acme, ' ag-7 ')).toBe('ag-7');
    expect(validateStatusId(acme, 'BRK')).toBe('BRK');
    expect(() => validateAgentId(acme, '7', 'agentIds, item 2')).toThrow('agentIds, item 2: "7" is not a valid Acme agent id');
    expect(() => validateStatusId(acme, 'brk')).toThrow(InputError);
    expect(concurrencyOf(acme)).toBe(2);
  });

  it('normalises its records, and names a broken field in its own name', () => {
    expect(normalizePresence(acme, { agent: 'ag-1', status: { code: 'LUN', label: 'Lunch', kind: 'paused' } })).toEqual({
      vendor: 'acme', agentId: 'ag-1', name: null, email: null, state: 'away', status: { id: 'LUN', name: 'Lunch', category: 'paused' }, since: null, sinceSource: null, activity: null,
    });
    expect(() => normalizePresence(acme, { agent: 'ag-1', status: { code: 'LUN', label: 'Lunch', kind: 'asleep' } })).toThrow(ContractError);
    expect(() => normalizePresence(acme, { agent: 'ag-1' })).toThrow(/^Acme Presence sent an unexpected response: field "status"/);
  });

  it('reads its error bodies, keeping its code and message', () => {
    expect(parseVendorError(acme, 404, { error: { code: 'NO_AGENT', text: 'agent ag-99 does not exist' } })).toEqual({ code: 'NO_AGENT', message: 'agent ag-99 does not exist' });
  });

  it('reads many agents in its chunks, at its default concurrency, reporting the unknown as missing', async () => {
    api.requests.length = 0;
    const ids = [...api.agents.keys(), 'ag-99'];
    const batch = await client().getPresences(ids);
    expect(batch.presences.map((p) => [p.agentId, p.state])).toEqual([...api.agents.values()].map((a) => [a.id, a.code === 'BRK' ? 'away' : 'available']));
    expect(batch.missing).toEqual(['ag-99']);
    expect(api.requests.map((r) => r.query.get('agents'))).toEqual(['ag-1,ag-2,ag-3', 'ag-4,ag-5,ag-6', 'ag-7,ag-99']);
  });

  it('lists agents and statuses, sets a presence, and its vendor errors keep its code', async () => {
    const c = client();
    expect((await c.listAgents()).map((a) => a.agentId)).toEqual([...api.agents.keys()]);
    expect((await c.listStatuses()).map((s) => [s.id, s.state])).toEqual([['RDY', 'available'], ['CALL', 'busy'], ['BRK', 'away'], ['LUN', 'away'], ['OFF', 'offline']]);
    expect(await c.setPresence('ag-3', 'LUN')).toMatchObject({ vendor: 'acme', agentId: 'ag-3', state: 'away', since: '2026-03-01T10:00:00.000Z', sinceSource: 'vendor' });
    const error = await c.setPresence('ag-404', 'LUN').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({ vendor: 'acme', httpStatus: 404, code: 'NO_AGENT', message: 'Acme Presence API error 404 NO_AGENT: agent ag-404 does not exist (PUT /agents/{id}/presence)' });
  });

  it('sets many at once through the core, each agent once', async () => {
    const results = await setPresenceMany(client(), ['ag-1', 'ag-2', 'ag-1', 'ag-404'], 'OFF');
    expect(results.map((r) => [r.agentId, r.ok])).toEqual([['ag-1', true], ['ag-2', true], ['ag-404', false]]);
    expect(api.agents.get('ag-2')!.code).toBe('OFF');
  });

  it('detects changes between polls, its snapshot surviving JSON as n8n stores it', async () => {
    const c = client();
    const poll = async () => (await c.getPresences([...api.agents.keys()])).presences as AgentPresence[];
    const first = detectChanges(undefined, await poll(), { observedAt: '2026-03-01T10:00:00.000Z' });
    expect(first.changes).toEqual([]);
    api.agents.get('ag-5')!.code = 'CALL';
    const stored = JSON.parse(JSON.stringify(first.snapshot));
    const second = detectChanges(stored, await poll(), { observedAt: '2026-03-01T10:01:00.000Z' });
    expect(second.changes).toEqual([expect.objectContaining({ event: 'changed', vendor: 'acme', agentId: 'ag-5', eventId: expect.any(String), current: expect.objectContaining({ state: 'busy' }) })]);
    const again = detectChanges(stored, await poll(), { observedAt: '2026-03-01T10:01:30.000Z' });
    expect(again.changes.map((ch) => ch.eventId)).toEqual(second.changes.map((ch) => ch.eventId));
  });

  it('is known only while registered, and cannot take a shipped vendor\'s id', () => {
    expect(() => registerTestVendor({ ...acmeVendor, id: 'cirrus' })).toThrow(/already/);
    expect(() => registerTestVendor(acmeVendor)).toThrow(/already/);
    unregister();
    expect(() => validateAgentId(acme, 'ag-1')).toThrow('Use cirrus, vonage or talkdesk.');
    registerTestVendor(acmeVendor);
  });
});
