import type { PresenceClient } from '@agent-presence/presence-core';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { VendorConfig } from '../vendor';

/** What an operation's execute() is given: the node run, the vendor, and the run's one client. */
export interface ActionRun {
  ctx: IExecuteFunctions;
  vendor: VendorConfig;
  items: INodeExecutionData[];
  /** The vendor client, built from the credential on first use and shared by every item. */
  client(): Promise<PresenceClient>;
}

/** One `<resource>/<operation>.operation.ts` file: its parameters and what it does. */
export interface ActionOperation {
  /** The operation's parameters, each shown only for this resource and operation. */
  description(vendor: VendorConfig): INodeProperties[];
  /** All input items in, the output items out (each with its pairedItem). */
  execute(run: ActionRun): Promise<INodeExecutionData[]>;
}
