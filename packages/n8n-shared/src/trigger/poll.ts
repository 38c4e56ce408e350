import {
  detectChanges,
  InputError,
  nameAgents,
  nameChanges,
  validateAgentId,
  type AgentPresence,
  type AgentSummary,
  type PresenceChange,
  type PresenceClient,
  type PresenceState,
  type ReadOptions,
  type StatusDefinition,
} from '@agent-presence/presence-core';
import {
  appearedChange,
  sweepReads,
  sweepStep,
  sweepWants,
  type SweepState,
  type SweepRoster,
  type SweepEvent,
  sweepRoster,
  detectTooLong,
  tooLongEventId,
  tooLongThreshold,
  TooLongStateSchema,
  type TooLongEvent,
  type TooLongState,
} from '@agent-presence/presence-core/trigger';
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { agentsFor, directoryFor } from '../agent-names';
import { createClientFor } from '../client';
import { toNodeError } from '../errors';
import { hostApis, pollBudgetMs, requireHostApis } from '../host';
import { agentIdsLabel, concurrencyFrom, inTeams, mappingFromCollection, parseIdList, statesFrom, teamsFrom } from '../params';
import type { VendorConfig } from '../vendor';
import { triggerEvents, type TriggerEvent } from './properties';
import { tooLongItem, tooLongOptionsFrom, type TooLongWatch } from './too-long';

/** Share of the poll budget spent reading; the rest is margin for n8n. */
const budgetShare = 0.8;
/**
 * However long listing the agents took, reading presence may go on this long after it
 * (within `hardShare` of the budget): without it, a roster that takes the whole budget
 * to list would stall the sweep forever.
 */
const minReadShare = 0.1;
const hardShare = 0.95;
/**
 * No request outlives this share of the budget: one started in time may finish a little
 * late, but a vendor that stops answering cannot hold the poll (n8n's own hard limit,
 * where the poll's lease ends, is at least 1.25 times the budget it grants).
 */
const cutoffShare = 1.2;
/** Agents shown by an editor test run. */
const sampleSize = 10;

function toItems(changes: PresenceChange[], extra?: IDataObject): INodeExecutionData[] {
  return changes.map((c) => ({ json: (extra ? { ...c, ...extra } : c) as unknown as IDataObject }));
}

interface Roster extends SweepRoster {
  agentOf: (agentId: string) => AgentSummary | undefined;
}

/**
 * The agents watched now. Mid-sweep, the roster the sweep listed when it began, kept in its
 * state (`kept`): a sweep lists the agents once, not at every poll.
 */
async function rosterOf(ctx: IPollFunctions, vendor: VendorConfig, client: PresenceClient, deadline: number, stored: SweepState | undefined): Promise<Roster> {
  const watch = ctx.getNodeParameter('watch', 'all') as string;
  if (watch === 'ids') {
    const ids = parseIdList(ctx.getNodeParameter('agentIds', ''), agentIdsLabel).map((id, i) => validateAgentId(vendor.id, id, `${agentIdsLabel}, item ${i + 1}`));
    const unique = [...new Set(ids)].sort();
    return { ids: unique, watching: `ids:${unique.join(',')}`, agentOf: await agentsFor(ctx, vendor, client, unique, { deadline }) };
  }
  const teams = vendor.teams ? teamsFrom(ctx.getNodeParameter('teams', [])) : [];
  const watching = teams.length > 0 ? `teams:${[...teams].sort().join(',')}` : 'all';
  const directory = directoryFor(ctx, vendor, client);
  const agentOf = (agentId: string) => directory.get(agentId);
  const kept = stored && sweepRoster(stored, watching);
  if (kept) return { ...kept, agentOf };
  // The list a sweep reads anyway names the agents: the names cost no request.
  const agents = await client.listAgents({ deadline });
  directory.learn(agents);
  const listed = teams.length > 0 ? agents.filter((a) => inTeams(a, teams)) : agents;
  const ids = [...new Set(listed.map((a) => a.agentId))].sort();
  return { ids, watching, agentOf };
}

/**
 * A status to show as the example's previous one: another state for "State Changed", another
 * status of the same state for "Status Changed (Same State)".
 */
function examplePrevious(current: AgentPresence, statuses: readonly StatusDefinition[], kind: 'stateChanged' | 'statusChanged'): StatusDefinition | undefined {
  return statuses.find((s) => s.id !== current.status.id && (kind === 'stateChanged' ? s.state !== current.state : s.state === current.state));
}

/**
 * An editor test run ("Fetch Test Event"): what the published trigger would emit, from a sample
 * of agents read now. Real changes when the sample differs from what the trigger last stored;
 * else one example change built from a real agent's presence, labelled as such. It reads the
 * stored state and never writes it: the published trigger's next poll is not moved.
 */
