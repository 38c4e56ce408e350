/**
 * Contract tests of the simulator's faults, driven by presence-core's clients over
 * its undici transport: each fault is injected with control.addFault and the
 * client's documented reaction (retry, wait, typed error) is checked. Retries
 * wait through an injected sleep, so nothing here waits for real except the
 * latency faults.
 */
import {
  ContractError,
  NetworkError,
  VendorApiError,
  createVonageClient,
  parseVendorError,
  withClientCredentials,
  type PresenceClient,
} from '@agent-presence/presence-core';
import { vonageAgentsAccept } from '@agent-presence/presence-core/vonage';
import { createUndiciTransport, type UndiciTransport } from '@agent-presence/presence-core/undici';
import { VONAGE_STATUSES, startSimulator, type FaultSpecInput, type Simulator } from '../src';
import { counter, expectPresenceMatches, makeClients, unknownVonageId, type ClientSet, type CoreVendorId } from './core-support';

let sim: Simulator;
let transport: UndiciTransport;
let c: ClientSet;

beforeAll(async () => {
  sim = await startSimulator({ agents: 30, seed: 11 });
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
  c.sleeps.length = 0;
  c.retries.length = 0;
});

const VENDORS = ['cirrus', 'vonage', 'talkdesk'] as const;
/** The single-agent presence GET of each vendor, as a route template. */
const PRESENCE_GET: Record<CoreVendorId, string> = {
  cirrus: 'GET /managers/{id}/presence',
  vonage: 'GET /agents/{userId}/presence',
  talkdesk: 'GET /users/{id}/presence',
};
const agentOf = (vendor: CoreVendorId, i = 0) => sim.control.agents(vendor).agentIds[i]!;
const clientOf = (vendor: CoreVendorId): PresenceClient => c[vendor];
const presenceCalls = (vendor: CoreVendorId) => counter(sim, `${vendor} ${PRESENCE_GET[vendor]}`);
const fault = (vendor: CoreVendorId, spec: Omit<FaultSpecInput, 'vendor' | 'endpoint'> & { endpoint?: string }) =>
  sim.control.addFault({ vendor, endpoint: PRESENCE_GET[vendor], ...spec } as FaultSpecInput);
const failure = (p: Promise<unknown>) => p.then(
  () => {
    throw new Error('expected the call to fail');
  },
  (e: unknown) => e,
);
/** Reads an agent and checks the answer against the simulator's state. */
async function readsCorrectly(vendor: CoreVendorId, i = 0): Promise<void> {
  const id = agentOf(vendor, i);
  const p = await clientOf(vendor).getPresence(id);
  expectPresenceMatches(vendor, p, sim.control.state(vendor).agents.find((a) => a.agentId === id));
}

/** The vendor's own error code for a fault status (what its error body carries). */
const VENDOR_CODE: Record<CoreVendorId, Record<'429' | '500' | '503', string>> = {
  cirrus: { '429': '429', '500': '500', '503': '503' },
  vonage: { '429': 'Too Many Requests', '500': 'Internal Server Error', '503': 'Service Unavailable' },
  talkdesk: { '429': '0330429', '500': '0330500', '503': '0330503' },
};

describe('429', () => {
  it.each(VENDORS)('%s: with Retry-After the client waits at least that long, then succeeds', async (vendor) => {
    await readsCorrectly(vendor); // token fetched before the fault, so only the API call is counted
    sim.control.resetCounters();
    fault(vendor, { kind: '429', count: 1, retryAfterSeconds: 3 });
    await readsCorrectly(vendor);
    expect(c.sleeps).toHaveLength(1);
    expect(c.sleeps[0]).toBeGreaterThanOrEqual(3_000);
    expect(presenceCalls(vendor)).toBe(2);
  });

  it.each(VENDORS)('%s: without Retry-After it backs off briefly and succeeds; persistent, it fails with 429', async (vendor) => {
    await readsCorrectly(vendor);
    sim.control.resetCounters();
    fault(vendor, { kind: '429', count: 1 });
    await readsCorrectly(vendor);
    expect(c.sleeps).toHaveLength(1);
    expect(c.sleeps[0]).toBeLessThan(1_000);
    expect(presenceCalls(vendor)).toBe(2);

    sim.control.resetCounters();
    fault(vendor, { kind: '429', retryAfterSeconds: 2 });
    const error = await failure(clientOf(vendor).getPresence(agentOf(vendor)));
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({ httpStatus: 429, code: VENDOR_CODE[vendor]['429'], retryAfterMs: 2_000, retryable: true, endpoint: PRESENCE_GET[vendor] });
    expect(presenceCalls(vendor)).toBe(3);
  });
});

