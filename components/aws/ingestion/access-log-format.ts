/** The stage's JSON access-log line (one object per request; `$context` variables of REST APIs). */
export const ACCESS_LOG_FIELDS: Record<string, string> = {
  requestId: "$context.requestId",
  extendedRequestId: "$context.extendedRequestId",
  ip: "$context.identity.sourceIp",
  requestTime: "$context.requestTime",
  httpMethod: "$context.httpMethod",
  resourcePath: "$context.resourcePath",
  status: "$context.status",
  protocol: "$context.protocol",
  responseLength: "$context.responseLength",
  responseLatency: "$context.responseLatency",
  integrationLatency: "$context.integration.latency",
  integrationStatus: "$context.integration.status",
  errorMessage: "$context.error.message",
  authorizerError: "$context.authorizer.error",
  gameId: "$context.authorizer.gameId",
  keyId: "$context.authorizer.keyId",
};

export function accessLogFormat(): string {
  return JSON.stringify(ACCESS_LOG_FIELDS);
}
