import { InputError, type AgentPresence, type PresenceClient, type PresenceState, type ReadOptions } from '@agent-presence/presence-core';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { createClientFor } from '../client';
import { errorItemJson, toNodeError } from '../errors';
import { hostApis, requireHostApis } from '../host';
import { concurrencyFrom, mappingFromCollection, parseIdList, statesFrom } from '../params';
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

async function getMany(ctx: IExecuteFunctions, client: PresenceClient, i: number, read: ReadOptions): Promise<{ presences: AgentPresence[]; failed: INodeExecutionData[] }> {
  const source = ctx.getNodeParameter('source', i, 'all') as string;
  const states = statesFrom((ctx.getNodeParameter('filters', i, {}) as IDataObject).states);
  const limit = limitOf(ctx, i);
  const ids = source === 'ids'
    ? parseIdList(ctx.getNodeParameter('agentIds', i), 'Agent IDs')
    : (await client.listAgents()).map((a) => a.agentId);
  const batch = await client.getPresences(ids, read);
  const failed: INodeExecutionData[] = [];
  const problems = [
    ...batch.failures.map((f) => ({ agentIds: f.agentIds, error: toNodeError(ctx.getNode(), f.error, i) })),
    ...(batch.missing.length > 0
      ? [{ agentIds: batch.missing, error: toNodeError(ctx.getNode(), new InputError('Agent IDs', `${batch.missing.length} agent(s) unknown to the vendor: ${batch.missing.slice(0, 10).join(', ')}`, 'Check the ids, e.g. with Get Many on all agents.'), i) }]
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
        const agentId = ctx.getNodeParameter('agent', i, '', { extractValue: true }) as unknown;
        out.push({ json: asJson(await client.getPresence(agentId as string, read)), pairedItem: { item: i } });
      } else if (resource === 'agentPresence' && operation === 'set') {
        const agentId = ctx.getNodeParameter('agent', i, '', { extractValue: true }) as unknown;
        const statusId = ctx.getNodeParameter('status', i, '', { extractValue: true }) as unknown;
        out.push({ json: asJson(await client.setPresence(agentId as string, statusId as string, read)), pairedItem: { item: i } });
      } else if (resource === 'agentPresence' && operation === 'getMany') {
        const { presences, failed } = await getMany(ctx, client, i, read);
        for (const p of presences) out.push({ json: asJson(p), pairedItem: { item: i } });
        out.push(...failed);
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
