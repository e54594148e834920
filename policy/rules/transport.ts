/**
 * Encryption in transit: buckets refuse plain HTTP, Kafka speaks TLS to clients and between
 * brokers, custom API domains refuse TLS 1.0/1.1.
 */
import { S3_POLICY_TYPE, s3Buckets } from "./bucket-types";
import { equals, isTrue, perTypeRule } from "./per-type";
import { refersTo } from "./references";
import type { StackRule } from "./types";
import { asList, containsUnknown, jsonDocument } from "./values";

/** REST API security policies older than TLS 1.2 (the API's default when unset is TLS_1_0). */
const WEAK_API_POLICIES = new Set(["TLS_1_0"]);
const strongApiPolicy = (value: unknown) => typeof value === "string" && value.length > 0 && !WEAK_API_POLICIES.has(value);

export const tlsInTransit = perTypeRule(
  {
    name: "tls-in-transit",
    description: "Kafka traffic is TLS between clients and brokers and inside the cluster; custom API domains require TLS 1.2 or newer.",
    severity: "high",
  },
  {
    "aws:msk/cluster:Cluster": [
      { path: "encryptionInfo.encryptionInTransit.clientBroker", test: equals("TLS"), message: 'MSK cluster must set encryptionInfo.encryptionInTransit.clientBroker = "TLS"' },
      { path: "encryptionInfo.encryptionInTransit.inCluster", test: isTrue, message: "MSK cluster must set encryptionInfo.encryptionInTransit.inCluster = true" },
    ],
    "aws:apigateway/domainName:DomainName": [
      { path: "securityPolicy", test: strongApiPolicy, message: 'API Gateway domain must set securityPolicy to "TLS_1_2" or a newer policy (the default allows TLS 1.0)' },
    ],
    "aws:apigatewayv2/domainName:DomainName": [
      { path: "domainNameConfiguration.securityPolicy", test: strongApiPolicy, message: 'API Gateway v2 domain must set domainNameConfiguration.securityPolicy to "TLS_1_2" or newer' },
    ],
  },
);

/** A statement denying every S3 action to everyone when `aws:SecureTransport` is false. */
export function deniesInsecureTransport(statement: Record<string, any>): boolean {
  if (statement.Effect !== "Deny") return false;
  const actions = asList(statement.Action as string | string[]);
  if (!actions.some((action) => action === "s3:*" || action === "*")) return false;
  const principal = statement.Principal;
  const everyone = principal === "*" || asList(principal?.AWS as string | string[]).includes("*");
  if (!everyone) return false;
  const secure = statement.Condition?.Bool?.["aws:SecureTransport"];
  return asList(secure as unknown).some((value) => value === false || value === "false");
}

export const s3TlsOnly: StackRule = {
  kind: "stack",
  name: "s3-tls-only",
  description: "Every S3 bucket has a bucket policy denying requests without TLS (aws:SecureTransport = false).",
  severity: "high",
  check(resources) {
    const policies = resources.filter((r) => r.type === S3_POLICY_TYPE);
    return s3Buckets(resources).flatMap((bucket) => {
      const documents = [
        ...policies.filter((p) => refersTo(p, "bucket", bucket)).map((p) => p.inputs.policy),
        ...(bucket.inputs.policy !== undefined ? [bucket.inputs.policy] : []),
      ];
      if (documents.some(containsUnknown)) return [];
      const ok = documents.some((document) => asList(jsonDocument(document)?.Statement as Record<string, any>[]).some(deniesInsecureTransport));
      return ok ? [] : [{ resource: bucket, message: `S3 bucket ${bucket.name} has no bucket policy denying non-TLS requests (Deny s3:* to "*" when aws:SecureTransport is "false")` }];
    });
  },
};
