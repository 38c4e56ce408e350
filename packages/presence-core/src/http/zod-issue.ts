import type { z } from 'zod/v4';

type Issue = z.core.$ZodIssue;

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** For a failed union, the branch that got furthest explains the problem best. */
function deepest(issue: Issue, prefix: readonly PropertyKey[]): { path: PropertyKey[]; message: string } {
  const path = [...prefix, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const candidates = issue.errors
      .map((branch) => branch[0])
      .filter((i): i is Issue => i !== undefined)
      .map((i) => deepest(i, path));
    candidates.sort((a, b) => b.path.length - a.path.length);
    if (candidates[0] && candidates[0].path.length > path.length) return candidates[0];
  }
  return { path, message: issue.message };
}

/** The first issue of a failed parse, as a dotted field path and a short problem. */
export function describeZodIssue(error: z.ZodError): { field: string; problem: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', problem: 'is invalid' };
  const { path, message } = deepest(issue, []);
  return { field: formatPath(path), problem: message.replace(/^Invalid input: /, '') };
}
