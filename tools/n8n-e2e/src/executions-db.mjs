// n8n's executions read straight from its Postgres database: in queue mode the main may be
// down (a crash test kills it), and the database is what every process shares. Execution
// data is stored in n8n's `flatted` form and decoded with n8n's own copy.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { runtimeModules } from './paths.mjs';

const requireFromN8n = createRequire(join(runtimeModules, 'n8n', 'package.json'));

/** Reads executions incrementally: `next()` returns those with an id above the last one read. */
export class ExecutionReader {
  /** @param {{ query: (sql: string, params?: unknown[]) => Promise<{rows: any[]}> }} client a connected pg client */
  constructor(client) {
    this.client = client;
    this.flatted = requireFromN8n('flatted');
  }

  /** Counts by workflow and status, straight from execution_entity. */
  async counts(workflowId) {
    const { rows } = await this.client.query('SELECT status, count(*)::int AS n FROM execution_entity WHERE "workflowId" = $1 GROUP BY status', [workflowId]);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** The status of each of these executions (id → status). */
  async statuses(ids) {
    const { rows } = await this.client.query('SELECT id::int AS id, status FROM execution_entity WHERE id = ANY($1::int[])', [ids]);
    return new Map(rows.map((r) => [r.id, r.status]));
  }

  /** The workflow of each of these executions. */
  async workflowsOf(ids) {
    const { rows } = await this.client.query('SELECT id::int AS id, "workflowId" FROM execution_entity WHERE id = ANY($1::int[])', [ids]);
    return rows;
  }

  /**
   * Finished executions (success or error) with their run data, in id order, from `afterId` on.
   * An execution still running is left for a later call.
   */
  async finishedSince(afterId) {
    const { rows } = await this.client.query(
      `SELECT e.id::int AS id, e."workflowId" AS "workflowId", e.status, e.mode, e."startedAt" AS "startedAt", d.data
         FROM execution_entity e JOIN execution_data d ON d."executionId" = e.id
        WHERE e.id > $1 AND e.status IN ('success', 'error', 'crashed', 'canceled')
        ORDER BY e.id`,
      [afterId],
    );
    return rows.map((r) => ({ ...r, data: this.flatted.parse(r.data) }));
  }

  /** Ids of executions not finished yet (new, running, waiting), and the highest id there is. */
  async unfinished() {
    const { rows } = await this.client.query(`SELECT id::int AS id, "workflowId", status FROM execution_entity WHERE status NOT IN ('success', 'error', 'crashed', 'canceled') ORDER BY id`);
    const max = (await this.client.query('SELECT coalesce(max(id), 0)::int AS max FROM execution_entity')).rows[0].max;
    return { rows, max };
  }

  /**
   * Every execution finished since the last call, once: executions finish out of order, so the
   * next call starts below the lowest one still unfinished.
   */
  async newlyFinished() {
    this.cursor ??= 0;
    this.done ??= new Set();
    const { rows: open, max } = await this.unfinished();
    const found = (await this.finishedSince(this.cursor)).filter((e) => !this.done.has(e.id));
    for (const e of found) this.done.add(e.id);
    this.cursor = open.length > 0 ? Math.min(open[0].id - 1, max) : max;
    return found;
  }
}

/** The items a node output in an execution's first run of it (output 0); [] when it did not run. */
export function itemsOf(execution, nodeName) {
  const runs = execution.data?.resultData?.runData?.[nodeName];
  if (!runs?.[0] || runs[0].error) return [];
  return (runs[0].data?.main?.[0] ?? []).map((i) => i.json);
}
