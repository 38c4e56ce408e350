// The example workflows of examples/ and what they need in n8n besides the credentials.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir } from './paths.mjs';

export function loadExamples() {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ file: f, workflow: JSON.parse(readFileSync(join(examplesDir, f), 'utf8')) }));
}

/** The data table the audit-log example appends to. */
export const auditTable = {
  name: 'Agent presence audit',
  columns: [
    { name: 'observedAt', type: 'string' },
    { name: 'vendor', type: 'string' },
    { name: 'agentId', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'event', type: 'string' },
    { name: 'state', type: 'string' },
    { name: 'status', type: 'string' },
    { name: 'previousState', type: 'string' },
    { name: 'previousStatus', type: 'string' },
    { name: 'secondsInPrevious', type: 'number' },
  ],
};

/**
 * Creates the audit data table in the owner's personal project unless it exists; returns it.
 * A table made by an older start gets the columns added since (e.g. the agent's name).
 */
export async function ensureAuditTable(n8n) {
  const project = await n8n.personalProject();
  const base = `/projects/${project.id}/data-tables`;
  const list = await n8n.rest('GET', `${base}?take=100&skip=0`);
  const existing = (list.data ?? list).find?.((t) => t.name === auditTable.name);
  if (existing) {
    const columns = await n8n.rest('GET', `${base}/${existing.id}/columns`);
    const have = new Set((columns.data ?? columns).map?.((c) => c.name) ?? []);
    for (const column of auditTable.columns) if (!have.has(column.name)) await n8n.rest('POST', `${base}/${existing.id}/columns`, column);
    return { projectId: project.id, table: existing, created: false };
  }
  const table = await n8n.rest('POST', base, auditTable);
  return { projectId: project.id, table, created: true };
}

/** Rows of the audit table (newest last). */
export async function auditRows(n8n, projectId, tableId) {
  const page = await n8n.rest('GET', `/projects/${projectId}/data-tables/${tableId}/rows?take=1000&skip=0`);
  return page.data ?? page;
}
