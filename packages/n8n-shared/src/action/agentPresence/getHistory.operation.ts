import { InputError, summarizeStints, validateAgentId, type PresenceClient, type VonageClient } from '@agent-presence/presence-core';
import { historyWindow } from '@agent-presence/presence-core/vonage';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { agentsFor } from '../../agent-names';
import { agentChoiceProperties } from '../../common-properties';
import { requireHostApis } from '../../host';
import { agentIdsLabel, parseIdList } from '../../params';
import { requireScope, withScopeHint } from '../../scopes';
import type { VendorConfig, VendorOperation } from '../../vendor';
import { instantOf, startOfDay } from '../../zoned-time';
import { forEachItem, optionsProperty, readOptionsOf, showOnly } from '../common';
import type { ActionRun } from '../operation';

/*
 * Get Presence History (Vonage): every stint of the agents in a window, from Vonage's Insights
 * Stats API (`GET /stats/agent-activities/presence`, scope `stats`), or with Summarize the time
 * each agent spent in each common state: "how long was each agent in each state today".
 */

export const historyScope = 'stats';
const operationName = 'Get Presence History';
const dayMs = 24 * 60 * 60 * 1000;

/** Its entry in the Operation list (Vonage only). */
export const option: VendorOperation['option'] = {
  name: operationName,
  value: 'getHistory',
  action: (vendor) => `Get ${vendor.shortName} presence history`,
  description: 'Get how long agents spent in each status over a time window',
};

export function description(vendor: VendorConfig): INodeProperties[] {
  return showOnly({ resource: ['agentPresence'], operation: [option.value] }, [
    ...agentChoiceProperties(vendor, { name: 'source', displayName: 'Agents' }, 'The agents whose history to read'),
    {
      displayName: 'Time Window',
      name: 'timeWindow',
      type: 'options',
      noDataExpression: true,
      options: [
        { name: 'Today', value: 'today', description: "From midnight until now, in the workflow's time zone" },
        { name: 'Yesterday', value: 'yesterday', description: "The whole of yesterday, in the workflow's time zone" },
        { name: 'Custom', value: 'custom', description: 'From and to times you give (at most 31 days apart)' },
      ],
      default: 'today',
    },
    {
      displayName: 'From',
      name: 'from',
      type: 'dateTime',
      default: '',
      required: true,
      description: "Start of the window, in the workflow's time zone unless the time names its own",
      displayOptions: { show: { timeWindow: ['custom'] } },
    },
    {
      displayName: 'To',
      name: 'to',
      type: 'dateTime',
      default: '',
      description: 'End of the window: at most 31 days after From (Vonage answers no more per request). Empty: now.',
      displayOptions: { show: { timeWindow: ['custom'] } },
    },
    {
      displayName: 'Summarize',
      name: 'summarize',
      type: 'boolean',
      default: false,
      description: 'Whether to return one item per agent and common state with the total time, instead of one item per stint',
    },
    optionsProperty(vendor),
  ]);
}

function isVonageClient(client: PresenceClient): client is VonageClient {
  return typeof (client as Partial<VonageClient>).getPresenceHistory === 'function';
}

/** The window the parameters give, as ISO times; `to` is never later than now. */
export function windowFrom(ctx: IExecuteFunctions, i: number, nowMs: number): { from: string; to: string } {
  const timeZone = ctx.getTimezone();
  const choice = ctx.getNodeParameter('timeWindow', i, 'today') as string;
  let fromMs: number;
  let toMs: number;
  if (choice === 'today') {
    fromMs = startOfDay(nowMs, timeZone);
    toMs = nowMs;
  } else if (choice === 'yesterday') {
    toMs = startOfDay(nowMs, timeZone);
    // A day back from midnight, then to that day's midnight: right across a DST change too.
    fromMs = startOfDay(toMs - dayMs / 2, timeZone);
  } else {
    fromMs = instantOf(ctx.getNodeParameter('from', i, ''), timeZone, 'From');
    const to = ctx.getNodeParameter('to', i, '') as unknown;
    toMs = to === '' || to === null || to === undefined ? nowMs : instantOf(to, timeZone, 'To');
  }
  // Checked here, with the parameters' labels, before anything is sent.
  const window = historyWindow(new Date(fromMs).toISOString(), new Date(toMs).toISOString(), nowMs, { from: 'From', to: 'To' });
  return { from: new Date(window.fromMs).toISOString(), to: new Date(Math.min(window.toMs, nowMs)).toISOString() };
}

export async function execute(run: ActionRun): Promise<INodeExecutionData[]> {
  requireHostApis(run.ctx, ['getTimezone']);
  return forEachItem(run, (i) => historyOf(run, i));
}

async function historyOf(run: ActionRun, i: number): Promise<INodeExecutionData[]> {
  const { ctx, vendor } = run;
  const read = readOptionsOf(ctx, vendor, i);
  const { from, to } = windowFrom(ctx, i, Date.now());
  const source = ctx.getNodeParameter('source', i, 'all') as string;
  const agentIds =
    source === 'ids'
      ? parseIdList(ctx.getNodeParameter('agentIds', i), agentIdsLabel).map((id, n) => validateAgentId(vendor.id, id, `${agentIdsLabel}, item ${n + 1}`))
      : undefined;
  const summarize = ctx.getNodeParameter('summarize', i, false) as boolean;
  await requireScope(ctx, vendor, historyScope, operationName);
  const client = await run.client();
  if (!isVonageClient(client)) throw new InputError('Operation', `${operationName} is not offered for ${vendor.displayName}`, 'Pick another operation.');

  let stints;
  try {
    stints = await client.getPresenceHistory({ from, to, agentIds, mapping: read.mapping, includeRaw: read.includeRaw && !summarize, concurrency: read.concurrency });
  } catch (error) {
    throw withScopeHint(error, vendor, historyScope, operationName);
  }
  const agentOf = await agentsFor(ctx, vendor, client, [...new Set(stints.map((s) => s.agentId))]);
  const name = (agentId: string) => agentOf(agentId)?.name ?? null;
  const item = (json: object): INodeExecutionData => ({ json: json as IDataObject, pairedItem: { item: i } });

  if (summarize) {
    return summarizeStints(stints, { from, to }).map((t) => item({ vendor: vendor.id, agentId: t.agentId, name: name(t.agentId), state: t.state, totalMs: t.totalMs, stints: t.stints, from, to }));
  }
  return stints.map((s) =>
    item({
      vendor: s.vendor,
      agentId: s.agentId,
      name: name(s.agentId),
      state: s.state,
      status: s.status,
      start: s.start,
      end: s.end,
      durationMs: s.durationMs,
      ...(s.raw !== undefined ? { raw: s.raw } : {}),
    }),
  );
}
