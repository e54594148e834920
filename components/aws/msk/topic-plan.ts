/**
 * The topic specification sent to topic-admin (pure): raw, clean and dead-letter (+ deduped in the
 * heavy tier) with partitions
 * from sizing and retention from `telemetry:retention.streamHours`.
 */
import type { TopicAdminRequest, TopicSpec } from "../../../functions/topic-admin/topic-spec";
import type { PipelineTopics } from "../iam/kafka-policy";
import type { MskSizing } from "../msk-sizing";

export const HOUR_MS = 3_600_000;

export function topicSpecs(topics: PipelineTopics, sizing: MskSizing): TopicSpec[] {
  const provisioned = sizing.clusterType === "provisioned";
  const config: Record<string, string> = {
    "retention.ms": String(sizing.retentionHours * HOUR_MS),
    "cleanup.policy": "delete",
    // MSK Serverless fixes min.insync.replicas at 2 and refuses to set it.
    ...(provisioned ? { "min.insync.replicas": String(sizing.minInsyncReplicas) } : {}),
  };
  const spec = (name: string, partitions: number): TopicSpec => ({
    name,
    partitions,
    ...(provisioned ? { replicationFactor: sizing.replicationFactor } : {}),
    config,
  });
  return [
    spec(topics.raw, sizing.partitions.raw),
    spec(topics.clean, sizing.partitions.clean),
    spec(topics.deadLetter, sizing.partitions.deadLetter),
    // Heavy tier: Flink's deduplicated stream carries about as much as clean.
    ...(topics.deduped ? [spec(topics.deduped, sizing.partitions.clean)] : []),
  ];
}

export function topicAdminRequest(clusterArn: string, topics: PipelineTopics, sizing: MskSizing): TopicAdminRequest {
  return { clusterArn, topics: topicSpecs(topics, sizing) };
}
