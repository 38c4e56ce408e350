// Runs n8n nodes through n8n-core (the harness of n8n-shared): our polling trigger, and
// the naive baseline as a node of its own, so both go through the same n8n request
// helpers and credentials.
import { createClientFor } from '@agent-presence/n8n-shared';
// The harness's own modules, not '@agent-presence/n8n-shared/testing': its index also
// exports the jest suites, which would need jest's types here.
import { NodeHarness } from '../../../packages/n8n-shared/testing/harness';
import { simulatorCredentials } from '../../../packages/n8n-shared/testing/simulator-credentials';
import type { Simulator } from '@agent-presence/simulator';
import { NodeConnectionTypes, type INodeExecutionData, type INodeType, type INodeTypeDescription, type IPollFunctions } from 'n8n-workflow';
import type { SimHandle } from './sim';
import type { VendorSpec } from './vendors';

/** A fresh n8n (no stored token) with our trigger, and the naive loop or our action node, for one vendor. */
export function harnessFor(sim: SimHandle, spec: VendorSpec, naive?: NaiveLoop, action = false): NodeHarness {
  const nodes: Record<string, INodeType> = { [spec.triggerName]: spec.trigger() };
  if (naive) nodes.naiveLoop = naive;
  if (action) nodes[spec.actionName] = spec.action();
  return new NodeHarness({ nodes, credentialTypes: [spec.credentialType()], credentials: simulatorCredentials(sim.info as Simulator) });
}

/** The trigger's parameters in the benchmarks: every agent, the default events. */
export const triggerParameters = { watch: 'all', events: ['stateChanged', 'statusChanged'] };

export interface NaiveTiming {
  agentsListed: number;
  agentsRead: number;
  listMs: number;
  readMs: number;
}

/**
 * What a hand-built workflow does: list the agents, then an HTTP Request node in a
 * loop, one agent's presence per request, one request at a time, through n8n's
 * authenticated request helper. Reads only the first `sample` agents when given.
 */
export class NaiveLoop implements INodeType {
  timing?: NaiveTiming;

  readonly description: INodeTypeDescription;

  readonly poll: (this: IPollFunctions) => Promise<INodeExecutionData[][] | null>;

  constructor(spec: VendorSpec, sample?: number) {
    this.description = {
      displayName: 'Naive Loop',
      name: 'naiveLoop',
      group: ['trigger'],
      version: 1,
      description: 'One request per agent, one at a time',
      defaults: { name: 'Naive Loop' },
      polling: true,
      inputs: [],
      outputs: [NodeConnectionTypes.Main],
      credentials: [{ name: spec.config.credentialType, required: true }],
      properties: [],
    };
    const node = this;
    // n8n calls poll() with its context as `this`: the node's own settings come through this closure.
    this.poll = async function (this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
      const client = await createClientFor(this, spec.config);
      const t0 = performance.now();
      const agents = await client.listAgents();
      const t1 = performance.now();
      const ids = agents.map((a) => a.agentId).slice(0, sample ?? agents.length);
      const items: INodeExecutionData[] = [];
      for (const id of ids) items.push({ json: (await client.getPresence(id)) as never });
      const t2 = performance.now();
      node.timing = { agentsListed: agents.length, agentsRead: ids.length, listMs: t1 - t0, readMs: t2 - t1 };
      return [items];
    };
  }
}

/**
 * Makes every client the vendor's nodes build use `concurrency` (the nodes take core's
 * per-vendor default), until the returned function is called. For `--concurrency`.
 */
export function withConcurrency(spec: VendorSpec, concurrency: number): () => void {
  const original = spec.config.createClient;
  spec.config.createClient = (options) => original({ ...options, concurrency });
  return () => void (spec.config.createClient = original);
}
