import type { VendorErrorParser } from '../../vendor-errors';
import { VonageErrorSchemas as S } from './schemas';

/** Tried most specific first: `{error:{code}}`, problem+errors, problem, `{message}`. */
export const parseVonageError: VendorErrorParser = (body) => {
  const nested = S.nested.safeParse(body);
  if (nested.success) return { code: nested.data.error.code, message: nested.data.error.message ?? nested.data.error.code };
  const withErrors = S.problemWithErrors.safeParse(body);
  if (withErrors.success) {
    const list = withErrors.data.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    return { code: withErrors.data.title, message: list || withErrors.data.title, details: withErrors.data.errors };
  }
  const problem = S.problem.safeParse(body);
  if (problem.success) return { code: problem.data.title, message: problem.data.detail ?? problem.data.title };
  const message = S.message.safeParse(body);
  if (message.success) return { code: 'Error', message: message.data.message };
  return undefined;
};
