import {
  VendorApiError,
  parseVendorError,
  type HttpResponse,
  type HttpTransport,
  type VendorId,
} from '@agent-presence/presence-core';
import { sleep, type IExecuteFunctions, type IHookFunctions, type IHttpRequestOptions, type ILoadOptionsFunctions, type IPollFunctions, type IWebhookFunctions } from 'n8n-workflow';

export type N8nContext = IExecuteFunctions | IPollFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

type AxiosLikeResponse = { status?: number; headers?: Record<string, unknown>; data?: unknown };

function lowerHeaders(headers: Record<string, unknown> | undefined): HttpResponse['headers'] {
  const out: HttpResponse['headers'] = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v == null ? undefined : String(v);
  return out;
}

/** The HTTP answer inside an error thrown by n8n's request helpers, if there was one. */
function responseOf(error: unknown): AxiosLikeResponse | undefined {
  const e = error as { cause?: { response?: AxiosLikeResponse; cause?: { response?: AxiosLikeResponse } }; response?: AxiosLikeResponse };
  const r = e?.cause?.response ?? e?.response ?? e?.cause?.cause?.response;
  return r && typeof r.status === 'number' ? r : undefined;
}

/** Limits every request of one run must keep. */
export interface TransportLimits {
  /**
   * Epoch ms no request may outlive (a poll's budget): each request's timeout is the
   * time left, so a vendor that hangs cannot hold a poll past it.
   */
  deadline?: number;
}

/** The request timeout: the caller's, cut to the time left before the deadline. */
function timeoutFor(requested: number | undefined, deadline: number | undefined): number | undefined {
  if (deadline === undefined) return requested;
  const left = deadline - Date.now();
  if (left <= 0) throw Object.assign(new Error('the time budget of this run was used up before the request could be sent'), { code: 'ETIMEDOUT' });
  return requested === undefined ? left : Math.min(requested, left);
}

/**
 * presence-core's HttpTransport over n8n's `httpRequestWithAuthentication`, so n8n
 * adds the credential (and, for OAuth2, fetches and refreshes the token).
 * Requests go only to the origins given: the credential's own API host.
 */
export function n8nTransport(ctx: N8nContext, vendor: VendorId, credentialType: string, allowedOrigins: string[], limits: TransportLimits = {}): HttpTransport {
  return {
    async request(req) {
      const origin = new URL(req.url).origin;
      if (!allowedOrigins.includes(origin)) {
        // Never reached through the clients (they build URLs from the checked host); a guard, not a path.
        throw new VendorApiError({ vendor, httpStatus: 0, code: 'ORIGIN_REFUSED', message: `refused to send credentials to ${origin}` });
      }
      const timeout = timeoutFor(req.timeoutMs, limits.deadline);
      const options: IHttpRequestOptions = {
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: req.body as IHttpRequestOptions['body'],
        encoding: 'text',
        json: false,
        returnFullResponse: true,
        // 401 must throw so n8n refreshes an OAuth2 token and retries once.
        ignoreHttpStatusErrors: { ignore: true, except: [401] },
        disableFollowRedirect: true,
        timeout,
      };
      try {
        const res = (await ctx.helpers.httpRequestWithAuthentication.call(ctx, credentialType, options)) as {
          statusCode: number;
          headers: Record<string, unknown>;
          body: unknown;
        };
        return { status: res.statusCode, headers: lowerHeaders(res.headers), body: res.body };
      } catch (error) {
        const response = responseOf(error);
        if (response) return { status: response.status as number, headers: lowerHeaders(response.headers), body: response.data };
        const message = error instanceof Error ? error.message : String(error);
        const code = (error as { code?: unknown; cause?: { code?: unknown } })?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
        if (timeout !== undefined && (code === 'ECONNABORTED' || code === 'ETIMEDOUT')) {
          // n8n words an axios timeout as "the connection was aborted, perhaps the server is offline".
          const why = limits.deadline !== undefined ? ' (all the time left in this run)' : '';
          throw Object.assign(new Error(`no answer within ${timeout} ms${why}`), { code: 'ETIMEDOUT' });
        }
        if (/acquire OAuth2 access token/i.test(message)) {
          // The token endpoint refused: surface it as the vendor's auth error, with its code.
          const body = (error as { cause?: { body?: unknown; cause?: { body?: unknown } } }).cause;
          const parsed = parseVendorError(vendor, 401, body?.body ?? body?.cause?.body ?? message);
          // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- the transport answers core (its HttpTransport port), whose retries read this error; toNodeError (errors.ts) makes core's errors NodeApiError at the node
          throw new VendorApiError({ vendor, httpStatus: 401, code: parsed.code === 'HTTP_401' ? 'token_request_failed' : parsed.code, message: parsed.code === 'HTTP_401' ? message : parsed.message, endpoint: 'POST token', hint: 'Check the client id, client secret, scopes and token URL of the credential.' });
        }
        // eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- as above: core classifies the raw error (network, timeout, 401)
        throw error;
      }
    },
    sleep: (ms) => sleep(ms),
  };
}
