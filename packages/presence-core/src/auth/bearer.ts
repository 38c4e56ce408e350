import type { HttpTransport } from '../http/transport';

/** Adds a static bearer key (Cirrus) to every request. */
export function withBearerToken(transport: HttpTransport, token: string): HttpTransport {
  return {
    request: (req) => transport.request({ ...req, headers: { ...req.headers, Authorization: `Bearer ${token}` } }),
    sleep: transport.sleep?.bind(transport),
  };
}