describe('500 and 503', () => {
  it.each(VENDORS.flatMap((v) => (['500', '503'] as const).map((k) => [v, k] as const)))(
    '%s %s: retried then succeeds with count 1; persistent, fails with the vendor code',
    async (vendor, kind) => {
      await readsCorrectly(vendor);
      sim.control.resetCounters();
      fault(vendor, { kind, count: 1 });
      await readsCorrectly(vendor);
      expect(presenceCalls(vendor)).toBe(2);
      expect(c.retries).toHaveLength(1);
      expect(c.retries[0]!.error).toBeInstanceOf(VendorApiError);

      sim.control.resetCounters();
      fault(vendor, { kind });
      const error = await failure(clientOf(vendor).getPresence(agentOf(vendor)));
      expect(error).toBeInstanceOf(VendorApiError);
      expect(error).toMatchObject({ httpStatus: Number(kind), code: VENDOR_CODE[vendor][kind], retryable: true, vendor: vendor });
      expect(presenceCalls(vendor)).toBe(3);
    },
  );
});

describe('latency past a short transport timeout', () => {
  // undici checks its headers timeout on a coarse (about 1 s) timer, so a 150 ms limit
  // fires after 0.5 to 1.5 s: the latency is well past that, and the vendors run together.
  const LATENCY_MS = 3_000;
  let short: UndiciTransport;
  let sc: ClientSet;
  beforeAll(() => {
    short = createUndiciTransport({ timeoutMs: 150 });
    sc = makeClients(sim, short, { retry: { maxAttempts: 2 } });
  });
  afterAll(() => short.close());

  it('a timed-out attempt is retried and succeeds; persistent latency is a NetworkError (every vendor)', async () => {
    await Promise.all(VENDORS.map((v) => sc[v].getPresence(agentOf(v))));
    sim.control.resetCounters();
    for (const v of VENDORS) fault(v, { kind: 'latency', ms: LATENCY_MS, count: 1 });
    const started = Date.now();
    const read = await Promise.all(VENDORS.map((v) => sc[v].getPresence(agentOf(v))));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(Date.now() - started).toBeLessThan(LATENCY_MS);
    VENDORS.forEach((v, i) => expectPresenceMatches(v, read[i]!, sim.control.state(v).agents.find((a) => a.agentId === agentOf(v))));
    expect(sc.retries.map((r) => r.error)).toEqual(VENDORS.map(() => expect.objectContaining({ kind: 'network', code: 'UND_ERR_HEADERS_TIMEOUT' })));
    for (const v of VENDORS) expect(presenceCalls(v)).toBe(2);

    sim.control.resetCounters();
    for (const v of VENDORS) fault(v, { kind: 'latency', ms: LATENCY_MS });
    const errors = await Promise.all(VENDORS.map((v) => failure(sc[v].getPresence(agentOf(v)))));
    VENDORS.forEach((v, i) => {
      expect(errors[i]).toBeInstanceOf(NetworkError);
      expect(errors[i]).toMatchObject({ vendor: v, code: 'UND_ERR_HEADERS_TIMEOUT', endpoint: PRESENCE_GET[v], retryable: true });
      expect(presenceCalls(v)).toBe(2);
    });
  });
});

describe('dropped connections', () => {
  it.each(VENDORS)('%s: a dropped socket is retried; persistent, a NetworkError', async (vendor) => {
    await readsCorrectly(vendor);
    sim.control.resetCounters();
    fault(vendor, { kind: 'drop', count: 1 });
    await readsCorrectly(vendor);
    expect(c.retries.map((r) => r.error)).toEqual([expect.any(NetworkError)]);
    expect(presenceCalls(vendor)).toBe(2);

    sim.control.resetCounters();
    fault(vendor, { kind: 'drop' });
    const error = await failure(clientOf(vendor).getPresence(agentOf(vendor)));
    expect(error).toBeInstanceOf(NetworkError);
    expect(presenceCalls(vendor)).toBe(3);
  });
});

