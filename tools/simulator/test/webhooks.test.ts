/**
 * Vonage webhooks: subscriptions through the vendor API, signed CloudEvents deliveries
 * to a local receiver on every Vonage presence change, tampered deliveries, retries,
 * ordering, delete, reset and close. Signatures are checked twice: independently with
 * node:crypto, and with presence-core's own verifier and normaliser.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createVonageClient, withClientCredentials, type VonageClient } from '@agent-presence/presence-core';
import {
  normalizeVonageEvent,
  normalizeVonagePresence,
  verifyVonageSignature,
  type SignatureCheck,
} from '@agent-presence/presence-core/vonage';
import { createUndiciTransport, type UndiciTransport } from '@agent-presence/presence-core/undici';
import { VONAGE_STATUSES, startSimulator, type Simulator, type WebhookTamperMode } from '../src';
import { VONAGE_V1, VONAGE_V4, call, vonageHeaders, vonageToken } from './helpers';

// ------------------------------------------------------------------ a local receiver

interface Received {
  headers: IncomingHttpHeaders;
  body: Buffer;
  check?: SignatureCheck;
  socket: Socket;
}

type Answer = number | 'hang';

interface Receiver {
  url: string;
  host: string;
  received: Received[];
  inFlight: number;
  maxInFlight: number;
  respond: (r: Received) => Answer | Promise<Answer>;
  close(): Promise<void>;
}

async function startReceiver(respond: Receiver['respond'] = () => 200): Promise<Receiver> {
  const hanging = new Set<ServerResponse>();
  const receiver: Receiver = {
    url: '',
    host: '',
    received: [],
    inFlight: 0,
    maxInFlight: 0,
    respond,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server: Server = createServer((req, res) => {
    receiver.inFlight++;
    receiver.maxInFlight = Math.max(receiver.maxInFlight, receiver.inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r: Received = { headers: req.headers, body: Buffer.concat(chunks), socket: req.socket };
      receiver.received.push(r);
      void Promise.resolve(receiver.respond(r)).then((answer) => {
        if (answer === 'hang') {
          hanging.add(res);
          return;
        }
        receiver.inFlight--;
        res.writeHead(answer, { 'content-type': 'text/plain' });
        res.end(String(answer));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  receiver.host = `127.0.0.1:${port}`;
  receiver.url = `http://127.0.0.1:${port}/hooks/vonage`;
  return receiver;
}

async function waitUntil(what: string, condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------------------ independent JWT check (node:crypto only)

function b64urlJson(segment: string): any {
  return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
}

/** HS256 over the base64-DECODED secret, payload_hash = sha256 hex of the raw body, exp = iat + 300. */
function checkJwtByHand(token: string, body: Buffer, secret: string) {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  for (const p of parts) expect(p).toMatch(/^[A-Za-z0-9_-]+$/); // base64url, no padding
  const [h, c, s] = parts as [string, string, string];
  expect(b64urlJson(h)).toEqual({ alg: 'HS256', typ: 'JWT' });
  const claims = b64urlJson(c);
  expect(Object.keys(claims).sort()).toEqual(['exp', 'iat', 'iss', 'jti', 'payload_hash']);
  expect(claims.iss).toBe('Vonage');
  expect(claims.exp).toBe(claims.iat + 300);
  expect(Math.abs(claims.iat - Date.now() / 1000)).toBeLessThan(10); // wall clock, not the virtual clock
  expect(claims.jti).toMatch(GUID);
  expect(claims.payload_hash).toBe(createHash('sha256').update(body).digest('hex'));
  const expected = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${h}.${c}`).digest('base64url');
  expect(s).toBe(expected);
  // and not with the secret's text as the key
  expect(createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${h}.${c}`).digest('base64url')).not.toBe(s);
  return claims as { iat: number; exp: number; jti: string; iss: string; payload_hash: string };
}

// ------------------------------------------------------------------ set-up

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const EVENT = 'agent.presencechanged.v1';
const status = (name: string) => VONAGE_STATUSES.find((s) => s.name === name)!;
const READY = status('Ready');
const READY_OUTBOUND = status('Ready Outbound');
const BREAK = status('Break');
const TRAINING = status('Training');
const LOGGED_OUT = status('Logged Out');
const LUNCH = status('Lunch');

let sim: Simulator;
let base: string;
let admin: string;
let readOnly: string;

beforeAll(async () => {
  sim = await startSimulator({ agents: 12, seed: 11, webhookRetryDelaysMs: [20, 40, 60] });
  base = sim.vendors.vonage.baseUrl;
  admin = await vonageToken(sim);
  readOnly = await vonageToken(sim, 'users:read users:write');
});
afterAll(() => sim.close());
afterEach(async () => {
  // nothing left behind for the next test
  for (const s of sim.control.webhookSubscriptions()) {
    await call(`${base}/webhooks/subscriptions/${s.subscriptionId}`, { method: 'DELETE', headers: vonageHeaders(admin) });
  }
});

