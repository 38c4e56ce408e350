// The bad-input matrix: what a user can type, what an expression can produce, what a
// credential can point at, and what a vendor can answer, across the three vendors,
// through n8n's real engine. Every case ends in one of two ways:
//   - a NodeOperationError (bad parameters) or NodeApiError (the vendor's answer) whose
//     message names the field or the vendor error and whose description says what to do;
//   - a documented tolerant result, checked here.
// Never an uncaught exception, a hang (every case has a time limit) or silent partial output.
// tools/soak/README.md lists the same table.
import { NodeHarness, simulatorCredentials } from '@agent-presence/n8n-shared/testing';
import { startSimulator, type FaultSpecInput, type Simulator } from '@agent-presence/simulator';
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { OutputCapture } from '../src/capture';
import { startFakeVendor, type FakeResponse, type FakeVendor } from '../src/fake-vendor';
import { pollRoutes } from '../src/run';
import { credentialSecrets, issuedTokens, SecretScanner } from '../src/secrets';
import { vendorSpecs, vendors, type Vendor } from '../src/vendors';

jest.setTimeout(60_000);

// ---------------------------------------------------------------------------- the world

let sim: Simulator;
const harnesses = new Map<Vendor, NodeHarness>();
const extraHarnesses: NodeHarness[] = [];
const scanner = new SecretScanner();
const capture = new OutputCapture(false);
let fakes: FakeVendor[] = [];

const agentsOf = (v: Vendor) => sim.control.agents(v).agentIds;

function credentialsFor(vendor: Vendor, override: ICredentialDataDecryptedObject = {}): Record<string, ICredentialDataDecryptedObject> {
  const all = simulatorCredentials(sim);
  const name = vendorSpecs[vendor].credentialName;
  return { [name]: { ...all[name], ...override } };
}

function harnessFor(vendor: Vendor, override?: ICredentialDataDecryptedObject): NodeHarness {
  if (!override) return harnesses.get(vendor)!;
  const spec = vendorSpecs[vendor];
  const h = new NodeHarness({ nodes: spec.nodes, credentialTypes: [spec.credentialType], credentials: credentialsFor(vendor, override) });
  extraHarnesses.push(h);
  return h;
}

/** A fake vendor for one case: the API host points at it, the token URL still at the simulator. */
async function fakeHost(handler: (req: { method: string; path: string; query: URLSearchParams }) => FakeResponse | undefined): Promise<ICredentialDataDecryptedObject> {
  const fake = await startFakeVendor(handler);
  fakes.push(fake);
  return { apiHost: fake.url };
}

beforeAll(async () => {
  capture.start();
  sim = await startSimulator({ agents: 60, seed: 21 });
  for (const v of vendors) {
    const spec = vendorSpecs[v];
    harnesses.set(v, new NodeHarness({ nodes: spec.nodes, credentialTypes: [spec.credentialType], credentials: credentialsFor(v) }));
  }
});

afterEach(async () => {
  sim.control.clearFaults();
  sim.control.config({ latencyMs: 0 });
  await Promise.all(fakes.map((f) => f.close()));
  fakes = [];
});

afterAll(async () => {
  const lines = capture.stop();
  scanner.addLines('captured output', lines);
  const secrets = [...credentialSecrets(sim), ...issuedTokens([...harnesses.values(), ...extraHarnesses])];
  await sim.close();
  // Secret hygiene across the whole matrix: items, errors, descriptions and every logged line.
  expect(scanner.leaks(secrets)).toEqual([]);
});

// ---------------------------------------------------------------------------- running a case

interface Outcome {
  items: IDataObject[];
  error?: { name: string; message: string; description: string; httpCode?: string | null };
  ms: number;
  /** Vendor requests (not token requests) the simulator received during the case. */
  vendorRequests: number;
  staticData?: IDataObject;
}

function vendorRequestCount(): number {
  const byEndpoint = sim.control.counters().byEndpoint;
  return Object.entries(byEndpoint)
    .filter(([k]) => !/token/.test(k))
    .reduce((n, [, c]) => n + c, 0);
}

async function measured(fn: () => Promise<Omit<Outcome, 'ms' | 'vendorRequests'>>): Promise<Outcome> {
  sim.control.resetCounters();
  const started = Date.now();
  const out = await fn();
  return { ...out, ms: Date.now() - started, vendorRequests: vendorRequestCount() };
}

