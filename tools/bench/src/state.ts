// 3. State size: what the trigger keeps in n8n's static data, per agent. n8n rewrites
// static data after each poll that changes it, so it should stay small.
import type { IDataObject } from 'n8n-workflow';
import type { Vendor } from './sim';

export interface StateRow {
  kind: 'state';
  vendor: Vendor;
  agents: number;
  /** complete: a sweep has just ended (no cursor); sweep: mid-sweep, with the cursor. */
  mode: 'complete' | 'sweep';
  bytes_per_agent: number;
  bytes: number;
  /** Agents in the snapshot (every agent, once the first sweep has ended). */
  snapshot_agents: number;
  statuses: number;
  cursor: string | null;
}

export function stateRow(vendor: Vendor, agents: number, mode: StateRow['mode'], staticData: IDataObject): StateRow {
  // n8n stores static data as JSON.
  const bytes = Buffer.byteLength(JSON.stringify(staticData));
  const snapshot = staticData.snapshot as { a?: Record<string, unknown>; s?: unknown[] } | undefined;
  return {
    kind: 'state',
    vendor,
    agents,
    mode,
    bytes_per_agent: Number((bytes / agents).toFixed(1)),
    bytes,
    snapshot_agents: Object.keys(snapshot?.a ?? {}).length,
    statuses: snapshot?.s?.length ?? 0,
    cursor: (staticData.after as string | null | undefined) ?? null,
  };
}
