/**
 * Every request and answer in reference/ (the vendors' published examples and field lists)
 * through the core: a transport answers exactly the fixture's body, and the test asserts what
 * the core made of it, and that the request the core sent is the fixture's.
 */
import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ContractError,
  createCirrusClient,
  createTalkdeskClient,
  createVonageClient,
  InputError,
  VendorApiError,
  withClientCredentials,
  type HttpRequest,
  type HttpTransport,
} from '../src';
import { normalizeVonageEvent, verifyVonageSignature, VonageSubscriptionSchema } from '../src/vendors/vonage';

interface Fixture {
  source: string;
  basis: 'example' | 'fields' | 'guess';
  note?: string;
  request: { method: string; path: string; query?: Record<string, string>; headers?: Record<string, string>; body?: unknown; form?: Record<string, string> };
  response: { status: number; body?: unknown; bodyText?: string };
}

const root = join(__dirname, '..', 'reference');
const vendors = ['cirrus', 'vonage', 'talkdesk'] as const;
const files = vendors.flatMap((vendor) =>
  readdirSync(join(root, vendor))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${vendor}/${f.replace(/\.json$/, '')}`),
);
function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(join(root, `${name}.json`), 'utf8')) as Fixture;
}

/** A transport answering each request with the fixture whose method and path it matches (or the only one given). */
function answering(...names: string[]) {
  const fixtures = names.map(fixture);
  const sent: HttpRequest[] = [];
  const transport: HttpTransport = {
    async request(req) {
      sent.push(req);
      const path = new URL(req.url).pathname;
      const fx = fixtures.length === 1 ? fixtures[0]! : fixtures.find((f) => f.request.method === req.method && path.endsWith(f.request.path));
      if (!fx) throw new Error(`no fixture answers ${req.method} ${path}`);
      const body = fx.response.bodyText ?? (fx.response.body === undefined ? '' : JSON.stringify(fx.response.body));
      return { status: fx.response.status, headers: { 'content-type': 'application/json' }, body };
    },
  };
  return { transport, sent, fixtures };
}

/** The request the core sent is the fixture's: method, path, the query and body it gives. */
function expectRequest(req: HttpRequest | undefined, name: string) {
  const { request } = fixture(name);
  expect(req).toBeDefined();
  const url = new URL(req!.url);
  expect([req!.method, url.pathname]).toEqual([request.method, request.path]);
  for (const [key, value] of Object.entries(request.query ?? {})) expect([key, url.searchParams.get(key)]).toEqual([key, value]);
  if (request.body !== undefined) expect(req!.body).toEqual(request.body);
  if (request.form !== undefined) {
    const form = Object.fromEntries(new URLSearchParams(String(req!.body)));
    for (const [key, value] of Object.entries(request.form)) expect([key, form[key]]).toEqual([key, value]);
  }
}

const noRetry = { retry: { maxAttempts: 1 } };
const vonage = (t: HttpTransport) => createVonageClient({ transport: t, ...noRetry });
const talkdesk = (t: HttpTransport) => createTalkdeskClient({ transport: t, ...noRetry });
const cirrus = (t: HttpTransport) => createCirrusClient({ transport: t, ...noRetry });

async function rejection(promise: Promise<unknown>): Promise<VendorApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorApiError);
  return error as VendorApiError;
}

const VONAGE_USER = 'daab05ec-ba50-45af-a6fd-3b01cdc6f39b';
const LOGGED_OUT = { id: 'eaed6862-14fa-4114-be62-b8709b5d4a49', name: 'Logged Out', category: 'LoggedOut' };
const TALKDESK_USER = '5c6f2a1b9e8d7c0087654321';

function signed(body: string, secret: string): string {
  const b64u = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const iat = Math.floor(Date.now() / 1000);
  const head = `${b64u({ alg: 'HS256', typ: 'JWT' })}.${b64u({ iat, exp: iat + 300, jti: 'j-1', iss: 'Vonage', payload_hash: createHash('sha256').update(body).digest('hex') })}`;
  return `${head}.${createHmac('sha256', Buffer.from(secret, 'base64')).update(head).digest('base64url')}`;
}

const cases: Record<string, () => Promise<void>> = {
  // ------------------------------------------------------------------ Vonage
  'vonage/presence-one': async () => {
    const { transport, sent } = answering('vonage/presence-one');
    expect(await vonage(transport).getPresence(VONAGE_USER)).toEqual({
      vendor: 'vonage',
      agentId: VONAGE_USER,
      name: null,
      email: null,
      state: 'offline',
      status: LOGGED_OUT,
      since: '2021-10-22T13:16:26.730Z',
      sinceSource: 'vendor',
      activity: null,
    });
    expectRequest(sent[0], 'vonage/presence-one');
    expect(sent[0]!.headers.Accept).toBe('application/vnd.newvoicemedia.v1+json');
  },
  'vonage/presences-many': async () => {
    const { transport, sent } = answering('vonage/presences-many');
    const ids = ['daab05ec-ba50-45af-a6fd-3b01cdc6f39b', 'c07da2cc-7a64-476e-aa95-be7042332a95'];
    const batch = await vonage(transport).getPresences(ids);
    expect(batch.presences.map((p) => [p.agentId, p.state, p.status.name])).toEqual([
      [ids[0], 'offline', 'Logged Out'],
      [ids[1], 'available', 'Ready'],
    ]);
    expect([batch.failures, batch.missing]).toEqual([[], []]);
    expectRequest(sent[0], 'vonage/presences-many');
  },
  'vonage/set-presence': async () => {
    const { transport, sent } = answering('vonage/set-presence');
    const presence = await vonage(transport).setPresence(VONAGE_USER, LOGGED_OUT.id);
    expect(presence).toMatchObject({ agentId: VONAGE_USER, state: 'offline', status: LOGGED_OUT });
    expectRequest(sent[0], 'vonage/set-presence');
  },
  'vonage/presence-history': async () => {
    const { transport, sent } = answering('vonage/presence-history');
    const { query } = fixture('vonage/presence-history').request;
    const stints = await vonage(transport).getPresenceHistory({ from: query!.start!, to: query!.end });
    expect(stints).toEqual([
      {
        vendor: 'vonage',
        agentId: '01',
        state: 'offline',
        status: { id: null, name: 'Logged Out', category: 'LoggedOut' },
        start: '2019-12-19T15:47:07.077Z',
        end: '2019-12-19T15:47:16.600Z',
        durationMs: 9523,
      },
      {
        vendor: 'vonage',
        agentId: '01',
        state: 'available',
        status: { id: null, name: 'Ready', category: 'Ready' },
        start: '2019-12-19T15:47:16.600Z',
        end: null,
        durationMs: null,
      },
    ]);
    // upTo reached the end of the window: one request
    expect(sent).toHaveLength(1);
    expectRequest(sent[0], 'vonage/presence-history');
    expect(sent[0]!.headers.Accept).toBe('application/vnd.newvoicemedia.v1+json');
  },
  'vonage/presence-history-window': async () => {
    const { query } = fixture('vonage/presence-history-window').request;
    // the core refuses the fixture's 48-day window itself, before any request
    const { transport, sent } = answering('vonage/presence-history-window');
    await expect(vonage(transport).getPresenceHistory({ from: query!.start!, to: query!.end })).rejects.toThrow(InputError);
    expect(sent).toHaveLength(0);
    // and the vendor's own refusal keeps its message
    const error = await rejection(vonage(transport).getPresenceHistory({ from: '2019-12-01T00:00:00.000Z', to: '2019-12-19T00:00:00.000Z' }));
    expect([error.httpStatus, error.vendorMessage]).toEqual([400, 'Request window size limit exceeded 31 days']);
  },
  'vonage/presence-definitions': async () => {
    const { transport, sent } = answering('vonage/presence-definitions');
    const statuses = await vonage(transport).listStatuses();
    expect(statuses.map((s) => [s.name, s.category, s.state])).toEqual([
      ['Logged Out', 'LoggedOut', 'offline'],
      ['Ready', 'Ready', 'available'],
      // the extended type is kept in the common status
      ['Ready Outbound', 'Ready/readyOutbound', 'available'],
    ]);
    // and a state mapping can match it by its sub-category
    const mapped = await vonage(transport).listStatuses({ mapping: { readyOutbound: 'busy' } });
    expect(mapped.map((s) => s.state)).toEqual(['offline', 'available', 'busy']);
    expectRequest(sent[0], 'vonage/presence-definitions');
  },
  'vonage/users-page': async () => {
    const { transport, sent } = answering('vonage/users-page');
    expect(await vonage(transport).listAgents()).toEqual([{ vendor: 'vonage', agentId: VONAGE_USER, name: 'Ava Patel', email: 'ava.patel@example.com', team: null }]);
    // one short page: the documented first page, 1, and nothing more
    expect(sent).toHaveLength(1);
    expectRequest(sent[0], 'vonage/users-page');
    expect(sent[0]!.headers.Accept).toBe('application/vnd.newvoicemedia.v4+json');
  },
  'vonage/users-page-zero': async () => {
    // The core never asks page 0; the answer it would get still reads as the vendor's error.
    const { transport, sent } = answering('vonage/users-page-zero');
    const error = await rejection(vonage(transport).listAgents());
    expect([error.httpStatus, error.vendorMessage]).toEqual([400, 'page: The field page must be 1 or greater.']);
    expect(sent.map((r) => new URL(r.url).searchParams.get('page'))).toEqual(['1']);
  },
  'vonage/token': async () => {
    const { transport, sent } = answering('vonage/token');
    const auth = withClientCredentials(transport, { vendor: 'vonage', tokenUrl: 'https://emea.cc.vonage.com/Auth/connect/token', clientId: 'my-client', clientSecret: 'my-secret', scope: 'users:read users:write', clientAuthentication: 'body' });
    await auth.request({ method: 'GET', url: 'https://emea.api.newvoicemedia.com/agents/presence-definitions', headers: {} });
    expectRequest(sent[0], 'vonage/token');
    expect(sent[1]!.headers.Authorization).toBe(`Bearer ${(fixture('vonage/token').response.body as { access_token: string }).access_token}`);
  },
  'vonage/token-error': async () => {
    const { transport } = answering('vonage/token-error');
    const auth = withClientCredentials(transport, { vendor: 'vonage', tokenUrl: 'https://emea.cc.vonage.com/Auth/connect/token', clientId: 'my-client', clientSecret: 'my-secret', clientAuthentication: 'body' });
    const error = await rejection(auth.request({ method: 'GET', url: 'https://emea.api.newvoicemedia.com/agents/presence-definitions', headers: {} }));
    expect([error.httpStatus, error.code, error.vendorMessage]).toEqual([400, 'invalid_scope', 'scope is required']);
    expect(error.hint).toMatch(/scopes/);
  },
  'vonage/subscription-create': async () => {
    const { transport, sent } = answering('vonage/subscription-create');
    const request = fixture('vonage/subscription-create').request.body as { name: string; url: string; secret: string };
    const created = await vonage(transport).createWebhookSubscription({ name: request.name, url: request.url, secret: request.secret });
    expect(created).toMatchObject({ id: '0b6f2f0e-5f5c-4c0d-9b1a-2f3e4d5c6b7a', name: request.name, enabled: true });
    expectRequest(sent[0], 'vonage/subscription-create');
  },
  'vonage/subscription-list': async () => {
    const { transport, sent } = answering('vonage/subscription-list');
    expect((await vonage(transport).listWebhookSubscriptions()).map((s) => s.id)).toEqual(['0b6f2f0e-5f5c-4c0d-9b1a-2f3e4d5c6b7a']);
    expectRequest(sent[0], 'vonage/subscription-list');
  },
  'vonage/subscription-delete': async () => {
    const { transport, sent } = answering('vonage/subscription-delete');
    await expect(vonage(transport).deleteWebhookSubscription('0b6f2f0e-5f5c-4c0d-9b1a-2f3e4d5c6b7a')).resolves.toBeUndefined();
    expectRequest(sent[0], 'vonage/subscription-delete');
  },
  'vonage/subscription-delete-unknown': async () => {
    const { transport } = answering('vonage/subscription-delete-unknown');
    const error = await rejection(vonage(transport).deleteWebhookSubscription('0b6f2f0e-5f5c-4c0d-9b1a-2f3e4d5c6b7a'));
    expect([error.httpStatus, error.vendorMessage]).toEqual([404, "Webhook subscription '0b6f2f0e-5f5c-4c0d-9b1a-2f3e4d5c6b7a' was not found."]);
  },
  'vonage/subscription-get': async () => {
    // not called by the core (it lists); the same record shape must read
    expect(VonageSubscriptionSchema.parse(fixture('vonage/subscription-get').response.body).id).toBe('0b6f2f0e-5f5c-4c0d-9b1a-2f3e4d5c6b7a');
  },
  'vonage/subscription-name-taken': async () => {
    const { transport } = answering('vonage/subscription-name-taken');
    const request = fixture('vonage/subscription-name-taken').request.body as { name: string; url: string; secret: string };
    const error = await rejection(vonage(transport).createWebhookSubscription(request));
    expect([error.httpStatus, error.vendorMessage]).toEqual([400, `name: A subscription named '${request.name}' already exists.`]);
  },
  'vonage/webhook-event': async () => {
    const { request } = fixture('vonage/webhook-event');
    const body = JSON.stringify(request.body);
    const secret = Buffer.alloc(32, 7).toString('base64');
    // the header as Vonage sends it: `Bearer <jwt>`
    expect(verifyVonageSignature({ token: `Bearer ${signed(body, secret)}`, body, secret, now: Date.now() })).toMatchObject({ ok: true, jti: 'j-1' });
    const presence = normalizeVonageEvent(JSON.parse(body));
    expect(presence).toEqual({
      vendor: 'vonage',
      agentId: VONAGE_USER,
      state: 'available',
      name: null,
      email: null,
      status: { id: '5d0b4a3e-8f2c-4e61-9a7d-2c1f0e9b7a11', name: 'Ready Outbound', category: 'Ready/readyOutbound' },
      since: '2025-01-06T09:00:00.000Z',
      sinceSource: 'vendor',
      activity: null,
    });
    expect(normalizeVonageEvent(JSON.parse(body), { mapping: { readyOutbound: 'busy' } }).state).toBe('busy');
  },
  'vonage/error-message': async () => {
    const { transport } = answering('vonage/error-message');
    const error = await rejection(vonage(transport).getPresence(VONAGE_USER));
    expect([error.httpStatus, error.vendorMessage]).toEqual([401, 'Authorization has been denied for this request.']);
  },
  'vonage/error-bad-guid': async () => {
    // The core refuses a malformed id before asking; the vendor's {message} still reads when it comes.
    await expect(vonage(answering('vonage/error-bad-guid').transport).getPresence('not-a-guid')).rejects.toBeInstanceOf(InputError);
    const error = await rejection(vonage(answering('vonage/error-bad-guid').transport).getPresence(VONAGE_USER));
    expect([error.httpStatus, error.vendorMessage]).toEqual([400, "The value 'not-a-guid' is not valid."]);
  },
  'vonage/error-query-limit': async () => {
    const { transport } = answering('vonage/error-query-limit');
    const batch = await vonage(transport).getPresences([VONAGE_USER]);
    const error = batch.failures[0]?.error as VendorApiError;
    expect(error).toBeInstanceOf(VendorApiError);
    expect([error.code, error.vendorMessage]).toEqual(['Query limit', 'A maximum of 50 user IDs is allowed in one query; 51 were given.']);
  },
  'vonage/error-validation': async () => {
    const { transport } = answering('vonage/error-validation');
    const error = await rejection(vonage(transport).setPresence(VONAGE_USER, '00000000-0000-4000-8000-000000000000'));
    expect([error.code, error.vendorMessage]).toEqual(['One or more validation errors occurred.', "presenceId: Presence definition '00000000-0000-4000-8000-000000000000' does not exist."]);
  },
  'vonage/error-version': async () => {
    const { transport } = answering('vonage/error-version');
    const error = await rejection(vonage(transport).listStatuses());
    expect([error.code, error.vendorMessage]).toEqual(['ApiVersionUnspecified', 'An API version is required, but was not specified.']);
  },

  // ------------------------------------------------------------------ Talkdesk
  'talkdesk/presence-one': async () => {
    const { transport, sent } = answering('talkdesk/presence-one');
    const presence = await talkdesk(transport).getPresence(TALKDESK_USER);
    expect(presence).toMatchObject({ vendor: 'talkdesk', agentId: TALKDESK_USER, status: { id: 'available' }, since: '2024-03-04T09:15:00.000Z', activity: { occupancy: 1, interactions: 1 } });
    expectRequest(sent[0], 'talkdesk/presence-one');
  },
  'talkdesk/set-status': async () => {
    const { transport, sent } = answering('talkdesk/set-status', 'talkdesk/presence-one');
    // 204 without a body: the presence is read back
    expect(await talkdesk(transport).setPresence(TALKDESK_USER, 'away')).toMatchObject({ agentId: TALKDESK_USER, status: { id: 'available' } });
    expectRequest(sent[0], 'talkdesk/set-status');
    expectRequest(sent[1], 'talkdesk/presence-one');
  },
  'talkdesk/occupancy-change': async () => {
    const { transport, sent } = answering('talkdesk/occupancy-change', 'talkdesk/presence-one');
    const { body } = fixture('talkdesk/occupancy-change').request;
    // 204 without a body: the presence is read back
    expect(await talkdesk(transport).changeOccupancy(TALKDESK_USER, body as unknown[])).toMatchObject({ agentId: TALKDESK_USER });
    expectRequest(sent[0], 'talkdesk/occupancy-change');
    expect(sent[0]!.method).toBe('PATCH');
    expectRequest(sent[1], 'talkdesk/presence-one');
  },
  'talkdesk/occupancy-error-422': async () => {
    const { transport, sent } = answering('talkdesk/occupancy-error-422');
    const error = await rejection(talkdesk(transport).changeOccupancy(TALKDESK_USER, fixture('talkdesk/occupancy-error-422').request.body as unknown[]));
    expect([error.httpStatus, error.code]).toEqual([422, '0330422']);
    expect(error.vendorMessage).toContain('test failed');
    expectRequest(sent[0], 'talkdesk/occupancy-error-422');
  },
  'talkdesk/set-status-custom': async () => {
    const { transport, sent } = answering('talkdesk/set-status-custom', 'talkdesk/presence-one');
    await talkdesk(transport).setPresence(TALKDESK_USER, 'b8a1f3c2-0d4e-4f5a-9b6c-7d8e9f0a1b2c');
    expectRequest(sent[0], 'talkdesk/set-status-custom');
  },
  'talkdesk/custom-statuses': async () => {
    const { transport, sent } = answering('talkdesk/custom-statuses');
    const statuses = await talkdesk(transport).listStatuses();
    expect(statuses.map((s) => [s.id, s.name])).toEqual([
      ['available', 'available'],
      ['away', 'away'],
      ['offline', 'offline'],
      ['hidden', 'hidden'],
      ['b8a1f3c2-0d4e-4f5a-9b6c-7d8e9f0a1b2c', 'Lunch'],
      ['c9b2a4d3-1e5f-4a6b-8c7d-9e0f1a2b3c4d', 'Training'],
    ]);
    expect(statuses.some((s) => s.note)).toBe(false);
    expectRequest(sent[0], 'talkdesk/custom-statuses');
  },
  'talkdesk/custom-statuses-forbidden': async () => {
    for (const status of [403, 404]) {
      const fx = fixture('talkdesk/custom-statuses-forbidden');
      const transport: HttpTransport = { request: async () => ({ status, headers: {}, body: JSON.stringify(fx.response.body) }) };
      const statuses = await talkdesk(transport).listStatuses();
      // the four base statuses survive, each saying why no custom one is listed
      expect(statuses.map((s) => s.id)).toEqual(['available', 'away', 'offline', 'hidden']);
      for (const s of statuses) expect(s.note).toMatch(new RegExp(`custom statuses are not listed: GET /account/custom-status answered ${status} \\(Forbidden`, 'i'));
    }
    // any other failure is still an error
    const broken: HttpTransport = { request: async () => ({ status: 500, headers: {}, body: '{"code":"500","message":"boom"}' }) };
    await expect(talkdesk(broken).listStatuses()).rejects.toBeInstanceOf(VendorApiError);
  },
  'talkdesk/users-page': async () => {
    const { transport, sent } = answering('talkdesk/users-page');
    expect(await talkdesk(transport).listAgents()).toEqual([{ vendor: 'talkdesk', agentId: TALKDESK_USER, name: 'Ava Patel', email: 'ava.patel@example.com', team: null }]);
    expectRequest(sent[0], 'talkdesk/users-page');
  },
  'talkdesk/token': async () => {
    const { transport, sent } = answering('talkdesk/token');
    const auth = withClientCredentials(transport, { vendor: 'talkdesk', tokenUrl: 'https://acme.talkdeskid.com/oauth/token', clientId: 'cid', clientSecret: 'sec', scope: 'presence-user:read users:read', clientAuthentication: 'basic' });
    await auth.request({ method: 'GET', url: 'https://api.talkdeskapp.com/users', headers: {} });
    expectRequest(sent[0], 'talkdesk/token');
    expect(sent[0]!.headers.Authorization).toBe(`Basic ${Buffer.from('cid:sec').toString('base64')}`);
    expect(sent[1]!.headers.Authorization).toMatch(/^Bearer eyJ/);
  },
  'talkdesk/token-error': async () => {
    const { transport } = answering('talkdesk/token-error');
    const auth = withClientCredentials(transport, { vendor: 'talkdesk', tokenUrl: 'https://acme.talkdeskid.com/oauth/token', clientId: 'cid', clientSecret: 'wrong', clientAuthentication: 'basic' });
    const error = await rejection(auth.request({ method: 'GET', url: 'https://api.talkdeskapp.com/users', headers: {} }));
    expect([error.httpStatus, error.code, error.vendorMessage]).toEqual([401, 'invalid_client', 'Client authentication failed']);
  },
  ...Object.fromEntries(
    (['403', '404', '406'] as const).map((status) => [
      `talkdesk/error-${status}`,
      async () => {
        const { transport } = answering(`talkdesk/error-${status}`);
        const error = await rejection(talkdesk(transport).getPresence(TALKDESK_USER));
        const body = fixture(`talkdesk/error-${status}`).response.body as { code: string; message: string };
        expect([error.httpStatus, error.code]).toEqual([Number(status), body.code]);
        expect(error.vendorMessage).toContain(body.message);
      },
    ]),
  ),

  // ------------------------------------------------------------------ Cirrus
  'cirrus/presence-one': async () => {
    const { transport, sent } = answering('cirrus/presence-one');
    expect(await cirrus(transport).getPresence('17')).toMatchObject({ vendor: 'cirrus', agentId: '17', state: 'available', status: { id: '1', name: 'Active', category: 'Active' } });
    expectRequest(sent[0], 'cirrus/presence-one');
  },
  'cirrus/presence-one-data': async () => {
    const { transport } = answering('cirrus/presence-one-data');
    expect(await cirrus(transport).getPresence('17')).toMatchObject({ agentId: '17', state: 'away', status: { id: '14', name: 'Lunch', category: 'Away' } });
  },
  'cirrus/presence-one-array': async () => {
    const { transport } = answering('cirrus/presence-one-array');
    expect(await cirrus(transport).getPresence('17')).toMatchObject({ agentId: '17', state: 'busy', status: { id: '2', name: 'Busy', category: 'Busy' } });
  },
  'cirrus/set-presence': async () => {
    const { transport, sent } = answering('cirrus/set-presence');
    expect(await cirrus(transport).setPresence('17', '3')).toMatchObject({ agentId: '17', state: 'away', status: { id: '3', name: 'Away' } });
    expectRequest(sent[0], 'cirrus/set-presence');
  },
  'cirrus/presence-types': async () => {
    const { transport, sent } = answering('cirrus/presence-types');
    expect((await cirrus(transport).listStatuses()).map((s) => [s.id, s.name, s.category, s.state])).toEqual([
      ['1', 'Active', 'Active', 'available'],
      ['2', 'Busy', 'Busy', 'busy'],
      ['3', 'Away', 'Away', 'away'],
      ['14', 'Lunch', 'Away', 'away'],
    ]);
    expectRequest(sent[0], 'cirrus/presence-types');
  },
  'cirrus/managers': async () => {
    const { transport, sent } = answering('cirrus/managers');
    // everyone but the admin (3) and the bot (5): agents may have any other permissionId
    expect((await cirrus(transport).listAgents()).map((a) => [a.agentId, a.name])).toEqual([
      ['17', 'Ava Patel'],
      ['19', 'Sam Lee'],
      ['21', 'Kim Ng'],
    ]);
    expectRequest(sent[0], 'cirrus/managers');
  },
  'cirrus/managers-int64': async () => {
    const { transport } = answering('cirrus/managers-int64');
    expect((await cirrus(transport).listAgents()).map((a) => a.agentId)).toEqual(['9007199254740993', '1234567890123456789']);
  },
  'cirrus/system-status': async () => {
    const { transport, sent } = answering('cirrus/system-status');
    await expect(cirrus(transport).checkConnection()).resolves.toBeUndefined();
    expectRequest(sent[0], 'cirrus/system-status');
  },
  'cirrus/stats': async () => {
    const { transport, sent } = answering('cirrus/presence-one', 'cirrus/stats');
    expect(await cirrus(transport).getStats('17')).toMatchObject({ FaceToFaceStatus: true });
    // on a call: an available agent is busy, with the call status as activity
    expect(await cirrus(transport).getPresence('17', { withCallStatus: true })).toMatchObject({ state: 'busy', activity: { onInteraction: true } });
    expectRequest(sent[0], 'cirrus/stats');
  },
  ...Object.fromEntries(
    (['401', '404', '429'] as const).map((status) => [
      `cirrus/error-${status}`,
      async () => {
        const { transport } = answering(`cirrus/error-${status}`);
        const error = await rejection(cirrus(transport).getPresence('17'));
        const body = fixture(`cirrus/error-${status}`).response.body as { description: string };
        expect([error.httpStatus, error.vendorMessage]).toEqual([Number(status), body.description]);
      },
    ]),
  ),
};

describe('reference fixtures', () => {
  it('every fixture has a case here, and every case a fixture', () => {
    expect(Object.keys(cases).sort()).toEqual([...files].sort());
  });

  it.each(files)('%s names its source and basis, and a guess is listed in the README', (name) => {
    const fx = fixture(name);
    expect(fx.source.length).toBeGreaterThan(10);
    expect(['example', 'fields', 'guess']).toContain(fx.basis);
    expect(fx.response.body !== undefined && fx.response.bodyText !== undefined).toBe(false);
    if (fx.basis === 'guess') {
      const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
      expect(readme).toContain(`reference/${name}.json`);
    }
  });

  it.each(files)('%s passes through the core', async (name) => {
    await cases[name]!();
  });

  it('a body that breaks the contract is still a ContractError, naming the field', async () => {
    const body = { subscriptions: [{ name: 'no id at all' }] };
    const transport: HttpTransport = { request: async () => ({ status: 200, headers: {}, body: JSON.stringify(body) }) };
    await expect(vonage(transport).listWebhookSubscriptions()).rejects.toBeInstanceOf(ContractError);
  });
});
