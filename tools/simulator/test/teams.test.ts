/**
 * Microsoft Graph presence (Teams) over HTTP: the identity platform's token, users, presence of one
 * and many, the app's presence session and the user's preferred presence with their precedence,
 * time-outs and expiries, and change-notification subscriptions with the validation handshake.
 * No core client yet: requests are made by hand, as Graph's references show them.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSimulator, type Simulator } from '../src';
import { bearer, call, teamsToken, type RawResponse } from './helpers';

const MIN = 60_000;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sim: Simulator;
let graph: string;
let token: string;
beforeAll(async () => {
  sim = await startSimulator({ agents: 30, seed: 18, webhookRetryDelaysMs: [20] });
  graph = sim.vendors.teams.baseUrl;
});
beforeEach(async () => {
  sim.control.reset({});
  token = await teamsToken(sim);
});
afterAll(() => sim.close());

const agents = () => sim.control.agents('teams').agentIds;
const others = () => sim.control.agents('teams').users.filter((u) => u.kind !== 'agent').map((u) => u.id);
const get = (path: string, t = token) => call(`${graph}${path}`, { headers: bearer(t) });
const post = (path: string, json: unknown, t = token) => call(`${graph}${path}`, { method: 'POST', headers: bearer(t), json });
const shown = (id: string) => {
  const [truth] = sim.control.teamsPresence(id);
  return `${truth!.availability}/${truth!.activity}`;
};
const setClient = (id: string, statusId: string) => sim.control.setPresence({ vendor: 'teams', agentId: id, statusId });
const appId = () => sim.credentials.teams.clientId;
const setPresence = (id: string, availability: string, activity: string, extra: Record<string, unknown> = {}) =>
  post(`/users/${id}/presence/setPresence`, { sessionId: appId(), availability, activity, ...extra });

function expectGraphError(res: RawResponse, status: number, code: string, message?: RegExp) {
  expect(res.status).toBe(status);
  const body = res.json();
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toEqual({
    code,
    message: message ? expect.stringMatching(message) : expect.any(String),
    innerError: { 'request-id': expect.stringMatching(GUID), date: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) },
  });
}

describe('token (identity platform, client credentials)', () => {
  const form = (over: Record<string, string | undefined> = {}) => {
    const c = sim.credentials.teams;
    const all: Record<string, string | undefined> = {
      client_id: c.clientId,
      client_secret: c.clientSecret,
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
      ...over,
    };
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>;
  };

  it('issues a bearer token at /{tenant}/oauth2/v2.0/token', async () => {
    expect(sim.vendors.teams.tokenUrl).toBe(`${sim.url}/teams/${sim.credentials.teams.tenantId}/oauth2/v2.0/token`);
    const res = await call(sim.vendors.teams.tokenUrl, { method: 'POST', form: form() });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ token_type: 'Bearer', expires_in: 3599, access_token: expect.any(String) });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('takes the secret by HTTP Basic too', async () => {
    const c = sim.credentials.teams;
    const res = await call(sim.vendors.teams.tokenUrl, {
      method: 'POST',
      form: form({ client_id: undefined, client_secret: undefined }),
      headers: { authorization: `Basic ${Buffer.from(`${c.clientId}:${c.clientSecret}`).toString('base64')}` },
    });
    expect(res.status).toBe(200);
  });

  it.each([
    ['an unknown tenant', 'tenant', 400, 'invalid_request', 90002],
    ['a wrong secret', { client_secret: 'nope' }, 401, 'invalid_client', 7000215],
    ['an unknown client', { client_id: '00000000-0000-4000-8000-000000000000' }, 400, 'unauthorized_client', 700016],
    ['a scope without /.default', { scope: 'Presence.Read.All' }, 400, 'invalid_scope', 1002012],
    ['no scope', { scope: undefined }, 400, 'invalid_request', 900144],
    ['another grant', { grant_type: 'password' }, 400, 'unsupported_grant_type', 70003],
  ] as const)('refuses %s with the identity platform error body', async (_what, over, status, error, code) => {
    const url = over === 'tenant' ? sim.vendors.teams.tokenUrl.replace(sim.credentials.teams.tenantId, 'contoso.example') : sim.vendors.teams.tokenUrl;
    const res = await call(url, { method: 'POST', form: form(over === 'tenant' ? {} : over) });
    expect(res.status).toBe(status);
    expect(res.json()).toEqual({
      error,
      error_description: expect.stringMatching(new RegExp(`^AADSTS${code}: `)),
      error_codes: [code],
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/),
      trace_id: expect.stringMatching(GUID),
      correlation_id: expect.stringMatching(GUID),
    });
  });

  it('expires tokens on the virtual clock', async () => {
    sim.control.advance(3600 * 1000);
    expectGraphError(await get(`/users/${agents()[0]}/presence`), 401, 'InvalidAuthenticationToken', /expired/);
  });
});

describe('permissions', () => {
  it('needs a token', async () => {
    expectGraphError(await call(`${graph}/users`), 401, 'InvalidAuthenticationToken', /empty/);
    expectGraphError(await get('/users', 'not-a-token'), 401, 'InvalidAuthenticationToken');
  });

  it('needs User.Read.All to list users, Presence.Read.All to read, Presence.ReadWrite.All to set', async () => {
    const id = agents()[0]!;
    sim.control.teamsRoles({ roles: ['Presence.Read.All'] });
    const readOnly = await teamsToken(sim);
    expectGraphError(await get('/users', readOnly), 403, 'Authorization_RequestDenied', /User\.Read\.All/);
    expect((await get(`/users/${id}/presence`, readOnly)).status).toBe(200);
    expect((await post('/communications/getPresencesByUserId', { ids: [id] }, readOnly)).status).toBe(200);
    for (const op of ['setPresence', 'clearPresence', 'setUserPreferredPresence', 'clearUserPreferredPresence']) {
      expectGraphError(await post(`/users/${id}/presence/${op}`, { sessionId: appId(), availability: 'Away', activity: 'Away' }, readOnly), 403, 'Forbidden', /Presence\.ReadWrite\.All/);
    }
    sim.control.teamsRoles({ roles: ['User.Read.All'] });
    const usersOnly = await teamsToken(sim);
    expect((await get('/users', usersOnly)).status).toBe(200);
    expectGraphError(await get(`/users/${id}/presence`, usersOnly), 403, 'Forbidden', /Presence\.Read\.All/);
    expectGraphError(await post('/subscriptions', {}, usersOnly), 403, 'Forbidden');
    // a token keeps the roles it was issued with
    expect((await get('/users', readOnly)).status).toBe(403);
    expect(sim.control.teamsRoles()).toEqual({ roles: ['User.Read.All'] });
    expect(() => sim.control.teamsRoles({ roles: ['Mail.Read'] })).toThrow(/unknown permission "Mail.Read"/);
  });
});

describe('users', () => {
  it('pages every directory user exactly once by @odata.nextLink', async () => {
    const ids: string[] = [];
    let url: string | undefined = `${graph}/users?$select=id,displayName,mail,userPrincipalName&$top=7`;
    let pages = 0;
    while (url) {
      const res = await call(url, { headers: bearer(token) });
      expect(res.status).toBe(200);
      const body = res.json();
      expect(body['@odata.context']).toBe(`${graph}/$metadata#users(id,displayName,mail,userPrincipalName)`);
      for (const u of body.value) {
        expect(Object.keys(u)).toEqual(['id', 'displayName', 'mail', 'userPrincipalName']);
        ids.push(u.id);
      }
      url = body['@odata.nextLink'];
      if (url) expect(url).toMatch(/\$skiptoken=/);
      pages++;
    }
    const all = sim.control.agents('teams').users.map((u) => u.id);
    expect(ids).toEqual(all);
    expect(pages).toBe(Math.ceil(all.length / 7));
  });

  it('answers the default properties without $select, and refuses what it does not serve', async () => {
    const res = await get('/users?$top=2');
    expect(Object.keys(res.json().value[0])).toEqual([
      'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id',
    ]);
    expectGraphError(await get('/users?$top=1000'), 400, 'Request_UnsupportedQuery', /between 1 and 999/);
    expectGraphError(await get('/users?$top=0'), 400, 'Request_UnsupportedQuery');
    expectGraphError(await get('/users?$select=id,nope'), 400, 'Request_BadRequest', /'nope'/);
    expectGraphError(await get("/users?$filter=startswith(displayName,'a')"), 400, 'Request_UnsupportedQuery', /\$filter/);
    expectGraphError(await get('/users?$skiptoken=garbage'), 400, 'Request_BadRequest');
  });
});

describe('presence', () => {
  it('reads one user as the ground truth shows it', async () => {
    const id = agents()[3]!;
    setClient(id, 'Busy/InAMeeting');
    const res = await get(`/users/${id.toUpperCase()}/presence`);
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ id, availability: 'Busy', activity: 'InAMeeting' });
    expect(sim.control.state('teams').agents.find((a) => a.agentId === id)!.record).toEqual(res.json());
  });

  it('refuses a malformed id (400) and an unknown user (404); a non-agent user is PresenceUnknown', async () => {
    expectGraphError(await get('/users/not-a-guid/presence'), 400, 'BadRequest');
    expectGraphError(await get('/users/00000000-0000-4000-8000-000000000000/presence'), 404, 'NotFound');
    const other = others()[0]!;
    expect((await get(`/users/${other}/presence`)).json()).toEqual({ id: other, availability: 'PresenceUnknown', activity: 'PresenceUnknown' });
  });

  it('reads many with getPresencesByUserId: in order, once each, unknown ids left out, at most 650', async () => {
    const [a, b] = agents();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await post('/communications/getPresencesByUserId', { ids: [b, unknown, a, b] });
    expect(res.status).toBe(200);
    expect(res.json().value.map((p: { id: string }) => p.id)).toEqual([b, a]);
    expect(res.json().value[0]).toEqual({ id: b, availability: expect.any(String), activity: expect.any(String) });
    const many = Array.from({ length: 651 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expectGraphError(await post('/communications/getPresencesByUserId', { ids: many }), 400, 'BadRequest', /650/);
    expect((await post('/communications/getPresencesByUserId', { ids: many.slice(0, 650) })).status).toBe(200);
    expectGraphError(await post('/communications/getPresencesByUserId', { ids: [] }), 400, 'BadRequest', /ids/);
    expectGraphError(await post('/communications/getPresencesByUserId', { ids: ['x'] }), 400, 'BadRequest', /'x'/);
    expectGraphError(await call(`${graph}/communications/getPresencesByUserId`, { method: 'POST', headers: bearer(token), body: '{"ids":[]}' }), 415, 'UnsupportedMediaType');
  });
});

describe('setPresence and clearPresence (the app session)', () => {
  it('shows the session, and refuses pairs Graph does not accept, naming the valid ones', async () => {
    const id = agents()[0]!;
    setClient(id, 'Offline/Offline');
    const res = await setPresence(id, 'Busy', 'InACall', { expirationDuration: 'PT1H' });
    expect([res.status, res.text]).toEqual([200, '']);
    expect(shown(id)).toBe('Busy/InACall');
    for (const [availability, activity] of [['Busy', 'Busy'], ['Available', 'InACall'], ['DoNotDisturb', 'DoNotDisturb'], ['Offline', 'OffWork'], ['BeRightBack', 'BeRightBack']]) {
      expectGraphError(await setPresence(id, availability!, activity!), 400, 'BadRequest', /Available\/Available, Busy\/InACall, Busy\/InAConferenceCall, Away\/Away, DoNotDisturb\/Presenting/);
    }
    expect(shown(id)).toBe('Busy/InACall');
  });

  it('takes only the app id as sessionId and an expirationDuration from PT5M to PT4H', async () => {
    const id = agents()[0]!;
    expectGraphError(await post(`/users/${id}/presence/setPresence`, { sessionId: '11111111-1111-4111-8111-111111111111', availability: 'Away', activity: 'Away' }), 400, 'BadRequest', /sessionId/);
    expectGraphError(await post(`/users/${id}/presence/setPresence`, { availability: 'Away', activity: 'Away' }), 400, 'BadRequest', /sessionId/);
    for (const bad of ['PT4M59S', 'PT4H1M', 'P1D', '1 hour', 'PT', 30]) {
      expectGraphError(await setPresence(id, 'Away', 'Away', { expirationDuration: bad }), 400, 'BadRequest', /expirationDuration/);
    }
    for (const ok of ['PT5M', 'PT4H', 'PT240M', 'PT2H30M']) expect((await setPresence(id, 'Away', 'Away', { expirationDuration: ok })).status).toBe(200);
    expectGraphError(await setPresence('00000000-0000-4000-8000-000000000000', 'Away', 'Away'), 404, 'NotFound');
    expectGraphError(await setPresence(others()[0]!, 'Away', 'Away'), 404, 'NotFound');
  });

  it('aggregates sessions: DoNotDisturb > Busy > Available > Away, whatever the user\'s client shows', async () => {
    const id = agents()[1]!;
    setClient(id, 'Busy/InAMeeting');
    await setPresence(id, 'Available', 'Available');
    expect(shown(id)).toBe('Busy/InAMeeting');
    await setPresence(id, 'DoNotDisturb', 'Presenting');
    expect(shown(id)).toBe('DoNotDisturb/Presenting');
    setClient(id, 'Available/Available');
    await setPresence(id, 'Away', 'Away');
    expect(shown(id)).toBe('Available/Available');
    await setPresence(id, 'Busy', 'InAConferenceCall');
    expect(shown(id)).toBe('Busy/InAConferenceCall');
    // the client goes on underneath: the truth keeps both
    const [truth] = sim.control.teamsPresence(id);
    expect(truth).toMatchObject({ client: { availability: 'Available', activity: 'Available' }, appSessions: [{ sessionId: appId(), availability: 'Busy', activity: 'InAConferenceCall' }] });
  });

  it('expires the session (default 5 minutes), and times an Available one out in two stages', async () => {
    sim.control.pause();
    const [a, b] = agents();
    // logged out: the scenario keeps a client offline for at least 15 minutes
    setClient(a!, 'Offline/Offline');
    setClient(b!, 'Offline/Offline');
    const t0 = sim.control.time().nowMs;
    await setPresence(a!, 'Busy', 'InACall');
    await setPresence(b!, 'Available', 'Available', { expirationDuration: 'PT1H' });
    sim.control.advance(5 * MIN - 1000);
    expect([shown(a!), shown(b!)]).toEqual(['Busy/InACall', 'Available/Available']);
    sim.control.advance(1000);
    expect([shown(a!), shown(b!)]).toEqual(['Offline/Offline', 'Available/AvailableInactive']);
    sim.control.advance(5 * MIN);
    expect(shown(b!)).toBe('Away/Away');
    // each stage is a change in the ground-truth timeline, at its own time
    const entries = sim.control.timeline({ vendor: 'teams', agentId: b! }).entries.filter((e) => Date.parse(e.at) >= t0 && e.source !== 'control');
    expect(entries.map((e) => [e.statusId, Date.parse(e.at) - t0])).toEqual([
      ['Available/Available', 0],
      ['Available/AvailableInactive', 5 * MIN],
      ['Away/Away', 10 * MIN],
    ]);
    // a refresh before the expiry keeps it alive and Available again; at the expiry only the client is left
    await setPresence(b!, 'Available', 'Available', { expirationDuration: 'PT1H' });
    expect(shown(b!)).toBe('Available/Available');
    sim.control.advance(60 * MIN);
    const [truth] = sim.control.teamsPresence(b!);
    expect(truth!.appSessions).toEqual([]);
    expect(`${truth!.availability}/${truth!.activity}`).toBe(`${truth!.client.availability}/${truth!.client.activity}`);
  });

  it('clearPresence ends the session; without one it is 404', async () => {
    const id = agents()[2]!;
    setClient(id, 'Offline/Offline');
    await setPresence(id, 'Busy', 'InACall', { expirationDuration: 'PT1H' });
    const res = await post(`/users/${id}/presence/clearPresence`, { sessionId: appId() });
    expect([res.status, res.text]).toEqual([200, '']);
    expect(shown(id)).toBe('Offline/Offline');
    expectGraphError(await post(`/users/${id}/presence/clearPresence`, { sessionId: appId() }), 404, 'NotFound');
    expectGraphError(await post(`/users/${id}/presence/clearPresence`, {}), 400, 'BadRequest', /sessionId/);
  });
});

describe('preferred presence', () => {
  it('beats every session while one exists; without a session the user is offline', async () => {
    const id = agents()[4]!;
    setClient(id, 'Available/Available');
    await setPresence(id, 'Busy', 'InACall', { expirationDuration: 'PT1H' });
    const res = await post(`/users/${id}/presence/setUserPreferredPresence`, { availability: 'BeRightBack', activity: 'BeRightBack', expirationDuration: 'PT8H' });
    expect([res.status, res.text]).toEqual([200, '']);
    expect(shown(id)).toBe('BeRightBack/BeRightBack');
    await post(`/users/${id}/presence/clearPresence`, { sessionId: appId() });
    setClient(id, 'Offline/Offline');
    expect(shown(id)).toBe('Offline/Offline');
    setClient(id, 'Busy/InAMeeting');
    expect(shown(id)).toBe('BeRightBack/BeRightBack');
    expect((await post(`/users/${id}/presence/clearUserPreferredPresence`, {})).status).toBe(200);
    expect(shown(id)).toBe('Busy/InAMeeting');
  });

  it('takes its own pairs and expires by default after a day (Busy, DoNotDisturb) or 7 days', async () => {
    const [a, b] = agents();
    setClient(a!, 'Available/Available');
    setClient(b!, 'Available/Available');
    expectGraphError(await post(`/users/${a}/presence/setUserPreferredPresence`, { availability: 'Busy', activity: 'InACall' }), 400, 'BadRequest', /Offline\/OffWork/);
    expectGraphError(await post(`/users/${a}/presence/setUserPreferredPresence`, { availability: 'Busy', activity: 'Busy', expirationDuration: 'soon' }), 400, 'BadRequest', /expirationDuration/);
    await post(`/users/${a}/presence/setUserPreferredPresence`, { availability: 'Busy', activity: 'Busy' });
    await post(`/users/${b}/presence/setUserPreferredPresence`, { availability: 'Away', activity: 'Away' });
    sim.control.pause();
    const truth = () => sim.control.teamsPresence().filter((t) => t.userId === a || t.userId === b).map((t) => t.preferred?.availability ?? null);
    expect(truth()).toEqual(['Busy', 'Away']);
    sim.control.advance(24 * 60 * MIN);
    expect(truth()).toEqual([null, 'Away']);
    sim.control.advance(6 * 24 * 60 * MIN);
    expect(truth()).toEqual([null, null]);
  });
});

// ------------------------------------------------------------------ subscriptions

interface Received {
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  url: string;
  received: Received[];
  notifications: () => Array<Record<string, any>>;
  /** How to answer the validation request (default: echo the token, 200, text/plain). */
  validation: (token: string) => { status: number; type: string; body: string };
  status: number;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    received: [],
    notifications: () => receiver.received.filter((r) => !r.url.includes('validationToken=')).flatMap((r) => JSON.parse(r.body).value),
    validation: (t) => ({ status: 200, type: 'text/plain; charset=utf-8', body: t }),
    status: 202,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      receiver.received.push({ url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const token = new URL(req.url ?? '/', 'http://x').searchParams.get('validationToken');
      if (token !== null) {
        const v = receiver.validation(token);
        res.writeHead(v.status, { 'content-type': v.type });
        res.end(v.body);
        return;
      }
      res.writeHead(receiver.status);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graph/notify?tenant=sim`;
  return receiver;
}

describe('subscriptions and change notifications', () => {
  let rx: Receiver;
  beforeEach(async () => {
    rx = await startReceiver();
    sim.control.pause();
  });
  afterEach(async () => {
    await sim.control.teamsNotificationsIdle({ timeoutMs: 2_000 });
    await rx.close();
  });

  const nowIso = (plusMs: number) => new Date(sim.control.time().nowMs + plusMs).toISOString();
  const filter = (ids: string[]) => `/communications/presences?$filter=id in (${ids.map((i) => `'${i}'`).join(',')})`;
  const subscribe = (ids: string[], over: Record<string, unknown> = {}) =>
    post('/subscriptions', { changeType: 'updated', notificationUrl: rx.url, resource: filter(ids), expirationDateTime: nowIso(59 * MIN), clientState: 'secret-42', ...over });
  const idle = () => sim.control.teamsNotificationsIdle({ timeoutMs: 5_000 });

  it('validates the notification URL, then answers the subscription', async () => {
    const ids = agents().slice(0, 3);
    const res = await subscribe(ids);
    expect(res.status).toBe(201);
    const sub = res.json();
    expect(sub).toEqual({
      '@odata.context': `${graph}/$metadata#subscriptions/$entity`,
      id: expect.stringMatching(GUID),
      resource: filter(ids),
      applicationId: appId(),
      changeType: 'updated',
      clientState: 'secret-42',
      notificationUrl: rx.url,
      expirationDateTime: nowIso(59 * MIN),
      creatorId: appId(),
      latestSupportedTlsVersion: 'v1_2',
      notificationContentType: 'application/json',
    });
    // the handshake: a POST with validationToken added to the URL's own query, text/plain
    expect(rx.received).toHaveLength(1);
    const v = rx.received[0]!;
    const url = new URL(v.url, 'http://x');
    expect(url.pathname).toBe('/graph/notify');
    expect(url.searchParams.get('tenant')).toBe('sim');
    expect(url.searchParams.get('validationToken')).toMatch(/\S/);
    expect(v.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(sim.control.teamsSubscriptions()).toEqual([expect.objectContaining({ id: sub.id, clientState: 'secret-42', userIds: ids })]);
  });

  it.each([
    ['a wrong echo', () => ({ status: 200, type: 'text/plain', body: 'something else' }), /validationToken/],
    ['a JSON answer', (t: string) => ({ status: 200, type: 'application/json', body: JSON.stringify(t) }), /text\/plain/],
    ['a 202', (t: string) => ({ status: 202, type: 'text/plain', body: t }), /202/],
  ])('refuses the subscription when the endpoint answers the validation with %s', async (_what, answer, why) => {
    rx.validation = answer;
    expectGraphError(await subscribe(agents().slice(0, 1)), 400, 'InvalidRequest', why);
    expect(sim.control.teamsSubscriptions()).toEqual([]);
  });

  it('refuses what Graph refuses: over an hour, in the past, more than 650 users, unknown users, bad resources', async () => {
    const ids = agents().slice(0, 2);
    expectGraphError(await subscribe(ids, { expirationDateTime: nowIso(61 * MIN) }), 400, 'ExtensionError', /60 minutes/);
    expectGraphError(await subscribe(ids, { expirationDateTime: nowIso(-1000) }), 400, 'BadRequest', /past/);
    const many = Array.from({ length: 651 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expectGraphError(await subscribe(many), 400, 'InvalidRequest', /650/);
    expectGraphError(await subscribe(['00000000-0000-4000-8000-000000000000']), 404, 'NotFound');
    expectGraphError(await subscribe(ids, { resource: '/users' }), 400, 'InvalidRequest', /presences/);
    expectGraphError(await subscribe(ids, { changeType: 'created' }), 400, 'InvalidRequest', /updated/);
    expectGraphError(await subscribe(ids, { notificationUrl: 'http://example.com/hook' }), 400, 'InvalidRequest', /https/);
    expectGraphError(await subscribe(ids, { includeResourceData: true }), 400, 'InvalidRequest', /encryptionCertificate/);
    expect(rx.received).toHaveLength(0);
    expect((await subscribe(ids, { expirationDateTime: nowIso(60 * MIN) })).status).toBe(201);
  });

  it('notifies every change of a subscribed user, with clientState, and nobody else\'s', async () => {
    const [a, b, c] = agents();
    const { id } = (await subscribe([a!, b!])).json();
    setClient(a!, 'Busy/InACall');
    await setPresence(b!, 'DoNotDisturb', 'Presenting');
    setClient(c!, 'Busy/InACall');
    await idle();
    const got = rx.notifications();
    expect(got.map((n) => n.resourceData.id).sort()).toEqual([a, b].sort());
    for (const n of got) {
      expect(n).toEqual({
        subscriptionId: id,
        clientState: 'secret-42',
        changeType: 'updated',
        tenantId: sim.credentials.teams.tenantId,
        resource: `communications/presences/${n.resourceData.id}`,
        subscriptionExpirationDateTime: nowIso(59 * MIN),
        resourceData: { '@odata.id': `users/${n.resourceData.id}/presence`, '@odata.type': '#microsoft.graph.presence', id: n.resourceData.id },
        organizationId: sim.credentials.teams.tenantId,
      });
    }
    const posts = rx.received.filter((r) => !r.url.includes('validationToken'));
    expect(posts.every((r) => r.headers['content-type'] === 'application/json')).toBe(true);
    expect(sim.control.teamsNotifications({ subscriptionId: id }).map((d) => [d.userId, d.status])).toEqual(
      expect.arrayContaining([[a, 202], [b, 202]]),
    );
  });

  it('notifies each presence change the world makes, as the timeline records them', async () => {
    const ids = agents().slice(0, 10);
    await subscribe(ids);
    const since = sim.control.timeline({ limit: 1 }).lastSeq;
    sim.control.advance(45 * MIN);
    await idle();
    const changes = sim.control.timeline({ vendor: 'teams', sinceSeq: since, limit: 100_000 }).entries.filter((e) => ids.includes(e.agentId));
    expect(changes.length).toBeGreaterThan(5);
    expect(rx.notifications().map((n) => n.resourceData.id)).toEqual(changes.map((e) => e.agentId));
  });

  it('renews with PATCH (at most an hour ahead), deletes with DELETE, and forgets expired ones', async () => {
    const [a] = agents();
    const { id } = (await subscribe([a!], { expirationDateTime: nowIso(10 * MIN) })).json();
    const renewed = await call(`${graph}/subscriptions/${id}`, { method: 'PATCH', headers: bearer(token), json: { expirationDateTime: nowIso(60 * MIN) } });
    expect(renewed.status).toBe(200);
    expect(renewed.json().expirationDateTime).toBe(nowIso(60 * MIN));
    expectGraphError(await call(`${graph}/subscriptions/${id}`, { method: 'PATCH', headers: bearer(token), json: { expirationDateTime: nowIso(61 * MIN) } }), 400, 'ExtensionError');
    expectGraphError(await call(`${graph}/subscriptions/${id}`, { method: 'PATCH', headers: bearer(token), json: { clientState: 'x', expirationDateTime: nowIso(5 * MIN) } }), 400, 'BadRequest', /clientState/);
    expect((await get(`/subscriptions/${id}`)).json().id).toBe(id);
    sim.control.advance(60 * MIN);
    token = await teamsToken(sim);
    expectGraphError(await get(`/subscriptions/${id}`), 404, 'ResourceNotFound');
    setClient(a!, 'Busy/InACall');
    setClient(a!, 'Away/Away');
    await idle();
    expect(rx.notifications()).toEqual([]);

    const second = (await subscribe([a!])).json();
    expect((await get('/subscriptions')).json().value.map((s: { id: string }) => s.id)).toEqual([second.id]);
    const del = await call(`${graph}/subscriptions/${second.id}`, { method: 'DELETE', headers: bearer(token) });
    expect([del.status, del.text]).toEqual([204, '']);
    expectGraphError(await call(`${graph}/subscriptions/${second.id}`, { method: 'DELETE', headers: bearer(token) }), 404, 'ResourceNotFound');
    setClient(a!, 'Busy/InACall');
    await idle();
    expect(rx.notifications()).toEqual([]);
  });

  it('retries a failed notification, then gives it up', async () => {
    const [a] = agents();
    const { id } = (await subscribe([a!])).json();
    rx.status = 500;
    setClient(a!, 'Busy/InACall');
    await idle();
    expect(sim.control.teamsNotifications({ subscriptionId: id }).map((d) => [d.attempt, d.status])).toEqual([[1, 500], [2, 500]]);
    expect(sim.control.counters().teamsNotifications).toMatchObject({ attempts: 2, delivered: 0, failedAttempts: 2, dropped: 1, pending: 0 });
  });
});

