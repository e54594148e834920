/** Queries over a planned GCP stack shared by the gcp-native and gcp-kafka graph tests. */
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";

/** Every IAM member grant in the plan, as `role @ resource` strings grouped by member. */
export function grantsByMember(resources: PlannedResource[]): Map<string, string[]> {
  const grants = new Map<string, string[]>();
  for (const r of resources) {
    if (!/IAMMember|IamMember/.test(r.type)) continue;
    const i = r.inputs;
    const target =
      i.topic ? `topic:${i.topic}` :
      i.subscription ? `subscription:${i.subscription}` :
      i.bucket ? `bucket:${i.bucket}` :
      i.tableId ? `table:${i.datasetId}.${i.tableId}` :
      i.datasetId ? `dataset:${i.datasetId}` :
      i.cryptoKeyId ? `key:${i.cryptoKeyId}` :
      i.serviceAccountId ? `serviceAccount:${i.serviceAccountId}` :
      r.type.startsWith("gcp:cloudrunv2") ? `run-service:${i.name}` :
      `project:${i.project}`;
    const list = grants.get(i.member) ?? [];
    list.push(`${i.role} @ ${target}`);
    grants.set(i.member, list);
  }
  for (const list of grants.values()) list.sort();
  return grants;
}

/** GCP resource types that take `labels` and must carry the stack's. */
export const LABELLED_TYPES = [
  "gcp:storage/bucket:Bucket",
  "gcp:pubsub/topic:Topic",
  "gcp:pubsub/subscription:Subscription",
  "gcp:bigquery/dataset:Dataset",
  "gcp:bigquery/table:Table",
  "gcp:cloudfunctionsv2/function:Function",
  "gcp:dataflow/flexTemplateJob:FlexTemplateJob",
  "gcp:managedkafka/cluster:Cluster",
  "gcp:kms/cryptoKey:CryptoKey",
];

/** The plain value of an input the provider marks secret (object contents are): mocks keep the wrapper. */
export function secretValue(input: unknown): string {
  if (typeof input === "string") return input;
  const wrapped = input as { value?: unknown } | null;
  if (wrapped && typeof wrapped.value === "string") return wrapped.value;
  throw new TypeError(`expected a string or a secret-wrapped string, got ${JSON.stringify(input)?.slice(0, 80)}`);
}
