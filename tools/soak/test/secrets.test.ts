// Secret hygiene: a run of every operation of every vendor (successes, vendor errors,
// token refreshes, a revoked key) and a chaos soak, with everything written to the
// console, stdout, stderr and n8n-core's logger (at debug level) captured. No client
// secret, API key, access token the simulator issued, or Authorization header value may
// appear in any output item, error message, error description or logged line.
// (The bad-input matrix makes the same check over its own cases.)
import './debug-logging';
import { NodeHarness, simulatorCredentials } from '@agent-presence/n8n-shared/testing';
import { startSimulator, type Simulator } from '@agent-presence/simulator';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { OutputCapture } from '../src/capture';
import { chaosFaults, runSoak } from '../src/run';
import { credentialSecrets, issuedTokens, SecretScanner, type Secret } from '../src/secrets';
import { vendorSpecs, vendors, type Vendor } from '../src/vendors';

jest.setTimeout(180_000);

const capture = new OutputCapture(false);
const scanner = new SecretScanner();
const harnesses: NodeHarness[] = [];
const secrets: Secret[] = [];
let sim: Simulator;

beforeAll(async () => {
  capture.start();
  sim = await startSimulator({ agents: 12, seed: 5 });
  secrets.push(...credentialSecrets(sim));
});

afterAll(async () => {
  capture.stop();
  await sim.close();
});

const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** Every operation of one vendor's nodes, with the errors a user meets, everything it shows scanned. */
async function everyOperation(vendor: Vendor): Promise<void> {
  const spec = vendorSpecs[vendor];
  const h = new NodeHarness({ nodes: spec.nodes, credentialTypes: [spec.credentialType], credentials: { [spec.credentialName]: simulatorCredentials(sim)[spec.credentialName]! } });
  harnesses.push(h);
  const agents = sim.control.agents(vendor).agentIds;
  const run = async (label: string, parameters: IDataObject, opts: { continueOnFail?: boolean; input?: IDataObject[] } = {}) => {
    const r = await h.runAction(spec.actionNode, parameters as INodeParameters, opts.input, { continueOnFail: opts.continueOnFail });
    scanner.add(`${vendor} ${label} items`, r.items.map((i) => i.json));
    if (r.error) scanner.add(`${vendor} ${label} error`, r.error);
    return r;
  };
  await run('status getMany', { resource: 'status', operation: 'getMany', returnAll: true, options: { includeRaw: true } });
  await run('get', { resource: 'agentPresence', operation: 'get', agent: byId(agents[0]!), options: { includeRaw: true } });
  await run('getMany all', { resource: 'agentPresence', operation: 'getMany', source: 'all', returnAll: true, options: { includeRaw: true } });
  await run('getMany ids', { resource: 'agentPresence', operation: 'getMany', source: 'ids', agentIds: agents.slice(0, 3).join(','), returnAll: true });
  await run('set', { resource: 'agentPresence', operation: 'set', agent: byId(agents[1]!), status: byId(spec.statuses.away) });
  // Errors: an unknown agent (404), with and without Continue On Fail.
  await run('get unknown', { resource: 'agentPresence', operation: 'get', agent: byId(spec.unknownAgentId) });
  await run('getMany unknown', { resource: 'agentPresence', operation: 'getMany', source: 'ids', agentIds: `${agents[0]},${spec.unknownAgentId}`, returnAll: true }, { continueOnFail: true });
  // The vendor refuses the credentials: OAuth tokens expire and are refreshed; a revoked Cirrus key stays refused.
  sim.control.addFault({ vendor, kind: 'token-expiry', count: spec.oauth ? 2 : 10 });
  await run('after token expiry', { resource: 'status', operation: 'getMany', returnAll: true });
  await run('after token expiry, set', { resource: 'agentPresence', operation: 'set', agent: byId(agents[2]!), status: byId(spec.statuses.available) });
  sim.control.clearFaults();
  // Vendor errors of every shape.
  for (const kind of ['429', '500', '503', 'non-json', 'truncate', 'drift-type'] as const) {
    sim.control.addFault({ vendor, kind, count: 6 });
    await run(`fault ${kind}`, { resource: 'agentPresence', operation: 'get', agent: byId(agents[3]!) });
    sim.control.clearFaults();
  }
  for (const method of ['searchAgents', 'searchStatuses']) {
    try {
      scanner.add(`${vendor} ${method}`, await h.listSearch(spec.actionNode, method));
    } catch (e) {
      scanner.add(`${vendor} ${method} error`, e);
    }
  }
  // The trigger: an editor test run, the baseline with emitOnStart, a change, a failed poll.
  const p = h.poller(spec.triggerNode, { watch: 'all', events: ['stateChanged', 'statusChanged', 'appeared', 'disappeared'], onlyStates: [], options: { emitOnStart: true, includeRaw: true } });
  const polls: unknown[] = [await p.poll('manual'), await p.poll()];
  sim.control.advance(5 * 60_000);
  polls.push(await p.poll());
  sim.control.addFault({ vendor, kind: '500' });
  await p.poll().catch((e: unknown) => scanner.add(`${vendor} failed poll`, e));
  sim.control.clearFaults();
  scanner.add(`${vendor} trigger items`, polls);
  scanner.add(`${vendor} trigger static data`, p.staticData);
}

describe('secret hygiene', () => {
  it.each(vendors.map((v) => [v]))('every operation of %s shows and logs no secret', async (vendor) => {
    await everyOperation(vendor as Vendor);
  });

  it.each(vendors.map((v) => [v]))('a chaos soak of %s shows and logs no secret', async (vendor) => {
    const v = vendor as Vendor;
    const r = await runSoak({ vendor: v, polls: 15, agents: 12, seed: 9, budgetMs: 2000, stepMs: 60_000, faults: chaosFaults(v) }, { scanner });
    secrets.push(...r.secrets);
    expect([r.missed, r.duplicated, r.spurious]).toEqual([0, 0, 0]);
  });

  it('nothing shown or logged in this file contains a secret or an Authorization header value', () => {
    const lines = capture.lines;
    scanner.addLines('captured output', lines);
    const all = [...secrets, ...issuedTokens(harnesses)];
    // The scan is over real material: tokens were issued and n8n-core's own logger was captured.
    expect(all.filter((s) => s.label.startsWith('access token')).length).toBeGreaterThanOrEqual(4);
    expect(lines.some((l) => /^n8n debug: OAuth2 token for "\w+" used by node "[^"]+" (expired|has been renewed)/.test(l))).toBe(true);
    expect(lines.some((l) => /^n8n debug: Start executing node/.test(l))).toBe(true);
    expect(scanner.size).toBeGreaterThan(100);
    expect(scanner.leaks(all)).toEqual([]);
  });

  it('the scan is live: a planted secret or header value is found', () => {
    const token = issuedTokens(harnesses)[0]!;
    const planted = new SecretScanner();
    planted.add('an error', new Error(`request failed`, { cause: { config: { headers: { Authorization: `Bearer ${token.value}` } } } }));
    planted.addLines('a log line', [`sending ${sim.credentials.cirrus.apiKey}`]);
    expect(planted.leaks([token, ...credentialSecrets(sim)]).map((l) => l.secret)).toEqual([token.label, 'an Authorization header value', 'cirrus API key']);
  });
});