describe('faults, control and errors', () => {
  it('answers faults in Graph\'s shape; token-expiry revokes the tokens', async () => {
    const id = agents()[0]!;
    sim.control.addFault({ vendor: 'teams', endpoint: '/v1.0/users/{userId}/presence', kind: '429', count: 1, retryAfterSeconds: 3 });
    const limited = await get(`/users/${id}/presence`);
    expectGraphError(limited, 429, 'TooManyRequests');
    expect(limited.headers['retry-after']).toBe('3');
    sim.control.addFault({ vendor: 'teams', endpoint: 'POST /v1.0/communications/getPresencesByUserId', kind: '503', count: 1 });
    expectGraphError(await post('/communications/getPresencesByUserId', { ids: [id] }), 503, 'serviceNotAvailable');
    sim.control.addFault({ vendor: 'teams', endpoint: '/{tenant}/oauth2/v2.0/token', kind: '503', count: 1 });
    const tokenFault = await call(sim.vendors.teams.tokenUrl, { method: 'POST', form: {} });
    expect([tokenFault.status, tokenFault.json().error]).toEqual([503, 'temporarily_unavailable']);
    sim.control.addFault({ vendor: 'teams', endpoint: '*', kind: 'token-expiry', count: 1 });
    expectGraphError(await get('/users'), 401, 'InvalidAuthenticationToken', /expired/);
    expectGraphError(await get('/users'), 401, 'InvalidAuthenticationToken');
    sim.control.addFault({ vendor: 'teams', endpoint: 'GET /v1.0/users/{userId}/presence', kind: 'drift-missing', count: 1 });
    const fresh = await teamsToken(sim);
    expect(Object.keys((await get(`/users/${id}/presence`, fresh)).json())).toEqual(['id', 'activity']);
  });

  it('moves a user through the control API, by Availability/Activity, and shows the truth there', async () => {
    const id = agents()[5]!;
    const moved = setClient(id, 'doNotDisturb/presenting');
    expect(moved.record).toEqual({ id, availability: 'DoNotDisturb', activity: 'Presenting' });
    expect(() => setClient(id, 'Busy/Sleeping')).toThrow(/unknown teams status "Busy\/Sleeping" \(known: Available\/Available, /);
    const http = (await call(`${sim.url}/_sim/teams/presence?userId=${id}`)).json();
    expect(http.users).toEqual([expect.objectContaining({ userId: id, availability: 'DoNotDisturb', activity: 'Presenting', appSessions: [], preferred: null })]);
    expect((await call(`${sim.url}/_sim/teams/presence?userId=00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    const roles = await call(`${sim.url}/_sim/teams/roles`, { method: 'POST', json: { roles: ['Presence.Read.All'] } });
    expect(roles.json()).toEqual({ roles: ['Presence.Read.All'] });
    expect((await call(`${sim.url}/_sim`)).json().endpoints.join('\n')).toContain('/_sim/teams/presence');
  });

  it('answers unknown Graph paths and methods in Graph\'s shape', async () => {
    expectGraphError(await get('/nowhere'), 400, 'BadRequest', /'nowhere'/);
    expectGraphError(await call(`${graph}/users`, { method: 'DELETE', headers: bearer(token) }), 405, 'Request_BadRequest');
  });
});
