import { InputError, isPresenceError, VendorApiError, redactSecrets, type PresenceError } from '@agent-presence/presence-core';
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

/**
 * A core error as n8n's own: bad parameters are NodeOperationError, anything from
 * or about the vendor is NodeApiError keeping the vendor's code and message.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
  if (error instanceof NodeApiError || error instanceof NodeOperationError) {
    // n8n hands back an existing NodeApiError when wrapped again, so set the item ourselves.
    if (itemIndex !== undefined) error.context.itemIndex = itemIndex;
    return error;
  }
  if (!isPresenceError(error)) {
    const message = redactSecrets(error instanceof Error ? error.message : String(error));
    return new NodeOperationError(node, message, { itemIndex });
  }
  const e: PresenceError = error;
  if (e instanceof InputError) {
    // The field and what is wrong; what to do goes once, in the description.
    return new NodeOperationError(node, `${e.field}: ${e.problem}`, { itemIndex, description: e.hint });
  }
  const response: JsonObject = {
    vendor: e.vendor ?? null,
    kind: e.kind,
    message: e.message,
  };
  if (e instanceof VendorApiError) {
    Object.assign(response, { httpStatus: e.httpStatus, code: e.code, vendorMessage: e.vendorMessage, endpoint: e.endpoint ?? null });
  }
  const apiError = new NodeApiError(node, response, {
    message: e.message,
    description: e.hint,
    httpCode: e instanceof VendorApiError && e.httpStatus > 0 ? String(e.httpStatus) : undefined,
    itemIndex,
  });
  return apiError;
}

/** The JSON of an error item for continueOnFail. */
export function errorItemJson(error: NodeApiError | NodeOperationError): JsonObject {
  const json: JsonObject = { error: error.message };
  if (error.description) json.description = error.description;
  const cause = (error as NodeApiError).errorResponse as JsonObject | undefined;
  if (cause && typeof cause === 'object') {
    for (const key of ['vendor', 'httpStatus', 'code', 'vendorMessage', 'endpoint'] as const) {
      if (cause[key] !== undefined && cause[key] !== null) json[key] = cause[key];
    }
  }
  return json;
}