describe('truncated bodies', () => {
  it.each(VENDORS)('%s: a cut-off GET is retried; persistent, a ContractError about the body', async (vendor) => {
    await readsCorrectly(vendor);
    sim.control.resetCounters();
    fault(vendor, { kind: 'truncate', count: 1 });
    await readsCorrectly(vendor);
    expect(c.retries.map((r) => r.error)).toEqual([expect.any(ContractError)]);
    expect(presenceCalls(vendor)).toBe(2);

    sim.control.resetCounters();
    fault(vendor, { kind: 'truncate' });
    const error = await failure(clientOf(vendor).getPresence(agentOf(vendor)));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ field: '', endpoint: PRESENCE_GET[vendor] });
    expect((error as ContractError).problem).toMatch(/not valid JSON.*truncated/);
    expect(presenceCalls(vendor)).toBe(3);
  });

  it('a cut-off answer to a write is not retried (the write happened)', async () => {
    const id = agentOf('cirrus', 2);
    const target = sim.control.state('cirrus').agents.find((a) => a.agentId === id)!.statusId === '1002' ? '1004' : '1002';
    sim.control.addFault({ vendor: 'cirrus', endpoint: 'POST /managers/{id}/presence/{activityId}', kind: 'truncate', count: 1 });
    const error = await failure(c.cirrus.setPresence(id, target));
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ field: '', endpoint: 'POST /managers/{id}/presence/{activityId}', retryable: false });
    expect(counter(sim, 'cirrus POST /managers/{id}/presence/{activityId}')).toBe(1);
    expect(sim.control.timeline({ vendor: 'cirrus', agentId: id }).entries.at(-1)).toMatchObject({ statusId: target, source: 'api' });
  });
});

describe('non-JSON error pages', () => {
  it.each(VENDORS)('%s: an HTML 502 is a VendorApiError HTTP_502 with a readable message', async (vendor) => {
    await readsCorrectly(vendor);
    sim.control.resetCounters();
    fault(vendor, { kind: 'non-json', count: 1 });
    await readsCorrectly(vendor);
    expect(presenceCalls(vendor)).toBe(2);

    sim.control.resetCounters();
    fault(vendor, { kind: 'non-json' });
    const error = await failure(clientOf(vendor).getPresence(agentOf(vendor)));
    expect(error).toBeInstanceOf(VendorApiError);
    const e = error as VendorApiError;
    expect(e).toMatchObject({ httpStatus: 502, code: 'HTTP_502', endpoint: PRESENCE_GET[vendor] });
    expect(e.vendorMessage).toMatch(/Bad Gateway.*not JSON.*502 Bad Gateway.*nginx/);
    expect(e.vendorMessage).not.toMatch(/[<>]/);
    expect(presenceCalls(vendor)).toBe(3);
  });
});

