import type { z } from 'zod/v4';

/** The first issue of a failed parse, as a dotted field path and a short problem. */
export function describeZodIssue(error: z.ZodError): { field: string; problem: string } {
  const issue = error.issues[0];
  if (!issue) return { field: '', problem: 'is invalid' };
  const field = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
  return { field, problem: issue.message.replace(/^Invalid input: /, '') };
}
