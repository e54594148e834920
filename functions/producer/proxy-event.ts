/** The API Gateway REST (v1) Lambda-proxy event and result fields the producer uses. */

export interface ProxyEvent {
  body: string | null;
  isBase64Encoded?: boolean;
  requestContext: {
    requestId: string;
    /** Epoch ms at which API Gateway received the request. */
    requestTimeEpoch?: number;
    /** Context of the REQUEST authorizer (functions/authorizer puts `gameId` and `keyId` there). */
    authorizer?: Record<string, unknown> | null;
  };
}

export interface ProxyResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** The authorizer context key carrying the API key's game (functions/authorizer/authorize.ts). */
export const GAME_ID_CONTEXT_KEY = "gameId";

export function requestBody(event: ProxyEvent): string {
  if (event.body === null || event.body === undefined) return "";
  return event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
}

export function gameIdOf(event: ProxyEvent): string | null {
  const value = event.requestContext.authorizer?.[GAME_ID_CONTEXT_KEY];
  return typeof value === "string" && value.length > 0 ? value : null;
}

export function jsonResult(statusCode: number, body: unknown): ProxyResult {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