async function testEvent(
  ctx: IPollFunctions,
  client: PresenceClient,
  roster: Roster,
  read: ReadOptions,
  events: readonly SweepEvent[],
  onlyStates: readonly PresenceState[],
  tooLong: TooLongWatch | undefined,
): Promise<INodeExecutionData[][] | null> {
  const batch = await client.getPresences(roster.ids.slice(0, sampleSize), read);
  if (batch.presences.length === 0 && batch.failures[0]) throw batch.failures[0].error;
  if (batch.presences.length === 0) return null;
  nameAgents(batch.presences, roster.agentOf);
  const sample = `sample of ${batch.presences.length} agent${batch.presences.length === 1 ? '' : 's'}`;
  const observedAt = new Date().toISOString();
  const kept = ctx.getWorkflowStaticData('node') as TriggerState;
  if (tooLong) {
    const real = detectTooLong(keptTooLong(kept), batch.presences, { ...tooLong, observedAt, complete: false }).events;
    if (real.length > 0 || events.length === 0) {
      const example = real.length === 0;
      const reports = example ? [exampleTooLong(batch.presences, tooLong, observedAt)] : real;
      const note = example
        ? `An example built from ${reports[0]!.presence.name ?? reports[0]!.agentId}'s presence read now: its duration is made up (the threshold). No agent of the sample has been in a watched state too long. Published, the trigger emits an item like this once per stint.`
        : 'Real reports: these agents, read now, have been in a watched state longer than its threshold. Published, the trigger emits each once per stint.';
      return [reports.map((e) => ({ json: { ...tooLongItem(e, roster.agentOf), testEvent: { sample, example, note } } }))];
    }
  }
  const stored = kept.snapshot;
  if (stored) {
    const real = detectChanges(stored, batch.presences, { observedAt, complete: false, baseline: false }).changes.filter((c) => sweepWants(c, events, onlyStates));
    if (real.length > 0) {
      const testEvent = { sample, example: false, note: `Real changes: these agents, read now, compared with what the published trigger last saw. Published, it emits one item like these per change.` };
      return [toItems(nameChanges(real, roster.agentOf), { testEvent })];
    }
  }
  const current = batch.presences.find((p) => onlyStates.length === 0 || onlyStates.includes(p.state)) ?? batch.presences[0]!;
  const who = current.name ?? current.agentId;
  let change: PresenceChange;
  const kind = events.includes('stateChanged') ? 'stateChanged' : events.includes('statusChanged') ? 'statusChanged' : undefined;
  const statuses = kind ? await client.listStatuses(read).catch(() => []) : [];
  const previous = kind ? examplePrevious(current, statuses, kind) : undefined;
  if (previous) {
    change = {
      ...appearedChange(current, observedAt),
      event: 'changed',
      previous: { state: previous.state, status: { id: previous.id, name: previous.name, category: previous.category }, since: null, sinceSource: null },
    };
  } else if (!events.includes('appeared') && events.includes('disappeared')) {
    change = { ...appearedChange(current, observedAt), event: 'disappeared', current: null, previous: { state: current.state, status: current.status, since: current.since, sinceSource: current.sinceSource } };
  } else {
    change = appearedChange(current, observedAt);
  }
  const testEvent = {
    sample,
    example: true,
    note: `An example ${change.event === 'changed' ? 'change' : change.event === 'appeared' ? 'appearance' : 'disappearance'} built from ${who}'s presence read now${previous ? `; the previous status (${previous.name ?? previous.id}) is made up` : ''}. No agent of the sample changed since the trigger last looked. Published, the trigger emits an item like this for each real change.`,
  };
  return [toItems([change], { testEvent })];
}

/** What the trigger keeps in n8n static data: the sweep's state, and the "too long" stints. */
type TriggerState = SweepState & { tooLong?: TooLongState };

/** The stints kept, or none when they are not readable (a new trigger, or state from elsewhere): a fresh start. */
function keptTooLong(stored: TriggerState): TooLongState | undefined {
  return stored.tooLong !== undefined && TooLongStateSchema.safeParse(stored.tooLong).success ? stored.tooLong : undefined;
}

/** An example report for a test run: the first agent of the sample in a watched status, as if just past its threshold. */
function exampleTooLong(sample: readonly AgentPresence[], tooLong: TooLongWatch, observedAt: string): TooLongEvent {
  const presence = sample.find((p) => tooLongThreshold(p, tooLong.rules) !== undefined) ?? sample[0]!;
  const thresholdMs = tooLongThreshold(presence, tooLong.rules) ?? tooLong.rules[0]!.thresholdMs;
  const start = Date.parse(observedAt) - thresholdMs;
  return {
    eventId: tooLongEventId(presence.vendor, presence.agentId, presence.state, presence.status.id ?? presence.status.name, start, 0),
    vendor: presence.vendor,
    agentId: presence.agentId,
    presence,
    since: new Date(start).toISOString(),
    sinceSource: 'observed',
    durationMs: thresholdMs,
    thresholdMs,
    repeat: 0,
    observedAt,
  };
}

