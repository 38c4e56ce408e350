import { createHmac } from 'node:crypto';
import { ContractError, createVonageClient } from '../src';
import { normalizeVonageEvent, verifyVonageSignature } from '../src/vendors/vonage';
import { createUndiciTransport } from '../src/transports/undici';
import { json, startFakeServer } from './helpers/fake-server';

// A known-answer vector made outside this code base (Python's hmac/hashlib) from the documented
// algorithm: HS256 over the base64-decoded subscription secret, payload_hash = SHA-256 hex of the body.
const secret = 'YWdlbnQtcHJlc2VuY2Uta25vd24tYW5zd2VyLWtleSE=';
const body =
  '{"specversion":"1.0","id":"evt-1","type":"agent.presencechanged","source":"/vcc/agents","time":"2026-01-05T09:00:00.000Z","data":{"timestamp":"2026-01-05T09:00:00.000Z","presence":{"presenceId":"8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40","category":{"type":"away"},"description":"Break"},"user":{"agentId":"1042","userId":"daab05ec-ba50-45af-a6fd-3b01cdc6f39b"}}}';
const token =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpYXQiOjE3Njc2MDM2MDAsImV4cCI6MTc2NzYwMzkwMCwianRpIjoiNWI3ZTBjOGUtMWYyYS00ZDNiLTljNGQtNmU3ZjhhOWIwYzFkIiwiaXNzIjoiVm9uYWdlIiwicGF5bG9hZF9oYXNoIjoiYzM3NjVkMTUwMmIwY2UxNzRhOGQyMDQyZDRhNjNiYTBlMWI0ZTY5ZGRiZTUyNGUxZTQxNmVkM2E0NTY2OWE4NyJ9.UyCYTuib0JVnTAaz3jBURBSwxN6L7HL9wst3Qa4bcYk';
const issuedAt = 1767603600_000;

const b64u = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
function sign(claims: Record<string, unknown>, key: Buffer | string, alg = 'HS256'): string {
  const head = `${b64u({ alg, typ: 'JWT' })}.${b64u(claims)}`;
  return `${head}.${createHmac('sha256', key).update(head).digest('base64url')}`;
}
const goodClaims = { iat: 1767603600, exp: 1767603900, jti: 'j-1', payload_hash: 'c3765d1502b0ce174a8d2042d4a63ba0e1b4e69ddbe524e1e416ed3a45669a87' };

describe('Vonage-Signature', () => {
  it('accepts the known-answer vector within five minutes of issue', () => {
    expect(verifyVonageSignature({ token, body, secret, now: issuedAt + 60_000 })).toEqual({ ok: true, jti: '5b7e0c8e-1f2a-4d3b-9c4d-6e7f8a9b0c1d', expiresAt: issuedAt + 300_000 });
    expect(verifyVonageSignature({ token, body: Buffer.from(body), secret, now: issuedAt })).toMatchObject({ ok: true });
  });

  it.each([
    ['missing', { token: undefined }],
    ['malformed', { token: 'not.a.jwt!' }],
    ['signature', { secret: Buffer.from('another key of 32 bytes, exactly').toString('base64') }],
    ['payload', { body: body.replace('Break', 'Lunch') }],
    ['expired', { now: issuedAt + 300_000 + 31_000 }],
    ['not-yet-valid', { now: issuedAt - 120_000 }],
  ] as const)('refuses a %s delivery', (problem, patch) => {
    const check = verifyVonageSignature({ token, body, secret, now: issuedAt + 1000, ...patch });
    expect(check).toMatchObject({ ok: false, problem });
  });

  it('refuses alg none and other algorithms, even with a valid-looking signature', () => {
    const key = Buffer.from(secret, 'base64');
    expect(verifyVonageSignature({ token: sign(goodClaims, key, 'none'), body, secret, now: issuedAt })).toMatchObject({ ok: false, problem: 'algorithm' });
    expect(verifyVonageSignature({ token: sign(goodClaims, key, 'HS512'), body, secret, now: issuedAt })).toMatchObject({ ok: false, problem: 'algorithm' });
  });

  it('takes five minutes from iat when there is no exp, and needs one of them', () => {
    const key = Buffer.from(secret, 'base64');
    const { exp: _exp, ...noExp } = goodClaims;
    expect(verifyVonageSignature({ token: sign(noExp, key), body, secret, now: issuedAt + 299_000 })).toMatchObject({ ok: true, expiresAt: issuedAt + 300_000 });
    expect(verifyVonageSignature({ token: sign(noExp, key), body, secret, now: issuedAt + 400_000 })).toMatchObject({ ok: false, problem: 'expired' });
    const { iat: _iat, ...neither } = noExp;
    expect(verifyVonageSignature({ token: sign(neither, key), body, secret, now: issuedAt })).toMatchObject({ ok: false, problem: 'malformed' });
  });

  it('also accepts a token keyed with the secret text itself (the unconfirmed reading)', () => {
    expect(verifyVonageSignature({ token: sign(goodClaims, secret), body, secret, now: issuedAt })).toMatchObject({ ok: true });
  });
});

