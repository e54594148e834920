/**
 * Encryption at rest on every store and stream. AWS stores must name a customer-managed KMS key
 * where the service lets us choose one (so key policy and rotation are ours); GCP stores must name
 * a Cloud KMS key when the stack turns on `telemetry:gcp.cmek`.
 */
import { S3_SSE_TYPES, s3Buckets } from "./bucket-types";
import { isNonEmpty, isTrue, perTypeRule } from "./per-type";
import { refersTo } from "./references";
import type { StackRule } from "./types";
import { asList, at, containsUnknown } from "./values";

const cmekConfigured = (_r: unknown, context: { gcpCmek: boolean }) => context.gcpCmek;

export const encryptionAtRest = perTypeRule(
  {
    name: "encryption-at-rest",
    description: "Streams, tables, topics, queues, clusters and warehouses are encrypted at rest with a customer-managed key.",
    severity: "high",
  },
  {
    "aws:kinesis/stream:Stream": [
      { path: "encryptionType", test: (v) => v === "KMS", message: 'Kinesis stream must set encryptionType "KMS"' },
      { path: "kmsKeyId", test: isNonEmpty, message: "Kinesis stream must name its KMS key (kmsKeyId)" },
    ],
    "aws:dynamodb/table:Table": [
      { path: "serverSideEncryption.enabled", test: isTrue, message: "DynamoDB table must enable serverSideEncryption" },
      { path: "serverSideEncryption.kmsKeyArn", test: isNonEmpty, message: "DynamoDB table must encrypt with a customer-managed key (serverSideEncryption.kmsKeyArn)" },
    ],
    "aws:sns/topic:Topic": [{ path: "kmsMasterKeyId", test: isNonEmpty, message: "SNS topic must set kmsMasterKeyId" }],
    "aws:sqs/queue:Queue": (resource) => {
      const key = resource.inputs.kmsMasterKeyId;
      const managed = resource.inputs.sqsManagedSseEnabled;
      if (containsUnknown(key) || containsUnknown(managed)) return [];
      return isNonEmpty(key) || managed === true ? [] : ["SQS queue must set kmsMasterKeyId or sqsManagedSseEnabled"];
    },
    "aws:msk/cluster:Cluster": [
      { path: "encryptionInfo.encryptionAtRestKmsKeyArn", test: isNonEmpty, message: "MSK cluster must encrypt broker storage with a customer-managed key (encryptionInfo.encryptionAtRestKmsKeyArn)" },
    ],
    "aws:redshiftserverless/namespace:Namespace": [{ path: "kmsKeyId", test: isNonEmpty, message: "Redshift Serverless namespace must set kmsKeyId" }],
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": (resource) => {
      // With a Kinesis or MSK source, data at rest is the source's; only a direct-PUT stream holds its own.
      const sourced = ["kinesisSourceConfiguration", "mskSourceConfiguration"].some((key) => resource.inputs[key] !== undefined);
      if (sourced) return [];
      const enabled = at(resource.inputs, "serverSideEncryption.enabled");
      if (containsUnknown(enabled)) return [];
      return enabled === true ? [] : ["direct-PUT Firehose stream must enable serverSideEncryption"];
    },
    "aws:rds/instance:Instance": [{ path: "storageEncrypted", test: isTrue, message: "RDS instance must set storageEncrypted" }],
    "aws:rds/cluster:Cluster": [{ path: "storageEncrypted", test: isTrue, message: "RDS cluster must set storageEncrypted" }],
    "gcp:storage/bucket:Bucket": [
      { path: "encryption.defaultKmsKeyName", test: isNonEmpty, message: "GCS bucket must name its CMEK key (encryption.defaultKmsKeyName) when telemetry:gcp.cmek is on", when: cmekConfigured },
    ],
    "gcp:pubsub/topic:Topic": [
      { path: "kmsKeyName", test: isNonEmpty, message: "Pub/Sub topic must set kmsKeyName when telemetry:gcp.cmek is on", when: cmekConfigured },
    ],
    "gcp:managedkafka/cluster:Cluster": [
      { path: "gcpConfig.kmsKey", test: isNonEmpty, message: "Managed Kafka cluster must set gcpConfig.kmsKey when telemetry:gcp.cmek is on", when: cmekConfigured },
    ],
    "gcp:bigquery/dataset:Dataset": [
      { path: "defaultEncryptionConfiguration.kmsKeyName", test: isNonEmpty, message: "BigQuery dataset must set defaultEncryptionConfiguration.kmsKeyName when telemetry:gcp.cmek is on", when: cmekConfigured },
    ],
  },
);

const S3_ALGORITHMS = new Set(["aws:kms", "aws:kms:dsse", "AES256"]);

/** Default-encryption algorithms of an SSE configuration resource (`rules`) or a bucket's inline block (`rule`). */
function sseAlgorithms(configuration: Record<string, unknown>): unknown[] {
  const rules = [...asList(configuration.rules as unknown[]), ...asList(configuration.rule as unknown)];
  return rules.map((rule) => at({ rule }, "rule.applyServerSideEncryptionByDefault.sseAlgorithm"));
}

/** Every S3 bucket has a server-side encryption configuration (separate resource or inline). */
export const s3Encryption: StackRule = {
  kind: "stack",
  name: "s3-encryption-at-rest",
  description: "Every S3 bucket has a default server-side encryption configuration.",
  severity: "high",
  check(resources) {
    const configurations = resources.filter((r) => S3_SSE_TYPES.has(r.type));
    return s3Buckets(resources).flatMap((bucket) => {
      const candidates: Array<Record<string, unknown>> = [
        ...configurations.filter((c) => refersTo(c, "bucket", bucket)).map((c) => ({ rules: c.inputs.rules })),
        ...(bucket.inputs.serverSideEncryptionConfiguration ? [bucket.inputs.serverSideEncryptionConfiguration] : []),
      ];
      if (candidates.some(containsUnknown)) return [];
      const ok = candidates.some((c) => sseAlgorithms(c).some((algorithm) => typeof algorithm === "string" && S3_ALGORITHMS.has(algorithm)));
      return ok ? [] : [{ resource: bucket, message: `S3 bucket ${bucket.name} has no server-side encryption configuration (add a BucketServerSideEncryptionConfiguration for it)` }];
    });
  },
};
