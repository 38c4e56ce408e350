// What n8n's output should be, derived from the simulator's ground truth (/_sim/state)
// and the vendors' documented categories, independently of presence-core's code.

const cirrusStates = { Active: 'available', Busy: 'busy', Away: 'away' };
const vonageStates = { Ready: 'available', Away: 'away', ExtendedAway: 'away', LoggedOut: 'offline' };
const talkdeskStates = { available: 'available', away: 'away', offline: 'offline', hidden: 'offline' };

/** The common state a simulator agent should normalise to (default mapping, no extra reads). */
export function expectedState(vendor, agent) {
  if (vendor === 'cirrus') return cirrusStates[agent.category] ?? 'unknown';
  if (vendor === 'vonage') return vonageStates[agent.category] ?? 'unknown';
  const state = talkdeskStates[agent.category] ?? 'unknown';
  const busy = (agent.record?.interactions?.length ?? 0) > 0;
  return state === 'available' && busy ? 'busy' : state;
}

/** Differences between one normalised presence and the simulator's agent, as strings. */
export function presenceProblems(vendor, presence, agent) {
  const problems = [];
  const where = `${vendor} ${presence?.agentId}`;
  if (!agent) return [`${where}: not in the simulator's state`];
  if (presence.vendor !== vendor) problems.push(`${where}: vendor ${presence.vendor}`);
  if (presence.status?.id !== agent.statusId) problems.push(`${where}: status.id ${presence.status?.id} != ${agent.statusId}`);
  if (presence.status?.name !== agent.statusName) problems.push(`${where}: status.name ${presence.status?.name} != ${agent.statusName}`);
  const state = expectedState(vendor, agent);
  if (presence.state !== state) problems.push(`${where}: state ${presence.state} != ${state} (${agent.category})`);
  if (presence.since !== null && presence.since !== undefined && Date.parse(presence.since) !== Date.parse(agent.since)) {
    problems.push(`${where}: since ${presence.since} != ${agent.since}`);
  }
  return problems;
}

/** Compares a list of presences with the simulator's agents; `exact` also wants every agent once. */
export function comparePresences(vendor, presences, stateAgents, { exact = false } = {}) {
  const byId = new Map(stateAgents.map((a) => [a.agentId, a]));
  const problems = presences.flatMap((p) => presenceProblems(vendor, p, byId.get(p.agentId)));
  const ids = presences.map((p) => p.agentId);
  if (new Set(ids).size !== ids.length) problems.push(`${vendor}: duplicate agent ids in the output`);
  if (exact) {
    const missing = stateAgents.filter((a) => !ids.includes(a.agentId)).map((a) => a.agentId);
    if (missing.length > 0) problems.push(`${vendor}: ${missing.length} agent(s) missing from the output: ${missing.slice(0, 5).join(', ')}`);
  }
  return problems;
}

/** A fixed-width table of presences for people. */
export function presenceTable(presences) {
  const rows = presences.map((p) => [p.vendor, p.agentId, p.state, p.status?.name ?? '', p.since ?? '']);
  const head = ['vendor', 'agent', 'state', 'status', 'since'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