const secretOf = () => randomBytes(32).toString('base64');
const agentIds = () => sim.control.agents('vonage').agentIds;

function subscribe(body: Record<string, unknown>, token = admin, accept = VONAGE_V1) {
  return call(`${base}/webhooks/subscriptions`, { method: 'POST', json: body, headers: vonageHeaders(token, accept) });
}

let hooks = 0;
async function subscribeOk(url: string, over: Record<string, unknown> = {}) {
  const secret = (over.secret as string | undefined) ?? secretOf();
  // names are unique within an account
  const res = await subscribe({ name: `test hook ${++hooks}`, url, events: [EVENT], enabled: true, secret, ...over });
  expect(res.status).toBe(201);
  return { id: res.json().subscriptionId as string, secret };
}

/** Sets a presence that differs from the agent's current one; returns the timeline entry. */
function change(agentId: string, to = BREAK) {
  const current = sim.control.state('vonage').agents.find((a) => a.agentId === agentId)!;
  const target = current.statusId !== to.presenceId ? to : to === READY ? BREAK : READY;
  const r = sim.control.setPresence({ vendor: 'vonage', agentId, statusId: target.presenceId });
  expect(r.changed).toBe(true);
  return r.entry!;
}

// ------------------------------------------------------------------ subscriptions

describe('subscriptions through the vendor API', () => {
  it('creates, lists and deletes, never echoing the secret', async () => {
    const secret = secretOf();
    const created = await subscribe({ name: 'presence', url: 'https://hooks.example.com/vonage', events: [EVENT], enabled: true, secret });
    expect(created.status).toBe(201);
    const sub = created.json();
    // Vonage names the id subscriptionId in create, list and get-one answers
    expect(sub).toEqual({ subscriptionId: expect.stringMatching(GUID), name: 'presence', url: 'https://hooks.example.com/vonage', events: [EVENT], enabled: true });
    expect(created.text).not.toContain(secret);
    expect(created.headers.location).toBe(`${base}/webhooks/subscriptions/${sub.subscriptionId}`);

    const list = await call(`${base}/webhooks/subscriptions`, { headers: vonageHeaders(admin) });
    expect(list.status).toBe(200);
    expect(list.json()).toEqual({ subscriptions: [sub] });
    expect(list.text).not.toContain(secret);
    const one = await call(created.headers.location as string, { headers: vonageHeaders(admin) });
    expect([one.status, one.json()]).toEqual([200, sub]);

    // the control API shows the secret, for tests
    expect(sim.control.webhookSubscriptions()).toEqual([{ ...sub, secret }]);
    const viaHttp = await call(`${sim.url}/_sim/webhooks/subscriptions`);
    expect(viaHttp.json()).toEqual({ subscriptions: [{ ...sub, secret }] });

    const del = await call(`${base}/webhooks/subscriptions/${sub.subscriptionId}`, { method: 'DELETE', headers: vonageHeaders(admin) });
    expect(del.status).toBe(204);
    expect(del.text).toBe('');
    const again = await call(`${base}/webhooks/subscriptions/${sub.subscriptionId}`, { method: 'DELETE', headers: vonageHeaders(admin) });
    expect(again.status).toBe(404);
    expect(again.json()).toEqual({ message: expect.stringContaining(sub.subscriptionId) });
    expect((await call(created.headers.location as string, { headers: vonageHeaders(admin) })).status).toBe(404);
    expect((await call(`${base}/webhooks/subscriptions`, { headers: vonageHeaders(admin) })).json()).toEqual({ subscriptions: [] });
    expect(sim.control.counters().byEndpoint).toMatchObject({
      'vonage POST /webhooks/subscriptions': expect.any(Number),
      'vonage GET /webhooks/subscriptions': expect.any(Number),
      'vonage DELETE /webhooks/subscriptions/{id}': expect.any(Number),
    });
  });

  it('defaults enabled to true', async () => {
    const res = await subscribe({ name: 'defaults', url: 'https://hooks.example.com/', events: [EVENT], secret: secretOf() });
    expect(res.status).toBe(201);
    expect(res.json().enabled).toBe(true);
  });

  it('takes names of 3 to 128 characters, unique within the account', async () => {
    const body = (name: string) => ({ name, url: 'https://hooks.example.com/', events: [EVENT], enabled: true, secret: secretOf() });
    for (const name of ['ab', 'x'.repeat(129)]) {
      const res = await subscribe(body(name));
      expect([name.length, res.status, res.json().errors]).toEqual([name.length, 400, [{ message: expect.stringContaining('3 and 128'), path: 'name' }]]);
    }
    expect((await subscribe(body('abc'))).status).toBe(201);
    expect((await subscribe(body('x'.repeat(128)))).status).toBe(201);
    const taken = await subscribe(body('abc'));
    expect([taken.status, taken.json().errors]).toEqual([400, [{ message: expect.stringContaining('already exists'), path: 'name' }]]);
    expect(sim.control.webhookSubscriptions()).toHaveLength(2);
  });

  it('needs admin:write to create and delete, admin:read to list and get (403 {status, title, detail}), a token (401) and the v1 Accept (400)', async () => {
    const body = { name: 'scoped', url: 'https://hooks.example.com/', events: [EVENT], enabled: true, secret: secretOf() };
    const someId = `${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`;
    const adminRead = await vonageToken(sim, 'users:read admin:read');
    const adminWrite = await vonageToken(sim, 'users:read admin:write');
    const cases: Array<[string, Promise<Awaited<ReturnType<typeof call>>>]> = [
      ['admin:write', subscribe(body, readOnly)],
      ['admin:write', subscribe(body, adminRead)],
      ['admin:read', call(`${base}/webhooks/subscriptions`, { headers: vonageHeaders(readOnly) })],
      ['admin:read', call(`${base}/webhooks/subscriptions`, { headers: vonageHeaders(adminWrite) })],
      ['admin:read', call(`${base}/webhooks/subscriptions/${someId}`, { headers: vonageHeaders(adminWrite) })],
      ['admin:write', call(`${base}/webhooks/subscriptions/${someId}`, { method: 'DELETE', headers: vonageHeaders(readOnly) })],
      ['admin:write', call(`${base}/webhooks/subscriptions/${someId}`, { method: 'DELETE', headers: vonageHeaders(adminRead) })],
    ];
    for (const [scope, pending] of cases) {
      const res = await pending;
      expect([scope, res.status, res.json()]).toEqual([scope, 403, { status: 403, title: 'Forbidden', detail: expect.stringContaining(scope) }]);
    }
    expect((await call(`${base}/webhooks/subscriptions`, { headers: vonageHeaders(adminRead) })).status).toBe(200);
    expect((await call(`${base}/webhooks/subscriptions/${someId}`, { headers: vonageHeaders(adminRead) })).status).toBe(404);
    const none = await call(`${base}/webhooks/subscriptions`, { headers: { accept: VONAGE_V1 } });
    expect(none.status).toBe(401);
    expect(none.json()).toEqual({ message: expect.any(String) });
    const noAccept = await call(`${base}/webhooks/subscriptions`, { headers: { authorization: `Bearer ${admin}` } });
    expect(noAccept.status).toBe(400);
    expect(noAccept.json().error.code).toBe('ApiVersionUnspecified');
    expect((await subscribe(body, admin, VONAGE_V4)).json().error.code).toBe('UnsupportedApiVersion');
    expect(sim.control.webhookSubscriptions()).toEqual([]);
  });

  it('validates the body: 400 {status, title, errors:[{message, path}]}', async () => {
    const good = { name: 'valid name', url: 'https://hooks.example.com/', events: [EVENT], enabled: true, secret: secretOf() };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'http://hooks.example.com/' }, 'url'], // plain http off loopback
      [{ url: 'http://10.0.0.5/hook' }, 'url'],
      [{ url: 'ftp://127.0.0.1/hook' }, 'url'],
      [{ url: 'not a url' }, 'url'],
      [{ url: undefined }, 'url'],
      [{ events: [] }, 'events'],
      [{ events: 'agent.presencechanged.v1' }, 'events'],
      [{ events: ['agent.unknown.v1'] }, 'events[0]'],
      [{ events: [EVENT, 'agent.presencechanged.v2'] }, 'events[1]'],
      [{ secret: undefined }, 'secret'],
      [{ secret: '' }, 'secret'],
      [{ secret: 'not base64!' }, 'secret'],
      [{ secret: 'abc' }, 'secret'], // unpadded
      [{ name: undefined }, 'name'],
      [{ name: '  ' }, 'name'],
      [{ enabled: 'yes' }, 'enabled'],
    ];
    for (const [over, path] of cases) {
      const res = await subscribe({ ...good, ...over });
      expect({ over, status: res.status }).toEqual({ over, status: 400 });
      expect(res.json()).toEqual({ status: 400, title: expect.any(String), errors: [{ message: expect.any(String), path }] });
    }
    const several = await subscribe({ name: 'several', url: 'http://example.com', events: [], secret: '%' });
    expect(several.json().errors.map((e: { path: string }) => e.path)).toEqual(['url', 'events', 'secret']);
    const notJson = await call(`${base}/webhooks/subscriptions`, {
      method: 'POST',
      body: 'name=x',
      headers: { ...vonageHeaders(admin), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(notJson.status).toBe(415);
    expect(notJson.json()).toEqual({ status: 415, title: expect.any(String), detail: expect.any(String) });
    const badJson = await call(`${base}/webhooks/subscriptions`, {
      method: 'POST',
      body: '{',
      headers: { ...vonageHeaders(admin), 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(sim.control.webhookSubscriptions()).toEqual([]);
  });

  it('accepts https anywhere and http only to loopback hosts', async () => {
    for (const url of ['https://hooks.example.com/x', 'http://localhost:9/x', 'http://127.0.0.1:9/x', 'http://127.5.6.7/x', 'http://[::1]:9/x']) {
      const res = await subscribe({ name: `to ${url}`, url, events: [EVENT], enabled: false, secret: secretOf() });
      expect({ url, status: res.status }).toEqual({ url, status: 201 });
    }
  });

  it("works with presence-core's Vonage client", async () => {
    const transport: UndiciTransport = createUndiciTransport({ timeoutMs: 5_000 });
    try {
      const client: VonageClient = createVonageClient({
        baseUrl: base,
        transport: withClientCredentials(transport, {
          vendor: 'vonage',
          tokenUrl: sim.vendors.vonage.tokenUrl,
          clientId: sim.credentials.vonage.clientId,
          clientSecret: sim.credentials.vonage.clientSecret,
          scope: 'users:read admin:read admin:write',
          clientAuthentication: 'body',
        }),
      });
      const secret = secretOf();
      const created = await client.createWebhookSubscription({ name: 'core', url: 'https://hooks.example.com/core', secret });
      expect(created).toEqual({ id: expect.stringMatching(GUID), name: 'core', url: 'https://hooks.example.com/core', events: [EVENT], enabled: true });
      expect(await client.listWebhookSubscriptions()).toEqual([created]);
      expect(sim.control.webhookSubscriptions()[0]!.secret).toBe(secret);
      await client.deleteWebhookSubscription(created.id);
      expect(await client.listWebhookSubscriptions()).toEqual([]);
    } finally {
      await transport.close();
    }
  });
});

// ------------------------------------------------------------------ deliveries

describe('signed CloudEvents deliveries', () => {
  let rx: Receiver;
  beforeEach(async () => {
    rx = await startReceiver();
  });
  afterEach(async () => {
    await sim.control.webhooksIdle({ timeoutMs: 2_000 });
    await rx.close();
  });

  /** Checks one received delivery both by hand and with presence-core; returns the event. */
  function expectSigned(r: Received, secret: string) {
    // as Vonage sends it: a CloudEvents body, and the JWT as a Bearer value
    expect(r.headers['content-type']).toBe('application/cloudevents+json');
    const header = r.headers['vonage-signature'] as string;
    expect(header).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const token = header.slice('Bearer '.length);
    const claims = checkJwtByHand(token, r.body, secret);
    const check = verifyVonageSignature({ token, body: r.body, secret, now: Date.now() });
    expect(check).toEqual({ ok: true, jti: claims.jti, expiresAt: claims.exp * 1000 });
    return { event: JSON.parse(r.body.toString('utf8')), claims };
  }

  it('on control.setPresence: a CloudEvent signed as documented, which presence-core verifies and normalises', async () => {
    const { id: subId, secret } = await subscribeOk(rx.url);
    sim.control.resetCounters();
    const agentId = agentIds()[0]!;
    const entry = change(agentId, BREAK);
    await waitUntil('a delivery', () => rx.received.length === 1);
    const { event, claims } = expectSigned(rx.received[0]!, secret);
    const expectedStatus = VONAGE_STATUSES.find((s) => s.presenceId === entry.statusId)!;
    expect(event).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(GUID),
      // versioned type, source /agent and the agent as subject, as Vonage sends them
      type: 'agent.presencechanged.v1',
      source: '/agent',
      subject: expect.stringMatching(/^\d+$/),
      time: sim.control.time().now,
      datacontenttype: 'application/json',
      data: {
        timestamp: entry.at,
        presence: {
          presenceId: entry.statusId,
          category: { type: expectedStatus.categoryType === 'Away' ? 'away' : 'ready' },
          description: entry.statusName,
        },
        user: { agentId: expect.stringMatching(/^\d+$/), userId: agentId },
      },
    });

    // both sides agree: the event normalises like the REST record of the same moment
    const record = (await call(`${base}/agents/${agentId}/presence`, { headers: vonageHeaders(admin) })).json();
    const fromEvent = normalizeVonageEvent(event);
    const fromRest = normalizeVonagePresence(record);
    expect(fromEvent).toEqual({ ...fromRest, agentId });

    await sim.control.webhooksIdle();
    expect(sim.control.webhookDeliveries({ subscriptionId: subId })).toEqual([
      { subscriptionId: subId, eventId: event.id, agentId, status: 200, attempt: 1, at: expect.any(String), jti: claims.jti },
    ]);
    const viaHttp = await call(`${sim.url}/_sim/webhooks/deliveries?subscriptionId=${subId}`);
    expect(viaHttp.json()).toEqual(sim.control.webhookDeliveries({ subscriptionId: subId }));
    const counters = sim.control.counters().webhooks;
    expect(counters).toMatchObject({ attempts: 1, delivered: 1, failedAttempts: 0, retries: 0, dropped: 0, pending: 0 });
    expect(counters.byHost[rx.host]).toBe(1);
  });

  it('on a vendor PATCH, with lower camel case categories and the subcategory', async () => {
    const agentId = agentIds()[1]!;
    sim.control.setPresence({ vendor: 'vonage', agentId, statusId: LUNCH.presenceId }); // none of the cases below
    const { secret } = await subscribeOk(rx.url);
    const cases: Array<[typeof READY, { type: string; subcategory?: string }]> = [
      [READY_OUTBOUND, { type: 'ready', subcategory: 'readyOutbound' }],
      [TRAINING, { type: 'extendedAway' }],
      [LOGGED_OUT, { type: 'loggedOut' }],
      [READY, { type: 'ready' }],
      [BREAK, { type: 'away' }],
    ];
    let agentNumber: string | undefined;
    for (const [target, category] of cases) {
      const before = rx.received.length;
      const res = await call(`${base}/agents/${agentId}/presence`, {
        method: 'PATCH',
        json: { presenceId: target.presenceId },
        headers: vonageHeaders(admin),
      });
      expect(res.status).toBe(200);
      await waitUntil('a delivery', () => rx.received.length === before + 1);
      const { event } = expectSigned(rx.received[before]!, secret);
      expect(event.data.timestamp).toBe(res.json().updated);
      expect(event.data.presence).toEqual({ presenceId: target.presenceId, category, description: target.name });
      expect(event.data.user.userId).toBe(agentId);
      agentNumber ??= event.data.user.agentId;
      expect(event.data.user.agentId).toBe(agentNumber); // stable per agent
      expect(event.subject).toBe(event.data.user.agentId);
      expect(normalizeVonageEvent(event).status.id).toBe(target.presenceId);
    }
    // another agent has another number
    change(agentIds()[2]!);
    await waitUntil('a delivery', () => rx.received.length === cases.length + 1);
    expect(JSON.parse(rx.received[cases.length]!.body.toString()).data.user.agentId).not.toBe(agentNumber);
  });

  it('follows the scenario: one delivery per Vonage timeline entry, in timeline order, one at a time', async () => {
    rx.respond = () => new Promise((r) => setTimeout(() => r(200), 2)); // a slow receiver
    const { secret } = await subscribeOk(rx.url);
    const sinceSeq = sim.control.timeline({ limit: 1 }).lastSeq;
    sim.control.advance(30 * 60_000);
    const entries = sim.control.timeline({ vendor: 'vonage', sinceSeq, limit: 100_000 }).entries;
    expect(entries.length).toBeGreaterThan(10);
    expect(await sim.control.webhooksIdle({ timeoutMs: 10_000 })).toEqual({ pending: 0 });
    expect(rx.received).toHaveLength(entries.length); // Cirrus and Talkdesk changes send nothing
    const events = rx.received.map((r) => expectSigned(r, secret).event);
    expect(events.map((e) => [e.data.user.userId, e.data.presence.presenceId, e.data.timestamp])).toEqual(
      entries.map((e) => [e.agentId, e.statusId, e.at]),
    );
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const e of events) expect(Date.parse(e.time)).toBeGreaterThanOrEqual(Date.parse(e.data.timestamp));
    expect(rx.maxInFlight).toBe(1);
  });

  it('sends each change to every enabled subscription, with the same event id; disabled ones get nothing', async () => {
    const rx2 = await startReceiver();
    const off = await startReceiver();
    try {
      const a = await subscribeOk(rx.url);
      const b = await subscribeOk(rx2.url);
      await subscribeOk(off.url, { enabled: false });
      const agentId = agentIds()[3]!;
      change(agentId, BREAK);
      change(agentId, READY);
      await waitUntil('deliveries', () => rx.received.length === 2 && rx2.received.length === 2);
      await sim.control.webhooksIdle();
      const ids = (r: Receiver) => r.received.map((x) => JSON.parse(x.body.toString()).id);
      expect(ids(rx)).toEqual(ids(rx2));
      expect(rx.received.map((x) => x.body.toString())).toEqual(rx2.received.map((x) => x.body.toString()));
      expectSigned(rx.received[0]!, a.secret);
      expectSigned(rx2.received[0]!, b.secret);
      // each subscription has its own key
      expect(verifyVonageSignature({ token: rx.received[0]!.headers['vonage-signature'] as string, body: rx.received[0]!.body, secret: b.secret, now: Date.now() })).toMatchObject({
        ok: false,
        problem: 'signature',
      });
      expect(off.received).toEqual([]);
    } finally {
      await rx2.close();
      await off.close();
    }
  });

  it('retries a failed delivery (500, then 200) with the same body, re-signed', async () => {
    let n = 0;
    rx.respond = () => (n++ === 0 ? 500 : 200);
    const { id, secret } = await subscribeOk(rx.url);
    sim.control.resetCounters();
    const agentId = agentIds()[4]!;
    change(agentId);
    await waitUntil('two attempts', () => rx.received.length === 2);
    await sim.control.webhooksIdle();
    const [first, second] = rx.received as [Received, Received];
    expect(second.body.equals(first.body)).toBe(true);
    const c1 = expectSigned(first, secret).claims;
    const c2 = expectSigned(second, secret).claims;
    expect(c2.jti).not.toBe(c1.jti);
    const eventId = JSON.parse(first.body.toString()).id;
    expect(sim.control.webhookDeliveries({ subscriptionId: id })).toEqual([
      expect.objectContaining({ eventId, agentId, status: 500, attempt: 1, jti: c1.jti }),
      expect.objectContaining({ eventId, agentId, status: 200, attempt: 2, jti: c2.jti }),
    ]);
    expect(sim.control.counters().webhooks).toMatchObject({ attempts: 2, delivered: 1, failedAttempts: 1, retries: 1, dropped: 0 });
  });

  it('gives up after the last retry on a refused connection, counts the drop and moves on', async () => {
    const closedPort = await startReceiver();
    const deadUrl = closedPort.url;
    await closedPort.close();
    const { id } = await subscribeOk(deadUrl);
    sim.control.resetCounters();
    change(agentIds()[5]!);
    change(agentIds()[5]!);
    expect(await sim.control.webhooksIdle({ timeoutMs: 5_000 })).toEqual({ pending: 0 });
    const log = sim.control.webhookDeliveries({ subscriptionId: id });
    expect(log.map((d) => [d.attempt, d.status])).toEqual([
      [1, 'error'],
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
      [1, 'error'],
      [2, 'error'],
      [3, 'error'],
      [4, 'error'],
    ]);
    expect(log[0]!.error).toEqual(expect.any(String));
    expect(sim.control.counters().webhooks).toMatchObject({ attempts: 8, delivered: 0, failedAttempts: 8, retries: 6, dropped: 2, pending: 0 });
  });

  it('sends nothing after delete, even mid-retry', async () => {
    rx.respond = () => 503;
    const { id } = await subscribeOk(rx.url);
    change(agentIds()[6]!);
    await waitUntil('the first attempt', () => rx.received.length === 1);
    const del = await call(`${base}/webhooks/subscriptions/${id}`, { method: 'DELETE', headers: vonageHeaders(admin) });
    expect(del.status).toBe(204);
    change(agentIds()[6]!);
    change(agentIds()[7]!);
    await pause(200); // longer than every retry delay together
    expect(rx.received).toHaveLength(1);
    expect(sim.control.counters().webhooks.pending).toBe(0);
  });

  it('keeps order per subscription under a burst of changes', async () => {
    rx.respond = () => new Promise((r) => setTimeout(() => r(200), 3));
    await subscribeOk(rx.url);
    const expected: string[] = [];
    for (let i = 0; i < 20; i++) {
      const entry = change(agentIds()[i % 4]!, i % 2 ? READY : BREAK);
      expected.push(`${entry.agentId} ${entry.statusId}`);
    }
    await sim.control.webhooksIdle();
    const got = rx.received.map((r) => JSON.parse(r.body.toString())).map((e) => `${e.data.user.userId} ${e.data.presence.presenceId}`);
    expect(got).toEqual(expected);
    expect(rx.maxInFlight).toBe(1);
  });
});

