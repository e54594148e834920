/**
 * gcp-kafka stream: a Managed Service for Apache Kafka cluster in the stack subnet, sized from load, and seed
 * 003's topics (`game-events-raw`, `game-events-enriched`, `game-events-dlq`). Clients reach the
 * cluster over private IP in the subnet with SASL (OAUTHBEARER / Google credentials) over TLS, port 9092.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { Names } from "../naming";
import type { KafkaSizing } from "./gcp-sizing";
import { KAFKA_PORT } from "./network";

export const KAFKA_TOPICS = { raw: "game-events-raw", enriched: "game-events-enriched", dlq: "game-events-dlq" } as const;
export type KafkaChannel = keyof typeof KAFKA_TOPICS;
/** Managed Kafka replicates every topic three ways across zones. */
export const KAFKA_REPLICATION_FACTOR = 3;
export const KAFKA_BOOTSTRAP_PORT = KAFKA_PORT;
/** Managed Kafka cluster ids: 1–63 lower-case letters, digits, hyphens. */
export const KAFKA_CLUSTER_ID_MAX = 63;

/** The cluster's bootstrap address (Managed Kafka's DNS convention; private IPs in the subnet). */
export function kafkaBootstrapAddress(clusterId: string, region: string, projectId: string): string {
  return `bootstrap.${clusterId}.${region}.managedkafka.${projectId}.cloud.goog:${KAFKA_BOOTSTRAP_PORT}`;
}

export interface GcpKafkaStreamArgs {
  names: Names;
  region: string;
  /** The stack subnet (GcpNetwork) the cluster's private endpoints are placed in. */
  subnet: gcp.compute.Subnetwork;
  projectId: pulumi.Input<string>;
  sizing: KafkaSizing;
  protectData: boolean;
  labels: Record<string, string>;
  kmsKeyName?: pulumi.Input<string>;
  kmsDependsOn?: pulumi.Resource[];
}

export class GcpKafkaStream extends pulumi.ComponentResource {
  public readonly cluster: gcp.managedkafka.Cluster;
  public readonly topics: Record<KafkaChannel, gcp.managedkafka.Topic>;
  public readonly clusterId: string;
  public readonly bootstrapServers: pulumi.Output<string>;

  constructor(name: string, args: GcpKafkaStreamArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:gcp:KafkaStream", name, {}, opts);
    this.clusterId = args.names.resource("kafka", KAFKA_CLUSTER_ID_MAX);
    this.cluster = new gcp.managedkafka.Cluster(
      `${name}-cluster`,
      {
        clusterId: this.clusterId,
        location: args.region,
        capacityConfig: { vcpuCount: String(args.sizing.vcpus), memoryBytes: String(args.sizing.memoryBytes) },
        gcpConfig: {
          accessConfig: { networkConfigs: [{ subnet: args.subnet.id }] },
          ...(args.kmsKeyName ? { kmsKey: args.kmsKeyName } : {}),
        },
        rebalanceConfig: { mode: "AUTO_REBALANCE_ON_SCALE_UP" },
        labels: args.labels,
      },
      { parent: this, dependsOn: args.kmsDependsOn, protect: args.protectData },
    );
    const topic = (channel: KafkaChannel) =>
      new gcp.managedkafka.Topic(
        `${name}-${channel}`,
        {
          topicId: KAFKA_TOPICS[channel],
          cluster: this.clusterId,
          location: args.region,
          partitionCount: args.sizing.partitions[channel],
          replicationFactor: KAFKA_REPLICATION_FACTOR,
          configs: { "retention.ms": String(args.sizing.retentionMs[channel]), "cleanup.policy": "delete", "min.insync.replicas": "2" },
        },
        { parent: this, dependsOn: [this.cluster], protect: args.protectData },
      );
    this.topics = { raw: topic("raw"), enriched: topic("enriched"), dlq: topic("dlq") };
    this.bootstrapServers = pulumi.output(args.projectId).apply((projectId) => kafkaBootstrapAddress(this.clusterId, args.region, projectId));
    this.registerOutputs({ cluster: this.cluster.name, bootstrapServers: this.bootstrapServers });
  }
}