function errorOf(e: unknown): Outcome['error'] {
  const err = e as { name?: string; constructor?: { name?: string }; message?: string; description?: string | null; httpCode?: string | null };
  return { name: err.name ?? err.constructor?.name ?? 'Error', message: String(err.message ?? e), description: err.description ?? '', httpCode: err.httpCode };
}

function action(parameters: IDataObject, input: IDataObject[] = [{}], opts: { credentials?: ICredentialDataDecryptedObject; continueOnFail?: boolean } = {}) {
  return async (vendor: Vendor): Promise<Outcome> => {
    const h = harnessFor(vendor, opts.credentials);
    return measured(async () => {
      let run;
      try {
        run = await h.runAction(vendorSpecs[vendor].actionNode, parameters as INodeParameters, input, { continueOnFail: opts.continueOnFail });
      } catch (e) {
        // n8n's own parameter check, before our node runs.
        scanner.add(`${vendor} workflow error`, e);
        return { items: [], error: errorOf(e) };
      }
      const items = run.items.map((i) => i.json);
      scanner.add(`${vendor} action items`, items);
      if (run.error) scanner.add(`${vendor} action error`, run.error);
      return { items, error: run.error ? errorOf(run.error) : undefined };
    });
  };
}

function poll(parameters: IDataObject, opts: { budgetMs?: number; polls?: number; credentials?: ICredentialDataDecryptedObject; between?: (i: number) => void } = {}) {
  return async (vendor: Vendor): Promise<Outcome> => {
    const h = harnessFor(vendor, opts.credentials);
    const p = h.poller(vendorSpecs[vendor].triggerNode, { watch: 'all', events: ['stateChanged', 'statusChanged'], onlyStates: [], ...parameters } as INodeParameters, { budgetMs: opts.budgetMs ?? 5000 });
    return measured(async () => {
      const items: IDataObject[] = [];
      for (let i = 0; i < (opts.polls ?? 1); i++) {
        opts.between?.(i);
        try {
          const out = await p.poll();
          for (const item of out?.[0] ?? []) items.push(item.json);
        } catch (e) {
          scanner.add(`${vendor} poll error`, e);
          return { items, error: errorOf(e), staticData: p.staticData };
        }
      }
      scanner.add(`${vendor} poll items`, items);
      return { items, staticData: p.staticData };
    });
  };
}

async function listSearch(vendor: Vendor, method: string, credentials?: ICredentialDataDecryptedObject): Promise<Outcome> {
  const h = harnessFor(vendor, credentials);
  return measured(async () => {
    try {
      const found = await h.listSearch(vendorSpecs[vendor].actionNode, method);
      const items = found.results as unknown as IDataObject[];
      scanner.add(`${vendor} listSearch`, items);
      return { items };
    } catch (e) {
      scanner.add(`${vendor} listSearch error`, e);
      return { items: [], error: errorOf(e) };
    }
  });
}

const withFaults = (faults: FaultSpecInput[], run: (v: Vendor) => Promise<Outcome>) => async (vendor: Vendor) => {
  for (const f of faults) sim.control.addFault({ ...f, vendor });
  return run(vendor);
};

// ---------------------------------------------------------------------------- expected outcomes

type Expected =
  | { error: 'NodeOperationError' | 'NodeApiError'; message: RegExp; httpCode?: string; sentNothing?: boolean; also?: (o: Outcome) => void }
  /** n8n's own check of required parameters refuses to run the node at all (before our code). */
  | { refusedByN8n: RegExp }
  | { tolerant: (o: Outcome, vendor: Vendor) => void };

function expectOutcome(o: Outcome, expected: Expected, vendor: Vendor): void {
  if ('refusedByN8n' in expected) {
    expect(o.error).toMatchObject({ name: 'WorkflowHasIssuesError', message: expect.stringMatching(expected.refusedByN8n) });
    expect(o.vendorRequests).toBe(0);
  } else if ('error' in expected) {
    expect(o.error).toBeDefined();
    expect(o.error!.name).toBe(expected.error);
    expect(o.error!.message).toMatch(expected.message);
    // Every error says what to do about it.
    expect(o.error!.description.length).toBeGreaterThan(10);
    if (expected.httpCode) expect(o.error!.httpCode).toBe(expected.httpCode);
    // An error is all-or-nothing: no partial output beside it.
    expect(o.items).toEqual([]);
    if (expected.sentNothing) expect(o.vendorRequests).toBe(0);
    expected.also?.(o);
  } else {
    if (o.error) throw new Error(`expected a tolerant result, got ${o.error.name}: ${o.error.message}`);
    expected.tolerant(o, vendor);
  }
}

