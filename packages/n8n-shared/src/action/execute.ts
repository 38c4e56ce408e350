import { InputError, nameAgents, validateAgentId, type AgentPresence, type PresenceClient, type PresenceState, type ReadOptions } from '@agent-presence/presence-core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { agentsFor, directoryFor } from '../agent-names';
import { createClientFor } from '../client';
import { errorItemJson, toNodeError } from '../errors';
import { hostApis, requireHostApis } from '../host';
import { agentIdsLabel, concurrencyFrom, inTeams, locatorValue, mappingFromCollection, parseIdList, statesFrom, teamsFrom } from '../params';
import type { VendorConfig } from '../vendor';

type Options = { includeRaw?: boolean; stateMapping?: unknown } & Record<string, unknown>;

function asJson(value: object): IDataObject {
  return value as unknown as IDataObject;
}

function limitOf(ctx: IExecuteFunctions, i: number): number | undefined {
  if (ctx.getNodeParameter('returnAll', i, false) as boolean) return undefined;
  const limit = ctx.getNodeParameter('limit', i, 50) as number;
  if (!Number.isInteger(limit) || limit < 1) throw new InputError('Limit', `${limit} is not a positive whole number`, 'Set Limit to 1 or more, or turn on Return All.');
  return limit;
}

async function getMany(ctx: IExecuteFunctions, vendor: VendorConfig, client: PresenceClient, i: number, read: ReadOptions): Promise<{ presences: AgentPresence[]; failed: INodeExecutionData[] }> {
  const source = ctx.getNodeParameter('source', i, 'all') as string;
  const filters = ctx.getNodeParameter('filters', i, {}) as IDataObject;
  const states = statesFrom(filters.states);
  const teams = vendor.teams && source === 'all' ? teamsFrom(ctx.getNodeParameter('teams', i, [])) : [];
  const limit = limitOf(ctx, i);
  const directory = directoryFor(ctx, vendor, client);
  let ids: string[];
  if (source === 'ids') {
    // Checked here, so that a bad id is named by the parameter's label and its place in the list.
    ids = parseIdList(ctx.getNodeParameter('agentIds', i), agentIdsLabel).map((id, n) => validateAgentId(vendor.id, id, `${agentIdsLabel}, item ${n + 1}`));
  } else {
    // The list read here names the agents too.
    const agents = await client.listAgents();
    directory.learn(agents);
    ids = agents.map((a) => a.agentId);
  }
  const agentOf = await agentsFor(ctx, vendor, client, ids);
  if (teams.length > 0) ids = ids.filter((id) => inTeams(agentOf(id), teams));
  const batch = await client.getPresences(ids, read);
  nameAgents(batch.presences, agentOf);
  const failed: INodeExecutionData[] = [];
  const problems = [
    ...batch.failures.map((f) => ({ agentIds: f.agentIds, error: toNodeError(ctx.getNode(), f.error, i) })),
    ...(batch.missing.length > 0
      ? [{ agentIds: batch.missing, error: toNodeError(ctx.getNode(), new InputError(agentIdsLabel, `${batch.missing.length} agent(s) unknown to ${vendor.displayName}: ${batch.missing.slice(0, 10).join(', ')}`, 'Check the ids: pick the agents from the list, or run Get Many on all agents to see them.'), i) }]
      : []),
  ];
  if (problems.length > 0) {
    // Partial output would look complete, so it is an error unless the user asked to continue.
    if (!ctx.continueOnFail()) throw problems[0]!.error;
    for (const p of problems) failed.push({ json: { ...errorItemJson(p.error), agentIds: p.agentIds }, pairedItem: { item: i } });
  }
  let presences = batch.presences;
  if (states.length > 0) presences = presences.filter((p) => states.includes(p.state as PresenceState));
  if (limit !== undefined) presences = presences.slice(0, limit);
  return { presences, failed };
}

/** The action node's execute(): parameters in, one core call per item, items out. */
export async function executeAction(ctx: IExecuteFunctions, vendor: VendorConfig): Promise<INodeExecutionData[][]> {
  requireHostApis(ctx, hostApis.execute);
  const items = ctx.getInputData();
  const out: INodeExecutionData[] = [];
  let client: PresenceClient | undefined;
  for (let i = 0; i < items.length; i++) {
    try {
      const resource = ctx.getNodeParameter('resource', i) as string;
      const operation = ctx.getNodeParameter('operation', i) as string;
      const options = ctx.getNodeParameter('options', i, {}) as Options;
      const read: ReadOptions = {
        includeRaw: options.includeRaw === true,
        mapping: mappingFromCollection(options.stateMapping),
        concurrency: concurrencyFrom(options.concurrency),
        ...(vendor.readOptionsFrom ? vendor.readOptionsFrom(options) : {}),
      };
      client ??= await createClientFor(ctx, vendor);

      if (resource === 'status' && operation === 'getMany') {
        const statuses = await client.listStatuses(read);
        const limit = limitOf(ctx, i);
        for (const s of limit === undefined ? statuses : statuses.slice(0, limit)) out.push({ json: asJson(s), pairedItem: { item: i } });
      } else if (resource === 'agentPresence' && operation === 'get') {
        const agentId = locatorValue(ctx, 'agent', i, vendor, 'Agent');
        const presence = await client.getPresence(agentId, read);
        nameAgents([presence], await agentsFor(ctx, vendor, client, [presence.agentId]));
        out.push({ json: asJson(presence), pairedItem: { item: i } });
      } else if (resource === 'agentPresence' && operation === 'set') {
        const agentId = locatorValue(ctx, 'agent', i, vendor, 'Agent');
        const statusId = locatorValue(ctx, 'status', i, vendor, 'Status');
        const presence = await client.setPresence(agentId, statusId, read);
        nameAgents([presence], await agentsFor(ctx, vendor, client, [presence.agentId]));
        out.push({ json: asJson(presence), pairedItem: { item: i } });
      } else if (resource === 'agentPresence' && operation === 'getMany') {
        const { presences, failed } = await getMany(ctx, vendor, client, i, read);
        for (const p of presences) out.push({ json: asJson(p), pairedItem: { item: i } });
        out.push(...failed);
      } else if (vendor.operations?.some((o) => o.resource === resource && o.value === operation)) {
        const vendorOperation = vendor.operations.find((o) => o.resource === resource && o.value === operation)!;
        out.push(...(await vendorOperation.execute(ctx, vendor, client, i, read)));
      } else {
        throw new InputError('Operation', `"${operation}" is not an operation of ${resource}`, 'Pick an operation from the list.');
      }
    } catch (error) {
      const nodeError = toNodeError(ctx.getNode(), error, i);
      if (ctx.continueOnFail()) {
        out.push({ json: errorItemJson(nodeError), pairedItem: { item: i } });
        continue;
      }
      throw nodeError;
    }
  }
  return [out];
}
