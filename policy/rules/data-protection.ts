/**
 * Stateful stores survive a mistaken `pulumi destroy` or a replacement in stacks that hold real data
 * (`telemetry:protectData`, on in prod): they must carry `protect` or `retainOnDelete` (or, where the
 * provider has one, its own deletion protection: DynamoDB, RDS, BigQuery tables, Firestore).
 * (The policy pack sees only `protect`; the program should set both or `protect`.)
 */
import type { ResourceRule } from "./types";

/** Types whose deletion loses data: buckets, tables, streams/topics, clusters, warehouses. */
export const STATEFUL_TYPES: ReadonlySet<string> = new Set([
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:dynamodb/table:Table",
  "aws:kinesis/stream:Stream",
  "aws:msk/cluster:Cluster",
  "aws:msk/serverlessCluster:ServerlessCluster",
  "aws:redshiftserverless/namespace:Namespace",
  "aws:rds/instance:Instance",
  "aws:rds/cluster:Cluster",
  "gcp:storage/bucket:Bucket",
  "gcp:bigquery/dataset:Dataset",
  "gcp:bigquery/table:Table",
  "gcp:pubsub/topic:Topic",
  "gcp:managedkafka/cluster:Cluster",
  "gcp:firestore/database:Database",
]);

/** The provider's own deletion protection, which counts as protection too. */
const NATIVE_PROTECTION: Readonly<Record<string, (inputs: Record<string, any>) => boolean>> = {
  "aws:dynamodb/table:Table": (i) => i.deletionProtectionEnabled === true,
  "aws:rds/instance:Instance": (i) => i.deletionProtection === true,
  "aws:rds/cluster:Cluster": (i) => i.deletionProtection === true,
  "gcp:bigquery/table:Table": (i) => i.deletionProtection === true,
  "gcp:firestore/database:Database": (i) => i.deleteProtectionState === "DELETE_PROTECTION_ENABLED",
};

export const protectStatefulStores: ResourceRule = {
  kind: "resource",
  name: "protect-stateful-stores",
  description: "With telemetry:protectData on, buckets, tables, streams, clusters and warehouses are protected (protect, retainOnDelete, or the provider's deletion protection).",
  severity: "high",
  check(resource, context) {
    if (!context.protectData || !STATEFUL_TYPES.has(resource.type)) return [];
    const native = NATIVE_PROTECTION[resource.type]?.(resource.inputs) ?? false;
    return resource.protect || resource.retainOnDelete || native ? [] : [`stateful ${resource.type.split(":").pop()} must be protected (protect: true or retainOnDelete: true) in stack ${context.stack} (telemetry:protectData)`];
  },
};