// ------------------------------------------------------------------ tampered deliveries

describe('POST /_sim/webhooks/deliver: tampered deliveries', () => {
  let rx: Receiver;
  let secret: string;
  let subId: string;
  const seen = new Set<string>();

  beforeEach(async () => {
    seen.clear();
    // a receiver that does what a real one should: verify, then refuse replays by jti
    rx = await startReceiver((r) => {
      const check = verifyVonageSignature({ token: r.headers['vonage-signature'] as string | undefined, body: r.body, secret, now: Date.now() });
      r.check = check;
      if (!check.ok) return 401;
      if (check.jti && seen.has(check.jti)) return 409;
      if (check.jti) seen.add(check.jti);
      return 200;
    });
    ({ id: subId, secret } = await subscribeOk(rx.url));
  });
  afterEach(() => rx.close());

  const deliver = async (tamper: WebhookTamperMode, agentId?: string) => {
    const sent = await sim.control.deliverWebhook({ subscriptionId: subId, tamper, ...(agentId ? { agentId } : {}) });
    expect(sent.deliveries).toHaveLength(1);
    const { deliveries, ...first } = sent;
    expect(first).toEqual(deliveries[0]); // the one delivery is also at the top level
    return deliveries;
  };

  it('none: a correct delivery of the current presence (default: the first agent)', async () => {
    const [d] = await deliver('none');
    const agent = sim.control.state('vonage').agents[0]!;
    expect(d).toMatchObject({ subscriptionId: subId, url: rx.url, agentId: agent.agentId, status: 200, tampered: 'none', jti: expect.stringMatching(GUID) });
    const r = rx.received[0]!;
    expect(r.check).toEqual({ ok: true, jti: d!.jti, expiresAt: expect.any(Number) });
    expect(r.body.toString()).toBe(d!.body);
    expect(r.headers['vonage-signature']).toBe(d!.signature);
    expect(r.headers['content-type']).toBe('application/cloudevents+json');
    expect(d!.contentType).toBe('application/cloudevents+json');
    checkJwtByHand(d!.signature!.replace(/^Bearer /, ''), r.body, secret);
    const event = JSON.parse(d!.body);
    expect(event.id).toBe(d!.eventId);
    expect(event.data.presence.presenceId).toBe(agent.statusId);
    expect(event.data.timestamp).toBe(agent.since);
    expect(normalizeVonageEvent(event).agentId).toBe(agent.agentId);
  });

  const refused: Array<[WebhookTamperMode, string]> = [
    ['unsigned', 'missing'],
    ['bad-signature', 'signature'],
    ['payload', 'payload'],
    ['expired', 'expired'],
    ['wrong-alg', 'algorithm'],
  ];
  it.each(refused)('%s: refused by presence-core with problem "%s"', async (tamper, problem) => {
    const agentId = agentIds()[2]!;
    const [d] = await deliver(tamper, agentId);
    expect(d).toMatchObject({ subscriptionId: subId, agentId, status: 401, tampered: tamper, eventId: expect.stringMatching(GUID) });
    const r = rx.received[0]!;
    expect(r.check).toMatchObject({ ok: false, problem });
    expect(r.body.toString()).toBe(d!.body);
    if (tamper === 'unsigned') {
      expect(r.headers['vonage-signature']).toBeUndefined();
      expect(d!.jti).toBeNull();
      expect(d!.signature).toBeNull();
      return;
    }
    const [h, c] = (r.headers['vonage-signature'] as string).replace(/^Bearer /, '').split('.') as [string, string];
    const header = b64urlJson(h);
    const claims = b64urlJson(c);
    expect(claims.jti).toBe(d!.jti);
    const bodyHash = createHash('sha256').update(r.body).digest('hex');
    if (tamper === 'payload') {
      expect(claims.payload_hash).not.toBe(bodyHash);
      expect(JSON.parse(d!.body).data.presence.description).toMatch(/\(tampered\)$/);
    } else {
      expect(claims.payload_hash).toBe(bodyHash);
    }
    if (tamper === 'expired') {
      expect(claims.exp).toBe(claims.iat + 300);
      expect(Date.now() / 1000 - claims.iat).toBeGreaterThanOrEqual(599);
    }
    expect(header.alg).toBe(tamper === 'wrong-alg' ? 'none' : 'HS256');
    const signedWithSecret = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${h}.${c}`).digest('base64url');
    expect(signedWithSecret === (r.headers['vonage-signature'] as string).split('.')[2]).toBe(tamper !== 'bad-signature');
    expect(sim.control.webhookDeliveries({ subscriptionId: subId })).toEqual([
      expect.objectContaining({ eventId: d!.eventId, agentId, status: 401, attempt: 1, tampered: tamper, jti: d!.jti }),
    ]);
  });

  it('replay: the exact bytes and header of the last delivery; it passes the verifier with the same jti, the receiver refuses it', async () => {
    const agentId = agentIds()[3]!;
    change(agentId, TRAINING);
    await waitUntil('the delivery', () => rx.received.length === 1);
    await sim.control.webhooksIdle();
    const original = rx.received[0]!;
    expect(original.check).toMatchObject({ ok: true });
    change(agentIds()[4]!, BREAK); // sent, then replayed
    await waitUntil('the delivery', () => rx.received.length === 2);
    await sim.control.webhooksIdle();
    const last = rx.received[1]!;
    const [d] = await deliver('replay');
    const replay = rx.received[2]!;
    expect(replay.body.equals(last.body)).toBe(true);
    expect(replay.headers['vonage-signature']).toBe(last.headers['vonage-signature']);
    expect(replay.check).toEqual(last.check); // the signature is still valid...
    expect(replay.check).toMatchObject({ ok: true });
    expect(d).toMatchObject({ status: 409, tampered: 'replay', agentId: agentIds()[4], eventId: JSON.parse(last.body.toString()).id });
    expect(d!.jti).toBe((last.check as { jti: string }).jti); // ...and carries the same jti
  });

  it('replay with nothing sent yet is a 400; unknown subscription or agent a 404', async () => {
    await expect(deliver('replay')).rejects.toMatchObject({ status: 400, field: 'tamper' });
    await expect(sim.control.deliverWebhook({ subscriptionId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ status: 404 });
    await expect(sim.control.deliverWebhook({ agentId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ status: 404, field: 'agentId' });
    await expect(sim.control.deliverWebhook({ tamper: 'sideways' as WebhookTamperMode })).rejects.toMatchObject({ status: 400, field: 'tamper' });
    expect(rx.received).toEqual([]);
  });

  it('works over HTTP, to every enabled subscription by default', async () => {
    const res = await call(`${sim.url}/_sim/webhooks/deliver`, { method: 'POST', json: { tamper: 'unsigned' } });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ subscriptionId: subId, status: 401, tampered: 'unsigned' });
    expect(body.deliveries).toEqual([
      expect.objectContaining({ subscriptionId: subId, status: 401, tampered: 'unsigned', jti: null, eventId: expect.stringMatching(GUID) }),
    ]);
    const ok = await call(`${sim.url}/_sim/webhooks/deliver`, { method: 'POST', json: { subscriptionId: subId, agentId: agentIds()[1] } });
    expect(ok.json().deliveries[0]).toMatchObject({ status: 200, agentId: agentIds()[1], tampered: 'none' });
    const bad = await call(`${sim.url}/_sim/webhooks/deliver`, { method: 'POST', json: { tamper: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ error: expect.stringContaining('tamper'), field: 'tamper' });
    const listed = (await call(`${sim.url}/_sim`)).json().endpoints.join('\n');
    expect(listed).toContain('/_sim/webhooks/deliver');
  });
});

// ------------------------------------------------------------------ reset and close

describe('reset and close', () => {
  it('reset clears subscriptions, queues, deliveries and webhook counters', async () => {
    const rx = await startReceiver();
    try {
      const { id } = await subscribeOk(rx.url);
      change(agentIds()[0]!);
      await waitUntil('a delivery', () => rx.received.length === 1);
      await sim.control.webhooksIdle();
      expect(sim.control.webhookDeliveries({ subscriptionId: id })).toHaveLength(1);
      sim.control.reset();
      admin = await vonageToken(sim); // reset revokes tokens
      readOnly = await vonageToken(sim, 'users:read users:write');
      expect(sim.control.webhookSubscriptions()).toEqual([]);
      expect(sim.control.webhookDeliveries()).toEqual([]);
      expect(sim.control.counters().webhooks).toEqual({ attempts: 0, delivered: 0, failedAttempts: 0, retries: 0, dropped: 0, overflow: 0, pending: 0, byHost: {} });
      change(agentIds()[0]!);
      await pause(50);
      expect(rx.received).toHaveLength(1);
      // and the new world delivers to new subscriptions
      await subscribeOk(rx.url);
      change(agentIds()[0]!);
      await waitUntil('a delivery', () => rx.received.length === 2);
      await sim.control.webhooksIdle();
    } finally {
      await rx.close();
    }
  });

  it('close() with deliveries pending and one in flight leaves no open handles', async () => {
    const handles = () => {
      const counts: Record<string, number> = {};
      for (const r of process.getActiveResourcesInfo()) counts[r] = (counts[r] ?? 0) + 1;
      return counts;
    };
    const rx = await startReceiver(() => 'hang'); // never answers
    const before = handles(); // the receiver's own handles included
    const own = await startSimulator({ agents: 5, seed: 2 });
    const token = await vonageToken(own);
    const res = await call(`${own.vendors.vonage.baseUrl}/webhooks/subscriptions`, {
      method: 'POST',
      json: { name: 'hang', url: rx.url, events: [EVENT], enabled: true, secret: secretOf() },
      headers: vonageHeaders(token),
    });
    expect(res.status).toBe(201);
    const ids = own.control.agents('vonage').agentIds;
    for (const id of ids) {
      const current = own.control.state('vonage').agents.find((a) => a.agentId === id)!;
      own.control.setPresence({ vendor: 'vonage', agentId: id, statusId: current.statusId === BREAK.presenceId ? READY.presenceId : BREAK.presenceId });
    }
    await waitUntil('the first delivery to arrive', () => rx.received.length === 1);
    expect(own.control.counters().webhooks.pending).toBe(ids.length);
    const socketClosed = new Promise<void>((resolve) => rx.received[0]!.socket.once('close', () => resolve()));
    // a manual one in flight too (its outcome captured at once, so the rejection is handled)
    const manual = own.control.deliverWebhook({ tamper: 'none' }).then(
      () => 'resolved',
      (error: unknown) => error,
    );
    await waitUntil('the manual delivery to arrive', () => rx.received.length === 2);

    await own.close();
    await socketClosed; // the simulator hung up, not the receiver
    // no timer left behind (retry waits, request timeouts, the clock tick), while the receiver still runs
    expect(Math.max(0, (handles().Timeout ?? 0) - (before.Timeout ?? 0))).toBe(0);
    expect(await manual).toMatchObject({ status: 409, message: expect.stringContaining('abandoned') });
    expect(own.control.counters().webhooks.pending).toBe(0);
    expect(own.control.webhookDeliveries()).toEqual([]); // aborted attempts are not recorded
    await pause(100);
    expect(rx.received).toHaveLength(2);
    await rx.close();
    await pause(20);
    const after = handles();
    for (const kind of ['TCPSocketWrap', 'TCPServerWrap', 'Timeout']) {
      expect({ kind, excess: Math.max(0, (after[kind] ?? 0) - (before[kind] ?? 0)) }).toEqual({ kind, excess: 0 });
    }
  });
});