describe('normalizeVonageEvent', () => {
  it('maps the lower camel case event category like the REST one', () => {
    const p = normalizeVonageEvent(JSON.parse(body));
    expect(p).toEqual({
      vendor: 'vonage',
      agentId: 'daab05ec-ba50-45af-a6fd-3b01cdc6f39b',
      state: 'away',
      name: null,
      email: null,
      status: { id: '8c3f1a52-6d47-4b0e-a1f9-3e5d7c2b9a40', name: 'Break', category: 'Away' },
      since: '2026-01-05T09:00:00.000Z',
      sinceSource: 'vendor',
      activity: null,
    });
    const event = JSON.parse(body);
    event.data.presence.category.type = 'extendedAway';
    expect(normalizeVonageEvent(event).status.category).toBe('ExtendedAway');
    event.data.presence.category.type = 'loggedOut';
    expect(normalizeVonageEvent(event).state).toBe('offline');
    event.data.presence.category.type = 'somethingNew';
    expect(normalizeVonageEvent(event).state).toBe('unknown');
  });

  it('refuses another event type or a broken envelope, naming the field', () => {
    expect(() => normalizeVonageEvent({ ...JSON.parse(body), type: 'agent.deleted' })).toThrow(/type/);
    expect(() => normalizeVonageEvent({ ...JSON.parse(body), data: { presence: {} } })).toThrow(ContractError);
  });
});

describe('webhook subscriptions', () => {
  it('creates, lists and deletes through the API with the v1 Accept header', async () => {
    const subs: Array<Record<string, unknown>> = [];
    const srv = await startFakeServer((req, res) => {
      expect(req.headers.accept).toBe('application/vnd.newvoicemedia.v1+json');
      if (req.method === 'POST') {
        const b = JSON.parse(req.body);
        const sub = { id: `sub-${subs.length + 1}`, name: b.name, url: b.url, events: b.events, enabled: b.enabled };
        subs.push({ ...sub, secret: b.secret });
        return json(res, 201, sub);
      }
      if (req.method === 'DELETE') {
        subs.splice(subs.findIndex((s) => req.path.endsWith(String(s.id))), 1);
        res.writeHead(204);
        return res.end();
      }
      json(res, 200, { subscriptions: subs.map(({ secret: _s, ...s }) => s) });
    });
    const transport = createUndiciTransport();
    try {
      const client = createVonageClient({ transport, baseUrl: srv.url });
      const created = await client.createWebhookSubscription({ name: 'n8n', url: 'https://n8n.example.com/webhook/abc', secret: secret });
      expect(created).toMatchObject({ id: 'sub-1', events: ['agent.presencechanged.v1'], enabled: true });
      expect(subs[0]!.secret).toBe(secret);
      expect(await client.listWebhookSubscriptions()).toHaveLength(1);
      await client.deleteWebhookSubscription('sub-1');
      expect(await client.listWebhookSubscriptions()).toEqual([]);
      await expect(client.createWebhookSubscription({ name: 'n8n', url: 'http://n8n.example.com/hook', secret })).rejects.toThrow(/https/);
      await expect(client.deleteWebhookSubscription('../x')).rejects.toThrow(/subscription id/);
    } finally {
      await transport.close();
      await srv.close();
    }
  });
});
