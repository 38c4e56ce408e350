// What every entry point needs first: our packages built and packed, the n8n runtime
// installed (or reused), and the tarballs installed into a user folder's .n8n/nodes.
import { rmSync } from 'node:fs';
import { buildWorkspace, installTarballs, packTarballs } from './packages.mjs';
import { ensureN8nRuntime } from './runtime.mjs';

/** @param {{userFolder: string, fresh?: boolean}} o  fresh: start from an empty user folder */
export async function prepareN8n({ userFolder, fresh = false }) {
  // Both run to their end before a failure is reported, so no npm is left running.
  const [packed, runtime] = await Promise.allSettled([buildWorkspace().then(packTarballs), ensureN8nRuntime()]);
  for (const r of [packed, runtime]) if (r.status === 'rejected') throw r.reason;
  const tarballs = packed.value;
  if (fresh) rmSync(userFolder, { recursive: true, force: true });
  await installTarballs(userFolder, tarballs);
  return { tarballs };
}