// ---------------------------------------------------------------------------- vendor shapes

const all = vendors;
const byId = (v: string) => ({ __rl: true, mode: 'id', value: v });
const get = (agent: unknown) => action({ resource: 'agentPresence', operation: 'get', agent: byId('={{ $json.agent }}') }, [{ agent } as IDataObject]);
const getMany = (agentIds: unknown, extra: IDataObject = {}, opts: Parameters<typeof action>[2] = {}) =>
  action({ resource: 'agentPresence', operation: 'getMany', source: 'ids', agentIds: agentIds as string, returnAll: true, ...extra }, [{}], opts);
const set = (agent: string | (() => string), status: unknown) => async (vendor: Vendor) =>
  action({ resource: 'agentPresence', operation: 'set', agent: byId(typeof agent === 'function' ? agent() : agent), status: byId('={{ $json.status }}') }, [{ status } as IDataObject])(vendor);
const statuses = (credentials?: ICredentialDataDecryptedObject) => action({ resource: 'status', operation: 'getMany', returnAll: true }, [{}], { credentials });

const idRule: Record<Vendor, RegExp> = {
  cirrus: /^Agent: .* is not a Cirrus manager id/,
  vonage: /^Agent: .* is not a Vonage user id/,
  talkdesk: /^Agent: .* is not a Talkdesk user id/,
};

