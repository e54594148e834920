/**
 * The fields of API Gateway's REQUEST authorizer event (REST API, payload as documented for
 * `type: "REQUEST"`) that this authorizer reads. Headers may be null when the request has none.
 */
export interface RequestAuthorizerEvent {
  type: "REQUEST";
  /** arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/{resource path} */
  methodArn: string;
  headers?: Record<string, string | undefined> | null;
  multiValueHeaders?: Record<string, string[] | undefined> | null;
  requestContext?: { requestId?: string };
}

export interface PolicyStatement {
  Action: "execute-api:Invoke";
  Effect: "Allow" | "Deny";
  Resource: string;
}

export interface AuthorizerResult {
  principalId: string;
  policyDocument: { Version: "2012-10-17"; Statement: PolicyStatement[] };
  context?: Record<string, string>;
}
