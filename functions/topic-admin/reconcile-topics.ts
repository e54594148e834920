/**
 * Brings the cluster's topics to the specification, idempotently:
 *   missing topic          → created with the spec's partitions, replication and config
 *   fewer partitions       → grown to the spec (Kafka can add partitions)
 *   more partitions        → refused before anything changes (Kafka cannot remove partitions)
 *   existing topic config  → set to exactly the spec's config (the non-incremental AlterConfigs)
 * Replication of an existing topic is never changed (that is a partition reassignment): a mismatch
 * is reported as a warning.
 */
import type { TopicAdminRequest, TopicSpec } from "./topic-spec";

/** kafkajs's ConfigResourceTypes.TOPIC. */
export const TOPIC_RESOURCE_TYPE = 2;

/** The kafkajs Admin methods used (tests inject a fake; the handler passes `kafka.admin()`). */
export interface TopicAdminPort {
  listTopics(): Promise<string[]>;
  fetchTopicMetadata(options: { topics: string[] }): Promise<{ topics: Array<{ name: string; partitions: Array<{ partitionId: number; replicas: number[] }> }> }>;
  createTopics(options: {
    topics: Array<{ topic: string; numPartitions: number; replicationFactor?: number; configEntries: Array<{ name: string; value: string }> }>;
    waitForLeaders: boolean;
  }): Promise<boolean>;
  createPartitions(options: { topicPartitions: Array<{ topic: string; count: number }> }): Promise<boolean>;
  alterConfigs(options: { validateOnly: boolean; resources: Array<{ type: number; name: string; configEntries: Array<{ name: string; value: string }> }> }): Promise<unknown>;
}

export interface ReconcileResult {
  created: string[];
  grown: Array<{ topic: string; from: number; to: number }>;
  unchanged: string[];
  configured: string[];
  warnings: string[];
}

export class PartitionShrinkError extends Error {
  constructor(readonly shrinks: Array<{ topic: string; current: number; requested: number }>) {
    super(
      shrinks
        .map(
          (s) =>
            `topic "${s.topic}" has ${s.current} partitions and the specification asks for ${s.requested}: Kafka cannot remove partitions ` +
            `(keys would move and lose their order). Set telemetry:msk.partitions to at least ${s.current}, or delete and recreate the topic by hand.`,
        )
        .join("\n"),
    );
    this.name = "PartitionShrinkError";
  }
}

const entries = (config: Record<string, string>) => Object.entries(config).map(([name, value]) => ({ name, value }));

export async function reconcileTopics(admin: TopicAdminPort, request: TopicAdminRequest): Promise<ReconcileResult> {
  const existingNames = new Set(await admin.listTopics());
  const wanted = request.topics.filter((t) => existingNames.has(t.name)).map((t) => t.name);
  const metadata = wanted.length > 0 ? (await admin.fetchTopicMetadata({ topics: wanted })).topics : [];
  const current = new Map(metadata.map((t) => [t.name, t.partitions]));

  // Refuse every shrink up front: a partial apply would leave the cluster half-way.
  const shrinks = request.topics
    .filter((t) => current.has(t.name) && current.get(t.name)!.length > t.partitions)
    .map((t) => ({ topic: t.name, current: current.get(t.name)!.length, requested: t.partitions }));
  if (shrinks.length > 0) throw new PartitionShrinkError(shrinks);

  const result: ReconcileResult = { created: [], grown: [], unchanged: [], configured: [], warnings: [] };
  const missing = request.topics.filter((t) => !current.has(t.name));
  if (missing.length > 0) {
    await admin.createTopics({
      topics: missing.map((t) => ({
        topic: t.name,
        numPartitions: t.partitions,
        ...(t.replicationFactor === undefined ? {} : { replicationFactor: t.replicationFactor }),
        configEntries: entries(t.config),
      })),
      waitForLeaders: true,
    });
    result.created.push(...missing.map((t) => t.name));
  }

  const existing = request.topics.filter((t) => current.has(t.name));
  const growing = existing.filter((t) => current.get(t.name)!.length < t.partitions);
  if (growing.length > 0) {
    await admin.createPartitions({ topicPartitions: growing.map((t) => ({ topic: t.name, count: t.partitions })) });
    result.grown.push(...growing.map((t) => ({ topic: t.name, from: current.get(t.name)!.length, to: t.partitions })));
  }
  for (const t of existing) {
    if (!growing.includes(t)) result.unchanged.push(t.name);
    const replicas = replicationOf(current.get(t.name)!);
    if (t.replicationFactor !== undefined && replicas !== undefined && replicas !== t.replicationFactor) {
      result.warnings.push(`topic "${t.name}" keeps replication ${replicas}; the specification asks for ${t.replicationFactor} (change it with a partition reassignment)`);
    }
  }
  const configurable = existing.filter((t: TopicSpec) => Object.keys(t.config).length > 0);
  if (configurable.length > 0) {
    await admin.alterConfigs({
      validateOnly: false,
      resources: configurable.map((t) => ({ type: TOPIC_RESOURCE_TYPE, name: t.name, configEntries: entries(t.config) })),
    });
    result.configured.push(...configurable.map((t) => t.name));
  }
  return result;
}

function replicationOf(partitions: Array<{ replicas: number[] }>): number | undefined {
  return partitions.length > 0 ? partitions[0].replicas.length : undefined;
}