const guid = (i: number) => `${(0x10000000 + i).toString(16)}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

function vonageRecord(userId: string, categoryType = 'Ready', description = 'Ready') {
  return { userId, updated: '2025-01-06T09:00:00.000Z', presence: { presenceId: '0b0f4e1e-0000-4000-8000-00000000beef', selectable: true, category: { categoryType, description }, description } };
}

function talkdeskRecord(status: string) {
  return {
    id: 'e6f2c1aa-0000-4000-8000-000000000001',
    account_id: 'sim-account',
    status,
    custom_status: '',
    custom_status_id: '',
    occupancy: 0,
    channels: [],
    devices: [],
    interactions: [],
    updated_by: 'someone',
    updated_at: '2025-01-06T09:00:00.000Z',
    _links: { self: { href: 'http://127.0.0.1/users/x/presence' } },
  };
}

const cirrusEnvelope = (object: unknown) => JSON.stringify({ status: '200', description: 'Success', response_time: '2025-01-06T09:00:00.000Z', object });

/** The vendor route a single-agent presence read hits, as a fake answers it. */
const presencePath: Record<Vendor, RegExp> = {
  cirrus: /^\/managers\/\d+\/presence$/,
  vonage: /^\/agents\/[^/]+\/presence$/,
  talkdesk: /^\/users\/[^/]+\/presence$/,
};
const getOne = (vendor: Vendor) => (vendor === 'cirrus' ? '1234567' : vendor === 'vonage' ? guid(1) : 'a1b2c3d4e5f6a1b2c3d4e5f6');

/** A fake vendor that answers the one-agent presence read with `answer`. */
const presenceAnswer = (answer: (v: Vendor) => FakeResponse) => async (vendor: Vendor) => {
  const credentials = await fakeHost((req) => (presencePath[vendor].test(req.path) ? answer(vendor) : undefined));
  return action({ resource: 'agentPresence', operation: 'get', agent: byId(getOne(vendor)) }, [{}], { credentials })(vendor);
};

// ---------------------------------------------------------------------------- the table

interface Case {
  case: string;
  vendors: readonly Vendor[];
  /** What the user sees, in words (the README's table). */
  outcome: string;
  run: (vendor: Vendor) => Promise<Outcome>;
  expect: Expected | ((vendor: Vendor) => Expected);
}

const operationError = (message: RegExp, sentNothing = true): Expected => ({ error: 'NodeOperationError', message, sentNothing });
const apiError = (message: RegExp, httpCode?: string): Expected => ({ error: 'NodeApiError', message, httpCode });

const matrix: Case[] = [
  // ---- parameters: ids
  { case: 'Get: empty agent id', vendors: all, outcome: 'NodeOperationError "Agent: is empty"', run: get(''), expect: operationError(/^Agent: is empty/) },
  { case: 'Get: empty agent id typed in', vendors: all, outcome: 'n8n refuses to run the node: Parameter "Agent" is required', run: action({ resource: 'agentPresence', operation: 'get', agent: byId('') }), expect: { refusedByN8n: /Parameter "Agent" is required/ } },
  { case: 'Get: id with a path typed in', vendors: all, outcome: 'n8n refuses to run the node: the locator\'s own check, e.g. "Not a Cirrus manager id: give digits only, e.g. 123456789, or pick the agent From List"', run: action({ resource: 'agentPresence', operation: 'get', agent: byId('../1') }), expect: (v) => ({ refusedByN8n: new RegExp(vendorSpecs[v].config.agentId.hint) }) },
  { case: 'Get: whitespace agent id', vendors: all, outcome: 'NodeOperationError "Agent: is empty"', run: get('   '), expect: operationError(/^Agent: is empty/) },
  { case: 'Get: non-numeric Cirrus id', vendors: ['cirrus'], outcome: 'NodeOperationError "is not a Cirrus manager id"', run: get('abc'), expect: operationError(idRule.cirrus) },
  { case: 'Get: over-long Cirrus id (20 digits)', vendors: ['cirrus'], outcome: 'NodeOperationError "is not a Cirrus manager id" (int64 at most)', run: get('12345678901234567890'), expect: operationError(idRule.cirrus) },
  { case: 'Get: Cirrus id above int64', vendors: ['cirrus'], outcome: 'NodeOperationError "is not a Cirrus manager id"', run: get('9223372036854775808'), expect: operationError(idRule.cirrus) },
  { case: 'Get: Cirrus id as an unsafe number', vendors: ['cirrus'], outcome: 'NodeOperationError "is not exact as a number": pass it as text', run: action({ resource: 'agentPresence', operation: 'get', agent: byId('={{ 9007199254740993 }}') }), expect: operationError(/^Agent: 9007199254740992 is not exact as a number/) },
  { case: 'Get: non-GUID Vonage id', vendors: ['vonage'], outcome: 'NodeOperationError "is not a Vonage user id"', run: get('agent-7'), expect: operationError(idRule.vonage) },
  ...['../1', '1/2', '1?x=1', '1#x', '1%2F2'].map(
    (id): Case => ({ case: `Get: id with "${id}" from an expression`, vendors: all, outcome: 'NodeOperationError naming the id; nothing is sent', run: get(id), expect: (v) => operationError(idRule[v]) }),
  ),
  { case: 'Get: agent expression gives an object', vendors: all, outcome: 'NodeOperationError "must be one id, got an object"', run: action({ resource: 'agentPresence', operation: 'get', agent: byId('={{ {a:1} }}') }), expect: operationError(/^Agent: must be one id, got an object/) },
  { case: 'Get: agent expression gives a list', vendors: all, outcome: 'NodeOperationError "must be one id, got a list"', run: action({ resource: 'agentPresence', operation: 'get', agent: byId('={{ [1,2] }}') }), expect: operationError(/^Agent: must be one id, got a list/) },

  // ---- parameters: id lists (Get Many, given ids)
  { case: 'Get Many: empty Agent IDs', vendors: all, outcome: 'n8n refuses to run the node: Parameter "Agent IDs" is required', run: getMany([]), expect: { refusedByN8n: /Parameter "Agent IDs" is required/ } },
  { case: 'Get Many: Agent IDs expression gives empty text', vendors: all, outcome: 'NodeOperationError "Agent IDs: is empty"', run: getMany('={{ "" }}'), expect: operationError(/Agent IDs: is empty/) },
  { case: 'Get Many: Agent IDs of separators and spaces only', vendors: all, outcome: 'NodeOperationError "Agent IDs: is empty"', run: getMany(' , ;\n '), expect: operationError(/Agent IDs: is empty/) },
  { case: 'Get Many: a path in the id list', vendors: all, outcome: 'NodeOperationError naming the id by position; nothing is sent', run: getMany('1/2'), expect: operationError(/Agent IDs, item 1: "1\/2" is not a/) },
  {
    case: 'Get Many: Agent IDs expression gives a list of ids',
    vendors: all,
    outcome: 'tolerant: one item per id',
    run: (v) => getMany(`={{ ${JSON.stringify(agentsOf(v).slice(0, 2))} }}`)(v),
    expect: { tolerant: (o, v) => expect(o.items.map((i) => i.agentId).sort()).toEqual(agentsOf(v).slice(0, 2).sort()) },
  },
  { case: 'Get Many: Agent IDs expression gives numbers', vendors: ['cirrus'], outcome: 'tolerant: safe integers are taken as ids (here unknown: NodeApiError 404 from the vendor)', run: getMany('={{ [1, 2] }}'), expect: apiError(/Cirrus API error 404 .*manager 1 does not exist/, '404') },
  { case: 'Get Many: an unsafe number in the id list', vendors: ['cirrus'], outcome: 'NodeOperationError "Agent IDs, item 1: … is not exact as a number"', run: getMany('={{ [9007199254740993] }}'), expect: operationError(/Agent IDs, item 1: 9007199254740992 is not exact as a number/) },
  { case: 'Get Many: an object inside the id list', vendors: all, outcome: 'NodeOperationError "Agent IDs, item 1: must be an id, got object"', run: getMany('={{ [{a:1}] }}'), expect: operationError(/Agent IDs, item 1: must be an id, got object/) },
  { case: 'Get Many: Agent IDs expression gives an object', vendors: all, outcome: 'NodeOperationError "Agent IDs: must be a list of ids, got object"', run: getMany('={{ {a:1} }}'), expect: operationError(/Agent IDs: must be a list of ids, got object/) },
  {
    case: 'Get Many: 51 Vonage ids',
    vendors: ['vonage'],
    outcome: 'tolerant: 51 items, read in 2 requests of at most 50 ids',
    run: (v) => getMany(agentsOf(v).slice(0, 51).join(','))(v),
    expect: {
      tolerant: (o, v) => {
        expect(o.items.map((i) => i.agentId).sort()).toEqual(agentsOf(v).slice(0, 51).sort());
        expect(sim.control.counters().byEndpoint['vonage GET /agents/presences/users']).toBe(2);
      },
    },
  },
  {
    case: 'Get Many: 10,000 unknown Vonage ids',
    vendors: ['vonage'],
    outcome: 'NodeOperationError "10000 agent(s) unknown to the vendor: …" after 200 requests of 50',
    run: getMany(Array.from({ length: 10_000 }, (_, i) => guid(i)).join('\n')),
    expect: {
      error: 'NodeOperationError',
      message: /Agent IDs: 10000 agent\(s\) unknown to Vonage Contact Center: /,
    },
  },
  {
    case: 'Get Many: a known and an unknown id',
    vendors: all,
    outcome: 'no partial output: NodeApiError 404 from the vendor (Cirrus, Talkdesk: one read per agent) or NodeOperationError "1 agent(s) unknown to the vendor: <id>" (Vonage leaves unknown ids out of its answer)',
    run: (v) => getMany(`${agentsOf(v)[0]},${vendorSpecs[v].unknownAgentId}`)(v),
    expect: (v) =>
      v === 'vonage'
        ? operationError(new RegExp(`Agent IDs: 1 agent\\(s\\) unknown to Vonage Contact Center: ${vendorSpecs[v].unknownAgentId}`), false)
        : apiError(/API error 404/, '404'),
  },
  {
    case: 'Get Many: a known and an unknown id, Continue On Fail',
    vendors: all,
    outcome: 'tolerant: the known presence, then an error item listing the unknown id',
    run: (v) => getMany(`${agentsOf(v)[0]},${vendorSpecs[v].unknownAgentId}`, {}, { continueOnFail: true })(v),
    expect: {
      tolerant: (o, v) => {
        expect(o.items).toHaveLength(2);
        expect(o.items[0]).toMatchObject({ agentId: agentsOf(v)[0] });
        expect(o.items[1]).toMatchObject({ error: expect.stringMatching(v === 'vonage' ? /unknown to Vonage Contact Center/ : /API error 404/), agentIds: [vendorSpecs[v].unknownAgentId] });
        expect(o.items[1]!.description).toEqual(expect.any(String));
      },
    },
  },
  { case: 'Get Many: Limit 0', vendors: ['cirrus'], outcome: 'NodeOperationError "Limit: 0 is not a positive whole number"', run: action({ resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: false, limit: 0 }), expect: operationError(/Limit: 0 is not a positive whole number/) },

  // ---- parameters: statuses
  {
    case: 'Set: unknown status id',
    vendors: all,
    outcome: 'NodeApiError with the vendor\'s own code and message (Cirrus 404, Vonage 400 naming presenceId, Talkdesk 400 naming custom_status_id)',
    run: (v) => set(() => agentsOf(v)[0]!, v === 'cirrus' ? '999' : v === 'vonage' ? guid(9) : 'dancing')(v),
    expect: (v) => apiError(v === 'cirrus' ? /404/ : v === 'vonage' ? /400.*presenceId/ : /400.*custom_status_id/, v === 'cirrus' ? '404' : '400'),
  },
  { case: 'Set: status id with a path', vendors: all, outcome: 'NodeOperationError "Status: … is not a … status"', run: (v) => set(() => agentsOf(v)[0]!, '../1')(v), expect: operationError(/^Status: "\.\.\/1" is not a/) },
  { case: 'Set: status expression gives an object', vendors: all, outcome: 'NodeOperationError "Status: must be one id, got an object"', run: (v) => set(() => agentsOf(v)[0]!, { a: 1 })(v), expect: operationError(/^Status: must be one id, got an object/) },

  // ---- parameters: the trigger
  { case: 'Trigger: a path in the watched ids', vendors: all, outcome: 'NodeOperationError "Agent IDs, item 1: … is not a … id"', run: poll({ watch: 'ids', agentIds: '../1' }), expect: operationError(/Agent IDs, item 1: "\.\.\/1" is not a/) },
  { case: 'Trigger: no event selected', vendors: all, outcome: 'NodeOperationError "Events: has no valid event selected"', run: poll({ events: [] }), expect: operationError(/Events: has no valid event selected/) },

  // ---- credentials: API host and token URL overrides
  { case: 'Credential: API host http:// to a public name', vendors: all, outcome: 'NodeOperationError "API Host: must use https://"; nothing is sent', run: statuses({ apiHost: 'http://api.example.com' }), expect: operationError(/API Host: must use https:\/\/ \(got http:\/\/api\.example\.com\)/) },
  { case: 'Credential: API host file:', vendors: all, outcome: 'NodeOperationError "API Host: must use https://"', run: statuses({ apiHost: 'file:///etc/passwd' }), expect: operationError(/API Host: must use https:\/\/ \(got file:/) },
  { case: 'Credential: API host with user:password@', vendors: all, outcome: 'NodeOperationError "must not contain a user name or password" (the password is not echoed)', run: statuses({ apiHost: 'https://u:hunter2@api.example.com' }), expect: operationError(/API Host: must not contain a user name or password/) },
  { case: 'Credential: API host with a query string', vendors: all, outcome: 'NodeOperationError "must not contain a query string or fragment"', run: statuses({ apiHost: 'https://api.example.com/?key=1' }), expect: operationError(/API Host: must not contain a query string or fragment/) },
  { case: 'Credential: token URL http:// to a public name', vendors: ['vonage', 'talkdesk'], outcome: 'NodeOperationError "Token URL: must use https://"; no token is asked for', run: statuses({ tokenUrl: 'http://auth.example.com/token' }), expect: operationError(/Token URL: must use https:\/\/ \(got http:\/\/auth\.example\.com\)/) },
  {
    case: 'Credential: API host with a trailing slash',
    vendors: all,
    outcome: 'tolerant: the slash is dropped',
    run: (v) => statuses({ apiHost: `${sim.vendors[v].baseUrl}/` })(v),
    expect: { tolerant: (o) => expect(o.items.length).toBeGreaterThan(3) },
  },
  {
    case: 'Credential: API host with a trailing path',
    vendors: all,
    outcome: 'tolerant: the path is kept as a prefix of every call (an API gateway); here the vendor answers NodeApiError 404 naming the endpoint (Talkdesk: the four base statuses, each with a note naming the 404 of its custom-status list)',
    run: (v) => statuses({ apiHost: `${sim.vendors[v].baseUrl}/gateway/v9` })(v),
    expect: (v) => {
      // The request went to the prefixed path (no such route at the simulator).
      const also = () => expect(sim.control.counters().byEndpoint[`${v} GET <unmatched>`]).toBeGreaterThan(0);
      // Talkdesk's custom-status list has no public reference: its 404 keeps the base statuses, with a note.
      if (v === 'talkdesk') {
        return {
          tolerant: (o) => {
            expect(o.items.map((i) => i.id)).toEqual(['available', 'away', 'offline', 'hidden']);
            for (const i of o.items) expect(i.note).toMatch(/custom-status answered 404/);
            also();
          },
        };
      }
      return { ...apiError(/404/, '404'), also };
    },
  },

  // ---- vendor responses
  {
    case: 'Response: an HTML error page (502)',
    vendors: all,
    outcome: 'NodeApiError "API error 502 …: the body was not JSON: "502 Bad Gateway nginx"" after retries',
    run: withFaults([{ kind: 'non-json' }], statuses()),
    expect: apiError(/API error 502 HTTP_502: Bad Gateway; the body was not JSON: "502 Bad Gateway/, '502'),
  },
  {
    case: 'Response: an HTML page with status 200',
    vendors: all,
    outcome: 'NodeApiError "sent an unexpected response …: the response body is an HTML page, not JSON"',
    run: withFaults([{ kind: 'non-json', status: 200 }], statuses()),
    expect: apiError(/unexpected response from GET .*: the response body is an HTML page, not JSON/),
  },
  {
    case: 'Response: an empty 200 body',
    vendors: all,
    outcome: 'NodeApiError "sent an unexpected response from GET …: the response body …"',
    run: presenceAnswer(() => ({ body: '' })),
    expect: apiError(/unexpected response from GET .*presence/),
  },
  {
    case: 'Response: an empty 500 body',
    vendors: all,
    outcome: 'NodeApiError "API error 500 HTTP_500: Internal Server Error (empty body)"',
    run: presenceAnswer(() => ({ status: 500, body: '' })),
    expect: apiError(/API error 500 HTTP_500: Internal Server Error \(empty body\)/, '500'),
  },
  {
    case: 'Response: truncated JSON',
    vendors: all,
    outcome: 'NodeApiError "… is not valid JSON (…; truncated?)" after retries',
    run: withFaults([{ kind: 'truncate' }], statuses()),
    expect: apiError(/is not valid JSON .*truncated\?/),
  },
  {
    case: 'Response: a field of the wrong type',
    vendors: all,
    outcome: 'NodeApiError naming the field, e.g. "field "presence.category.categoryType" …"',
    run: (v) =>
      withFaults(
        [{ kind: 'drift-type', endpoint: v === 'cirrus' ? 'GET /managers/{id}/presence' : v === 'vonage' ? 'GET /agents/{userId}/presence' : 'GET /users/{id}/presence', ...(v === 'cirrus' ? { field: 'name' } : {}) }],
        get(agentsOf(v)[0]),
      )(v),
    expect: (v) => apiError(new RegExp(`field "${v === 'cirrus' ? 'name' : v === 'vonage' ? 'presence.category.categoryType' : 'status'}"`)),
  },
  {
    case: 'Response: a required field missing',
    vendors: all,
    outcome: 'NodeApiError naming the missing field',
    run: (v) => withFaults([{ kind: 'drift-missing', endpoint: v === 'cirrus' ? 'GET /managers/{id}/presence' : v === 'vonage' ? 'GET /agents/{userId}/presence' : 'GET /users/{id}/presence' }], get(agentsOf(v)[0]))(v),
    expect: (v) => apiError(new RegExp(`field "${v === 'cirrus' ? 'type_id' : v === 'vonage' ? 'presence.category.categoryType' : 'status'}"`)),
  },
  {
    case: 'Response: an unknown status value (Cirrus category 7, Vonage "OnBreak", Talkdesk "dancing")',
    vendors: all,
    outcome: 'tolerant: state "unknown", the vendor\'s own status kept',
    run: presenceAnswer((v) => ({
      body: v === 'cirrus' ? cirrusEnvelope({ presence_type: 7, type_id: 7, name: 'Dancing' }) : JSON.stringify(v === 'vonage' ? vonageRecord(guid(1), 'OnBreak', 'On Break') : talkdeskRecord('dancing')),
    })),
    expect: {
      tolerant: (o, v) => {
        expect(o.items).toHaveLength(1);
        expect(o.items[0]).toMatchObject({ vendor: v, state: 'unknown', status: { category: v === 'cirrus' ? '7' : v === 'vonage' ? 'OnBreak' : 'dancing' } });
      },
    },
  },
  {
    case: 'Response: a 200 carrying an error envelope (Cirrus)',
    vendors: ['cirrus'],
    outcome: 'NodeApiError "Cirrus API error 403 403: Access denied (sent in a 200 response)"',
    run: presenceAnswer(() => ({ body: JSON.stringify({ status: 403, description: 'Access denied', response_time: '2025-01-06T09:00:00.000Z' }) })),
    expect: apiError(/Cirrus API error 403 403: Access denied \(sent in a 200 response\)/, '403'),
  },
  {
    case: 'Response: a 10 MB presences array for 2 Vonage ids',
    vendors: ['vonage'],
    outcome: 'tolerant: the 2 presences asked for; records of agents not asked for are ignored',
    run: async (v) => {
      const asked = [guid(1), guid(2)];
      const records = [...asked.map((id) => vonageRecord(id)), ...Array.from({ length: 45_000 }, (_, i) => vonageRecord(guid(100 + i), 'Away', 'Break'))];
      const body = JSON.stringify(records);
      expect(body.length).toBeGreaterThan(10_000_000);
      const credentials = await fakeHost((req) => (req.path === '/agents/presences/users' ? { body } : undefined));
      return getMany(asked.join(','), {}, { credentials })(v);
    },
    expect: { tolerant: (o) => expect(o.items.map((i) => i.agentId)).toEqual([guid(1), guid(2)]) },
  },
  {
    case: 'Response: a 10 MB Cirrus /managers list, agent search',
    vendors: ['cirrus'],
    outcome: 'tolerant: the first 500 agents, at once',
    run: async (v) => {
      const credentials = await fakeHost((req) => (req.path === '/managers' ? { body: bigManagerList() } : undefined));
      return listSearch(v, 'searchAgents', credentials);
    },
    expect: { tolerant: (o) => expect(o.items).toHaveLength(500) },
  },
  {
    case: 'Response: a 10 MB Cirrus /managers list, trigger poll',
    vendors: ['cirrus'],
    outcome: 'tolerant: the poll ends within its budget; its sweep goes on from where it stopped',
    run: async (v) => {
      const credentials = await fakeHost((req) => {
        if (req.path === '/managers') return { body: bigManagerList() };
        if (presencePath.cirrus.test(req.path)) return { body: cirrusEnvelope({ presence_type: 1, type_id: 1, name: 'Active' }) };
        return undefined;
      });
      return poll({}, { credentials, budgetMs: 3000 })(v);
    },
    expect: {
      tolerant: (o) => {
        expect(o.ms).toBeLessThan(3000 + 1500);
        expect(o.items).toEqual([]);
        expect(o.staticData).toMatchObject({ baseline: true, after: expect.stringMatching(/^\d+$/) });
      },
    },
  },
  {
    case: 'Response: a vendor that does not answer (trigger)',
    vendors: all,
    outcome: 'NodeApiError "Could not reach … no answer within … ms" before the poll budget ends',
    run: (v) => withFaults([{ kind: 'latency', ms: 20_000, endpoint: pollRoutes[v].list }], poll({}, { budgetMs: 1500 }))(v),
    expect: apiError(/Could not reach .*: no answer within \d+ ms/),
  },
  {
    case: 'Response: one agent\'s record breaks the contract in the first sweep (trigger)',
    vendors: all,
    outcome: 'tolerant: that agent\'s first good read completes its baseline: never reported "appeared"',
    run: (v) =>
      poll(
        { events: ['stateChanged', 'statusChanged', 'appeared', 'disappeared'] },
        {
          polls: 3,
          between: (i) => {
            if (i === 0) sim.control.addFault({ vendor: v, endpoint: v === 'cirrus' ? 'GET /managers/{id}/presence' : v === 'vonage' ? 'GET /agents/presences/users' : 'GET /users/{id}/presence', kind: 'drift-missing', count: 1 });
          },
        },
      )(v),
    expect: { tolerant: (o) => expect(o.items.filter((i) => i.event !== 'changed')).toEqual([]) },
  },
];

let managerList: string | undefined;
/** About 10 MB: 60,000 Cirrus managers. */
function bigManagerList(): string {
  managerList ??= cirrusEnvelope(
    Array.from({ length: 60_000 }, (_, i) => ({ id: 5_000_000 + i, firstName: 'Agent', lastName: `Number ${i}`, email: `agent${i}@example.com`, userName: `agent${i}`, teamId: i % 40, teamName: `Team ${i % 40}`, permissionId: 2 })),
  );
  return managerList;
}

describe.each(all.map((v) => [v]))('bad input, %s', (vendor) => {
  const rows = matrix.filter((c) => c.vendors.includes(vendor as Vendor));
  it.each(rows.map((c) => [c.case, c.outcome, c] as const))('%s → %s', async (_name, _outcome, c) => {
    const v = vendor as Vendor;
    // The clock runs only when told to: every answer is deterministic.
    const outcome = await c.run(v);
    const expected = typeof c.expect === 'function' ? c.expect(v) : c.expect;
    expectOutcome(outcome, expected, v);
  });
});

describe('the matrix documentation', () => {
  it('tools/soak/README.md lists every case with its outcome', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const readme = (require('node:fs') as typeof import('node:fs')).readFileSync(`${__dirname}/../README.md`, 'utf8');
    const missing = matrix.filter((c) => !readme.includes(c.case) || !readme.includes(c.outcome)).map((c) => c.case);
    expect(missing).toEqual([]);
  });
});
