import { INGEST_HTTP_METHOD, INGEST_PATH } from "../ingest-api/contract";
import type { AuthorizerResult } from "./request-event";

export interface MethodArnParts {
  /** arn:{partition}:execute-api:{region}:{account}:{apiId} */
  apiArn: string;
  stage: string;
  httpMethod: string;
  resourcePath: string;
}

/** Splits an execute-api method ARN; throws on anything else (a misconfigured integration). */
export function parseMethodArn(methodArn: string): MethodArnParts {
  const match = /^(arn:[a-z-]+:execute-api:[a-z0-9-]+:\d{12}:[A-Za-z0-9]+)\/([^/]+)\/([A-Z*]+)(\/.*)?$/.exec(methodArn);
  if (!match) throw new Error(`not an execute-api method ARN: ${JSON.stringify(methodArn)}`);
  return { apiArn: match[1], stage: match[2], httpMethod: match[3], resourcePath: match[4] ?? "/" };
}

/** The one method an API key may invoke: POST /v1/events of the same API and stage. */
export function ingestMethodArn(methodArn: string): string {
  const { apiArn, stage } = parseMethodArn(methodArn);
  return `${apiArn}/${stage}/${INGEST_HTTP_METHOD}${INGEST_PATH}`;
}

export function allowIngestPolicy(methodArn: string, principalId: string, context: Record<string, string>): AuthorizerResult {
  return {
    principalId,
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: ingestMethodArn(methodArn) }],
    },
    context,
  };
}

/** An explicit Deny for the requested method; API Gateway answers 403. */
export function denyPolicy(methodArn: string): AuthorizerResult {
  return {
    principalId: "anonymous",
    policyDocument: { Version: "2012-10-17", Statement: [{ Action: "execute-api:Invoke", Effect: "Deny", Resource: methodArn }] },
  };
}
