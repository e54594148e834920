import type { RequestAuthorizerEvent } from "./request-event";

/** Case-insensitive single header value (first of multi-value headers when the map is absent). */
export function headerValue(event: Pick<RequestAuthorizerEvent, "headers" | "multiValueHeaders">, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(event.headers ?? {})) {
    if (key.toLowerCase() === wanted && typeof value === "string") return value;
  }
  for (const [key, values] of Object.entries(event.multiValueHeaders ?? {})) {
    if (key.toLowerCase() === wanted && Array.isArray(values) && typeof values[0] === "string") return values[0];
  }
  return undefined;
}

const AUTHORIZATION_SCHEMES = ["apikey", "bearer"];

/**
 * The presented API key: `Authorization: ApiKey <k>`, `Authorization: Bearer <k>` or a bare
 * `Authorization: <k>`; otherwise `x-api-key: <k>`. Authorization wins when both are present, so a
 * request cannot smuggle a second credential past a cached decision. Returns undefined when none.
 */
export function extractApiKey(event: Pick<RequestAuthorizerEvent, "headers" | "multiValueHeaders">): string | undefined {
  const authorization = headerValue(event, "authorization")?.trim();
  if (authorization) {
    const space = authorization.search(/\s/);
    if (space === -1) return authorization;
    const scheme = authorization.slice(0, space).toLowerCase();
    // An unknown scheme (e.g. AWS4-HMAC-SHA256) is not an API key; returning it whole makes it malformed.
    return AUTHORIZATION_SCHEMES.includes(scheme) ? authorization.slice(space).trim() : authorization;
  }
  const header = headerValue(event, "x-api-key")?.trim();
  return header ? header : undefined;
}
