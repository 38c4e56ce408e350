import type { VendorErrorParser } from '../../vendor-errors';
import { TalkdeskErrorSchema } from './schemas';

/** `{code, message, description?, fields:[{name, description}]}`. */
export const parseTalkdeskError: VendorErrorParser = (body) => {
  const r = TalkdeskErrorSchema.safeParse(body);
  if (!r.success) return undefined;
  const { code, message, description, fields } = r.data;
  const fieldText = (fields ?? []).map((f) => [f.name, f.description].filter(Boolean).join(': ')).filter(Boolean).join('; ');
  const parts = [message, description, fieldText].filter((part): part is string => Boolean(part));
  return {
    code: String(code),
    message: [...new Set(parts)].join(' — '),
    details: fields && fields.length > 0 ? fields : undefined,
  };
};
