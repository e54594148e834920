/**
 * SASL/OAUTHBEARER token for Google Cloud Managed Service for Apache Kafka: a JWT-shaped string whose
 * header names the `GOOG_OAUTH2_TOKEN` algorithm, whose claims name the principal, and whose third part
 * is a Google OAuth2 access token (what Google's own Kafka login handlers send). Pure: the access
 * token and principal come from google-auth-library at the call site.
 */
function base64Url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

export interface ManagedKafkaTokenInput {
  accessToken: string;
  /** The service account e-mail the access token belongs to. */
  principal: string;
  nowMs: number;
  expiresAtMs: number;
}

export function managedKafkaOauthToken(input: ManagedKafkaTokenInput): string {
  const header = { typ: "JWT", alg: "GOOG_OAUTH2_TOKEN" };
  const claims = {
    exp: Math.floor(input.expiresAtMs / 1000),
    iat: Math.floor(input.nowMs / 1000),
    iss: "Google",
    scope: "kafka",
    sub: input.principal,
  };
  return `${base64Url(JSON.stringify(header))}.${base64Url(JSON.stringify(claims))}.${base64Url(input.accessToken)}`;
}
