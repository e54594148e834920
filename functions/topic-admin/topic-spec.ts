/**
 * The topic specification topic-admin receives (the JSON input of the `aws.lambda.Invocation` that
 * Pulumi runs on every change). Shared by the Pulumi component that builds it and the handler.
 */

export interface TopicSpec {
  name: string;
  partitions: number;
  /** Omitted on MSK Serverless, which fixes replication at 3. */
  replicationFactor?: number;
  /** Topic-level configs (`retention.ms`, `min.insync.replicas`, …); the topic's whole dynamic config. */
  config: Record<string, string>;
}

export interface TopicAdminRequest {
  clusterArn: string;
  topics: TopicSpec[];
}

/** Kafka topic names: 1–249 characters of letters, digits, `.`, `_` and `-`. */
export const TOPIC_NAME = /^[A-Za-z0-9._-]{1,249}$/;
const CLUSTER_ARN = /^arn:aws[a-z-]*:kafka:[a-z0-9-]+:\d{12}:cluster\/[^/]+\/[^/]+$/;

/** Validates the invocation input; the error names the field, the value and what is allowed. */
export function parseTopicAdminRequest(input: unknown): TopicAdminRequest {
  const fail = (message: string): never => {
    throw new TypeError(`invalid topic-admin request: ${message}`);
  };
  if (typeof input !== "object" || input === null || Array.isArray(input)) return fail("expected a JSON object {clusterArn, topics}");
  const { clusterArn, topics } = input as Record<string, unknown>;
  if (typeof clusterArn !== "string" || !CLUSTER_ARN.test(clusterArn)) fail(`clusterArn = ${JSON.stringify(clusterArn)}; expected an MSK cluster ARN`);
  if (!Array.isArray(topics) || topics.length === 0) fail("topics must be a non-empty array");
  const seen = new Set<string>();
  const specs = (topics as unknown[]).map((topic, i): TopicSpec => {
    if (typeof topic !== "object" || topic === null) return fail(`topics[${i}] must be an object`);
    const { name, partitions, replicationFactor, config } = topic as Record<string, unknown>;
    if (typeof name !== "string" || !TOPIC_NAME.test(name)) fail(`topics[${i}].name = ${JSON.stringify(name)}; allowed: ${TOPIC_NAME}`);
    if (seen.has(name as string)) fail(`topics[${i}].name = "${name}" appears twice`);
    seen.add(name as string);
    if (!Number.isInteger(partitions) || (partitions as number) < 1) fail(`topics[${i}].partitions = ${JSON.stringify(partitions)}; allowed: a whole number ≥ 1`);
    if (replicationFactor !== undefined && (!Number.isInteger(replicationFactor) || (replicationFactor as number) < 1)) {
      fail(`topics[${i}].replicationFactor = ${JSON.stringify(replicationFactor)}; allowed: a whole number ≥ 1 or absent`);
    }
    const entries = config ?? {};
    if (typeof entries !== "object" || Array.isArray(entries) || Object.values(entries as object).some((v) => typeof v !== "string")) {
      fail(`topics[${i}].config must map config names to string values`);
    }
    return {
      name: name as string,
      partitions: partitions as number,
      ...(replicationFactor === undefined ? {} : { replicationFactor: replicationFactor as number }),
      config: entries as Record<string, string>,
    };
  });
  return { clusterArn: clusterArn as string, topics: specs };
}