/**
 * The polling trigger's poll(). Reads as many agents as the budget allows, in id
 * order from where the last poll stopped, compares them with the stored snapshot
 * and emits one item per change, and one per agent in a state too long. Nothing is stored until the poll has succeeded,
 * so a failed poll loses nothing: its changes are found by the next one.
 */
export async function pollPresence(ctx: IPollFunctions, vendor: VendorConfig): Promise<INodeExecutionData[][] | null> {
  requireHostApis(ctx, hostApis.poll);
  const startedAt = Date.now();
  // n8n before 2.38.0 has no getPollBudgetMs: the budget falls back to one of our own.
  const budget = pollBudgetMs(ctx);
  const deadline = startedAt + budget * budgetShare;
  const hardDeadline = startedAt + budget * hardShare;
  // However slow the vendor, every request ends by then.
  const cutoff = startedAt + budget * cutoffShare;
  try {
    const options = ctx.getNodeParameter('options', {}) as IDataObject;
    const read: ReadOptions = {
      includeRaw: options.includeRaw === true,
      mapping: mappingFromCollection(options.stateMapping),
      concurrency: concurrencyFrom(options.concurrency),
      deadline,
      ...(vendor.readOptionsFrom ? vendor.readOptionsFrom(options) : {}),
    };
    const events = statesFrom(ctx.getNodeParameter('events', [])) as unknown as TriggerEvent[];
    if (events.length === 0 || events.some((e) => !triggerEvents.includes(e))) {
      throw new InputError('Events', 'has no valid event selected', `Pick at least one of: ${triggerEvents.join(', ')}.`, vendor.id);
    }
    const onlyStates = statesFrom(ctx.getNodeParameter('onlyStates', [])) as PresenceState[];
    const changeEvents = events.filter((e): e is SweepEvent => e !== 'tooLong');
    const tooLong = events.includes('tooLong') ? tooLongOptionsFrom(ctx, vendor.id) : undefined;
    // The mapping and includeRaw travel with each read (`read`), not as client defaults.
    const client = await createClientFor(ctx, vendor, { deadline, hardDeadline: cutoff });
    const manual = ctx.getMode() === 'manual';
    const stored = ctx.getWorkflowStaticData('node') as TriggerState;
    const roster = await rosterOf(ctx, vendor, client, deadline, manual ? undefined : stored);

    if (manual) return await testEvent(ctx, client, roster, read, changeEvents, onlyStates, tooLong);

    const readDeadline = Math.min(hardDeadline, Math.max(deadline, Date.now() + budget * minReadShare));
    const batch = await client.getPresences(sweepReads(stored, roster), { ...read, deadline: readDeadline });
    const observedAt = new Date().toISOString();
    const step = sweepStep(stored, roster, batch, { events: changeEvents, onlyStates, emitOnStart: options.emitOnStart === true, observedAt });
    // Too long: every agent read, baseline or not (one already away when published fires once
    // past its threshold); stints of agents this poll did not read are kept, those gone dropped.
    const present = new Set(roster.ids);
    for (const id of batch.missing) present.delete(id);
    const late = tooLong && detectTooLong(keptTooLong(stored), batch.presences, { ...tooLong, observedAt, complete: false, roster: present });
    // Static data is n8n's object: written in place (n8n saves it when it changed), keeping what else it holds.
    Object.assign(stored, step.state);
    if (step.state.unseen === undefined) delete stored.unseen;
    if (step.state.pending === undefined) delete stored.pending;
    if (late) stored.tooLong = late.state;
    else delete stored.tooLong;
    const reports = late ? late.events : [];
    if (step.changes.length === 0 && reports.length === 0) return null;
    // Mid-sweep nothing was listed: the names come from this process's directory, read again
    // only if it lacks an agent (after a restart).
    const named = [...step.changes, ...reports].map((c) => c.agentId);
    const agentOf = named.every((id) => roster.agentOf(id)) ? roster.agentOf : await agentsFor(ctx, vendor, client, named, { deadline: hardDeadline });
    return [[...toItems(nameChanges(step.changes, agentOf)), ...reports.map((e) => ({ json: tooLongItem(e, agentOf) }))]];
  } catch (error) {
    throw toNodeError(ctx.getNode(), error);
  }
}