describe('schema drift', () => {
  const cases: Array<{
    name: string;
    vendor: CoreVendorId;
    spec: FaultSpecInput;
    run: () => Promise<unknown>;
    field: string;
    endpoint: string;
  }> = [
    {
      name: 'Cirrus presence without type_id',
      vendor: 'cirrus',
      spec: { vendor: 'cirrus', endpoint: 'GET /managers/{id}/presence', kind: 'drift-missing' },
      run: () => c.cirrus.getPresence(agentOf('cirrus')),
      field: 'type_id',
      endpoint: 'GET /managers/{id}/presence',
    },
    {
      name: 'Cirrus presence types with presenceType renamed',
      vendor: 'cirrus',
      spec: { vendor: 'cirrus', endpoint: 'GET /managers/presence', kind: 'drift-renamed' },
      run: () => c.cirrus.listStatuses(),
      field: '[0].presenceType',
      endpoint: 'GET /managers/presence',
    },
    {
      name: 'Cirrus presence with a numeric name',
      vendor: 'cirrus',
      spec: { vendor: 'cirrus', endpoint: 'GET /managers/{id}/presence', kind: 'drift-type', field: 'name' },
      run: () => c.cirrus.getPresence(agentOf('cirrus')),
      field: 'name',
      endpoint: 'GET /managers/{id}/presence',
    },
    {
      name: 'Vonage presence with categoryType renamed',
      vendor: 'vonage',
      spec: { vendor: 'vonage', endpoint: 'GET /agents/{userId}/presence', kind: 'drift-renamed' },
      run: () => c.vonage.getPresence(agentOf('vonage')),
      field: 'presence.category.categoryType',
      endpoint: 'GET /agents/{userId}/presence',
    },
    {
      name: 'Vonage presence definitions with a numeric categoryType',
      vendor: 'vonage',
      spec: { vendor: 'vonage', endpoint: 'GET /agents/presence-definitions', kind: 'drift-type' },
      run: () => c.vonage.listStatuses(),
      field: 'presenceDefinitions[0].category.categoryType',
      endpoint: 'GET /agents/presence-definitions',
    },
    {
      name: 'Talkdesk presence with a numeric status',
      vendor: 'talkdesk',
      spec: { vendor: 'talkdesk', endpoint: 'GET /users/{id}/presence', kind: 'drift-type' },
      run: () => c.talkdesk.getPresence(agentOf('talkdesk')),
      field: 'status',
      endpoint: 'GET /users/{id}/presence',
    },
    {
      name: 'Talkdesk presence without status',
      vendor: 'talkdesk',
      spec: { vendor: 'talkdesk', endpoint: 'GET /users/{id}/presence', kind: 'drift-missing' },
      run: () => c.talkdesk.getPresence(agentOf('talkdesk')),
      field: 'status',
      endpoint: 'GET /users/{id}/presence',
    },
    {
      name: 'Talkdesk custom statuses without id',
      vendor: 'talkdesk',
      spec: { vendor: 'talkdesk', endpoint: 'GET /account/custom-status', kind: 'drift-missing', field: 'id' },
      run: () => c.talkdesk.listStatuses(),
      field: 'custom_status[0].id',
      endpoint: 'GET /account/custom-status',
    },
  ];

  it.each(cases)('$name: a ContractError naming the field and the endpoint, not retried', async ({ vendor, spec, run, field, endpoint }) => {
    await run(); // undrifted first: the same call succeeds
    sim.control.resetCounters();
    sim.control.addFault(spec);
    const error = await failure(run());
    expect(error).toBeInstanceOf(ContractError);
    expect(error).toMatchObject({ vendor: vendor, field, endpoint });
    expect((error as ContractError).message).toContain(`"${field}"`);
    expect((error as ContractError).message).toContain(endpoint);
    expect(counter(sim, `${vendor} ${endpoint}`)).toBe(1);
  });

  it('Vonage: drift in one batch of many is a failure of that batch only', async () => {
    const ids = sim.control.agents('vonage').agentIds;
    sim.control.addFault({ vendor: 'vonage', endpoint: 'GET /agents/presences/users', kind: 'drift-missing' });
    const batch = await c.vonage.getPresences([...ids, ...Array.from({ length: 25 }, (_, i) => unknownVonageId(i))]);
    expect(counter(sim, 'vonage GET /agents/presences/users')).toBe(2);
    expect(batch.failures).toHaveLength(1);
    expect(batch.failures[0]!.agentIds).toHaveLength(50);
    expect(batch.failures[0]!.error).toBeInstanceOf(ContractError);
    expect(batch.failures[0]!.error).toMatchObject({ field: 'presence.category.categoryType', endpoint: 'GET /agents/presences/users' });
    expect(batch.missing).toHaveLength(5);
  });
});

describe('token expiry', () => {
  it.each(['vonage', 'talkdesk'] as const)('%s: the OAuth helper fetches a new token and the call succeeds; the old token is revoked', async (vendor) => {
    await readsCorrectly(vendor);
    const oldAuth = c.sent.at(-1)!.headers.Authorization!;
    sim.control.resetCounters();
    fault(vendor, { kind: 'token-expiry', count: 1 });
    await readsCorrectly(vendor);
    const tokenRoute = vendor === 'vonage' ? 'vonage POST /Auth/connect/token' : 'talkdesk POST /oauth/token';
    expect(counter(sim, tokenRoute)).toBe(1);
    expect(presenceCalls(vendor)).toBe(2);
    const newAuth = c.sent.at(-1)!.headers.Authorization!;
    expect(newAuth).not.toBe(oldAuth);

    const url = vendor === 'vonage' ? `${sim.vendors.vonage.baseUrl}/agents/${agentOf(vendor)}/presence` : `${sim.vendors.talkdesk.baseUrl}/users/${agentOf(vendor)}/presence`;
    const accept = vendor === 'vonage' ? vonageAgentsAccept : 'application/json';
    const stale = await transport.request({ method: 'GET', url, headers: { Accept: accept, Authorization: oldAuth } });
    expect(stale.status).toBe(401);
    const fresh = await transport.request({ method: 'GET', url, headers: { Accept: accept, Authorization: newAuth } });
    expect(fresh.status).toBe(200);
  });

  it('Vonage: a token that expired on the virtual clock is refreshed the same way', async () => {
    await readsCorrectly('vonage');
    sim.control.resetCounters();
    sim.control.advance(2 * 60 * 60_000 + 1_000);
    await readsCorrectly('vonage');
    expect(counter(sim, 'vonage POST /Auth/connect/token')).toBe(1);
    expect(presenceCalls('vonage')).toBe(2);
  });

  it('Cirrus: a 401 VendorApiError, not retried; the static key still works afterwards', async () => {
    fault('cirrus', { kind: 'token-expiry', count: 1 });
    const error = await failure(c.cirrus.getPresence(agentOf('cirrus')));
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({ httpStatus: 401, code: '401', retryable: false, endpoint: PRESENCE_GET.cirrus });
    expect(presenceCalls('cirrus')).toBe(1);
    await readsCorrectly('cirrus');
  });
});

