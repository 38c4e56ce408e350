// Acme's API, faked on a loopback HTTP server: enough to run the core's behaviour on it.
import { json, startFakeServer } from '../../helpers/fake-server';
import type { AcmeStatus } from './schemas';

export const acmeStatuses: AcmeStatus[] = [
  { code: 'RDY', label: 'Ready', kind: 'open' },
  { code: 'CALL', label: 'On a call', kind: 'engaged' },
  { code: 'BRK', label: 'Break', kind: 'paused' },
  { code: 'LUN', label: 'Lunch', kind: 'paused' },
  { code: 'OFF', label: 'Signed out', kind: 'gone' },
];

export interface AcmeAgent {
  id: string;
  name: string;
  code: string;
  since: string;
}

export async function startAcmeApi(agents: AcmeAgent[], now: () => number = () => Date.now()) {
  const byId = new Map(agents.map((a) => [a.id, a]));
  const presence = (a: AcmeAgent) => ({ agent: a.id, status: acmeStatuses.find((s) => s.code === a.code)!, since: a.since });
  const server = await startFakeServer((req, res) => {
    if (req.method === 'GET' && req.path === '/agents') return json(res, 200, agents.map((a) => ({ id: a.id, name: a.name, email: null })));
    if (req.method === 'GET' && req.path === '/statuses') return json(res, 200, acmeStatuses);
    if (req.method === 'GET' && req.path === '/presences') {
      const ids = (req.query.get('agents') ?? '').split(',');
      if (ids.length > 3) return json(res, 400, { error: { code: 'TOO_MANY', text: 'at most 3 agents per request' } });
      return json(res, 200, ids.flatMap((id) => (byId.has(id) ? [presence(byId.get(id)!)] : [])));
    }
    const set = /^\/agents\/([^/]+)\/presence$/.exec(req.path);
    if (req.method === 'PUT' && set) {
      const agent = byId.get(decodeURIComponent(set[1]!));
      if (!agent) return json(res, 404, { error: { code: 'NO_AGENT', text: `agent ${set[1]} does not exist` } });
      const { code } = JSON.parse(req.body) as { code: string };
      if (!acmeStatuses.some((s) => s.code === code)) return json(res, 422, { error: { code: 'NO_STATUS', text: `status ${code} does not exist` } });
      agent.code = code;
      agent.since = new Date(now()).toISOString();
      return json(res, 200, presence(agent));
    }
    return json(res, 404, { error: { code: 'NO_ROUTE', text: `${req.method} ${req.path}` } });
  });
  return { ...server, agents: byId };
}
