import { InputError, type ReadOptions } from '@agent-presence/presence-core';
import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { concurrencyOption, includeRawOption, stateMappingOption } from '../common-properties';
import { errorItemJson, toNodeError } from '../errors';
import { concurrencyFrom, mappingFromCollection } from '../params';
import type { VendorConfig } from '../vendor';
import type { ActionRun } from './operation';

/*
 * What the operation files share: showing a parameter for one operation, the Options
 * collection, Return All and Limit, and running once per item with continue-on-fail.
 */

export function asJson(value: object): IDataObject {
  return value as unknown as IDataObject;
}

/**
 * The properties, each shown only where `show` says (n8n's updateDisplayOptions): an
 * operation file declares its parameters once and they appear for that operation alone.
 */
export function showOnly(show: NonNullable<IDisplayOptions['show']>, properties: INodeProperties[]): INodeProperties[] {
  return properties.map((p) => ({ ...p, displayOptions: { ...p.displayOptions, show: { ...p.displayOptions?.show, ...show } } }));
}

/** The Options collection: the same read options in every operation (vendor-only ones last). */
export function optionsProperty(vendor: VendorConfig, extra: INodeProperties[] = []): INodeProperties {
  return {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [includeRawOption, stateMappingOption, concurrencyOption(vendor), ...(vendor.extraReadOptions ?? []), ...extra],
  };
}

export type Options = { includeRaw?: boolean; stateMapping?: unknown; concurrency?: unknown } & Record<string, unknown>;

export function optionsOf(ctx: IExecuteFunctions, i: number): Options {
  return ctx.getNodeParameter('options', i, {}) as Options;
}

/** Options > Include Raw Record, State Mapping, Max Concurrent Requests and the vendor's own, as core read options. */
export function readOptionsOf(ctx: IExecuteFunctions, vendor: VendorConfig, i: number): ReadOptions {
  const options = optionsOf(ctx, i);
  return {
    includeRaw: options.includeRaw === true,
    mapping: mappingFromCollection(options.stateMapping),
    concurrency: concurrencyFrom(options.concurrency),
    ...(vendor.readOptionsFrom ? vendor.readOptionsFrom(options) : {}),
  };
}

/** Return All, and Limit while it is off. */
export const returnAllProperties: INodeProperties[] = [
  {
    displayName: 'Return All',
    name: 'returnAll',
    type: 'boolean',
    default: false,
    description: 'Whether to return all results or only up to a given limit',
  },
  {
    displayName: 'Limit',
    name: 'limit',
    type: 'number',
    default: 50,
    typeOptions: { minValue: 1 },
    description: 'Max number of results to return',
    displayOptions: { show: { returnAll: [false] } },
  },
];

/** Limit, checked; undefined when Return All is on. */
export function limitOf(ctx: IExecuteFunctions, i: number): number | undefined {
  if (ctx.getNodeParameter('returnAll', i, false) as boolean) return undefined;
  const limit = ctx.getNodeParameter('limit', i, 50) as number;
  if (!Number.isInteger(limit) || limit < 1) throw new InputError('Limit', `${limit} is not a positive whole number`, 'Set Limit to 1 or more, or turn on Return All.');
  return limit;
}

/**
 * Runs `each` for every input item in turn. A failed item stops the node, or with
 * continue-on-fail becomes an error item paired with its input, and the next item runs.
 */
export async function forEachItem(run: ActionRun, each: (i: number) => Promise<INodeExecutionData[]>): Promise<INodeExecutionData[]> {
  const out: INodeExecutionData[] = [];
  for (let i = 0; i < run.items.length; i++) {
    try {
      out.push(...(await each(i)));
    } catch (error) {
      const nodeError = toNodeError(run.ctx.getNode(), error, i);
      if (!run.ctx.continueOnFail()) throw nodeError;
      out.push({ json: errorItemJson(nodeError), pairedItem: { item: i } });
    }
  }
  return out;
}