describe('Vonage request rules (raw requests: the client never breaks them)', () => {
  const batchUrl = (ids: string[]) => `${sim.vendors.vonage.baseUrl}/agents/presences/users?userId=${ids.join(',')}`;

  it('51 ids in one request are refused with 400 "Query limit"; 50 are answered; the client splits 51', async () => {
    const known = sim.control.agents('vonage').agentIds;
    const ids = [...known, ...Array.from({ length: 51 - known.length }, (_, i) => unknownVonageId(100 + i))];
    expect(ids).toHaveLength(51);

    const refused = await c.vonageAuth.request({ method: 'GET', url: batchUrl(ids), headers: { Accept: vonageAgentsAccept } });
    expect(refused.status).toBe(400);
    expect(JSON.parse(String(refused.body))).toEqual({ status: 400, title: 'Query limit', detail: expect.stringMatching(/maximum of 50 .*51 were given/) });
    expect(parseVendorError('vonage', refused.status, refused.body).code).toBe('Query limit');

    const answered = await c.vonageAuth.request({ method: 'GET', url: batchUrl(ids.slice(0, 50)), headers: { Accept: vonageAgentsAccept } });
    expect(answered.status).toBe(200);
    expect(JSON.parse(String(answered.body))).toHaveLength(known.length);

    sim.control.resetCounters();
    const batch = await c.vonage.getPresences(ids);
    expect(counter(sim, 'vonage GET /agents/presences/users')).toBe(2);
    expect(batch.failures).toEqual([]);
    expect(batch.presences).toHaveLength(known.length);
    expect(batch.missing).toEqual(ids.slice(known.length));
  });

  it('a request without the versioned Accept header is refused with ApiVersionUnspecified, before auth', async () => {
    const url = `${sim.vendors.vonage.baseUrl}/agents/${agentOf('vonage')}/presence`;
    for (const send of [c.vonageAuth, transport]) {
      const res = await send.request({ method: 'GET', url, headers: { Accept: 'application/json' } });
      expect(res.status).toBe(400);
      expect(parseVendorError('vonage', res.status, res.body)).toMatchObject({ code: 'ApiVersionUnspecified', message: expect.stringContaining(vonageAgentsAccept) });
    }
  });

  it('a token with only users:read can read but not set presence (403)', async () => {
    const readOnly = createVonageClient({
      transport: withClientCredentials(transport, {
        vendor: 'vonage',
        tokenUrl: sim.vendors.vonage.tokenUrl,
        clientId: sim.credentials.vonage.clientId,
        clientSecret: sim.credentials.vonage.clientSecret,
        scope: 'users:read',
        clientAuthentication: 'body',
      }),
      baseUrl: sim.vendors.vonage.baseUrl,
      sleep: async () => {},
    });
    const id = agentOf('vonage', 4);
    const before = await readOnly.getPresence(id);
    const target = VONAGE_STATUSES.find((s) => s.selectable && s.presenceId !== before.status.id)!;
    const error = await failure(readOnly.setPresence(id, target.presenceId));
    expect(error).toBeInstanceOf(VendorApiError);
    expect(error).toMatchObject({ httpStatus: 403, code: 'Forbidden', retryable: false, endpoint: 'PATCH /agents/{userId}/presence' });
    expect((error as VendorApiError).vendorMessage).toContain('users:write');
    expect(counter(sim, 'vonage PATCH /agents/{userId}/presence')).toBe(1);
    expect(sim.control.state('vonage').agents.find((a) => a.agentId === id)!.statusId).toBe(before.status.id);
  });
});
