/**
 * Derived sizing of the aws-msk variant from `telemetry:load` (pure). Every figure can be overridden
 * in `telemetry:msk`; the rules are stated here, in docs/msk.md and in the plan printout.
 *
 * Cluster type: MSK Serverless when peak ingest < `msk.serverlessBelowMiBps`, else provisioned.
 * AZs: `msk.availabilityZones`, else 2 for serverless and 3 for provisioned.
 *
 * Provisioned brokers:
 *   ingress = peak bytes/s × sizing.headroom (MiB/s)
 *   instance type = the smallest of BROKER_TYPES whose throughput-driven broker count
 *     ceil(ingress ÷ planning MiB/s per broker) fits in MAX_BROKERS_PER_AZ × AZs (else the largest)
 *   disk need = average bytes/s × full-stream topics (2; 3 with the heavy tier's deduped) × retention seconds
 *               × replication ÷ DISK_FILL_TARGET
 *   brokers = the multiple of AZs ≥ max(throughput brokers, ceil(disk need ÷ MAX_VOLUME_GIB), AZs)
 *   storage per broker = max(MIN_VOLUME_GIB, ceil(disk need ÷ brokers)) GiB
 *   replication = min(3, brokers); min.insync.replicas = 2 when replication is 3, else 1
 *     (with 2 brokers an insync minimum of 2 would stop every acks=all producer during a broker restart)
 *
 * Partitions of raw and clean: ceil(max(peak MiB/s ÷ 1 MiB/s per partition,
 *   peak events/s ÷ CONSUMER_EVENTS_PER_PARTITION) × headroom), rounded up to a multiple of the
 *   brokers (AZs for serverless) so leaders spread evenly. Dead-letter: one per broker (per AZ).
 */
import type { TelemetryConfig } from "../config";
import { ConfigError } from "../config";
import { ASSUMED_PROCESSOR_BATCH_SECONDS, MiB } from "../sizing";

export const GiB = 1024 * MiB;

/** Planning ingress per broker (MiB/s) with replication 3 and two consumers (processor + delivery). */
export interface BrokerType {
  instanceType: string;
  planningIngressMiBps: number;
  /** AWS's recommended ceiling of partition replicas per broker. */
  maxPartitionReplicas: number;
}

/** Graviton brokers, smallest first; the planning figures are deliberately below AWS's peak figures. */
export const BROKER_TYPES: readonly BrokerType[] = [
  { instanceType: "kafka.m7g.large", planningIngressMiBps: 16, maxPartitionReplicas: 1000 },
  { instanceType: "kafka.m7g.xlarge", planningIngressMiBps: 32, maxPartitionReplicas: 1000 },
  { instanceType: "kafka.m7g.2xlarge", planningIngressMiBps: 64, maxPartitionReplicas: 2000 },
  { instanceType: "kafka.m7g.4xlarge", planningIngressMiBps: 128, maxPartitionReplicas: 4000 },
];
export const MAX_BROKERS_PER_AZ = 2;
/** MSK's per-broker EBS limit and the floor this product uses (room for a replay backlog). */
export const MAX_VOLUME_GIB = 16_384;
export const MIN_VOLUME_GIB = 100;
/** Keep disks below this fill ratio (the broker-disk alarm fires at 80 %). */
export const DISK_FILL_TARGET = 0.7;
/** raw and clean both carry the whole stream (+ deduped in the heavy tier); dead-letter is negligible in volume. */
export const FULL_STREAM_TOPICS = 2;

export function fullStreamTopics(tier: TelemetryConfig["tier"]): number {
  return tier === "heavy" ? FULL_STREAM_TOPICS + 1 : FULL_STREAM_TOPICS;
}
/** Planning producer throughput of one partition. */
export const PARTITION_INGRESS_MiBPS = 1;
/** The processor takes one batch of 500 per partition per ASSUMED_PROCESSOR_BATCH_SECONDS. */
export const CONSUMER_EVENTS_PER_PARTITION = 500 / ASSUMED_PROCESSOR_BATCH_SECONDS;
/** MSK Serverless limits the product relies on: 120 partitions per topic at creation is safe under its 2,400-partition quota. */
export const SERVERLESS_MAX_PARTITIONS_PER_TOPIC = 120;
/** One Lambda MSK poller handles up to 5 MiB/s. */
export const POLLER_MiBPS = 5;
/** One MSK Connect worker (1 MCU) sinks about this much to S3. */
export const CONNECT_WORKER_MiBPS = 4;

export interface ProvisionedSizing {
  instanceType: string;
  brokers: number;
  storageGiB: number;
  /** Disk the retention needs across the cluster, replicas included (GiB). */
  diskNeedGiB: number;
}

export interface MskSizing {
  clusterType: "serverless" | "provisioned";
  availabilityZones: number;
  peakMiBps: number;
  ingressMiBps: number;
  provisioned?: ProvisionedSizing;
  replicationFactor: number;
  minInsyncReplicas: number;
  partitions: { raw: number; clean: number; deadLetter: number };
  retentionHours: number;
  /** Lambda MSK event-source pollers (provisioned mode) for the processor. */
  pollers: { minimum: number; maximum: number };
  connectWorkers: { minimum: number; maximum: number };
}

type SizingInput = Pick<TelemetryConfig, "load" | "sizing" | "msk" | "retention" | "tier">;

export function roundUpToMultiple(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

export function deriveMskSizing(config: SizingInput): MskSizing {
  const { load, sizing, msk, retention } = config;
  const peakMiBps = (load.peakEventsPerSecond * load.averageEventBytes) / MiB;
  const ingressMiBps = peakMiBps * sizing.headroom;
  const pinnedProvisioned = msk.brokerCount !== undefined || msk.brokerInstanceType !== undefined || msk.brokerStorageGiB !== undefined;
  const clusterType = msk.clusterType ?? (pinnedProvisioned || peakMiBps >= msk.serverlessBelowMiBps ? "provisioned" : "serverless");
  if (clusterType === "serverless" && pinnedProvisioned) {
    throw new ConfigError(`telemetry:msk.clusterType = "serverless" cannot take broker settings (msk.brokerCount / brokerInstanceType / brokerStorageGiB); allowed: remove them or use "provisioned"`);
  }
  const availabilityZones = msk.availabilityZones ?? (clusterType === "serverless" ? 2 : 3);
  const retentionHours = retention.streamHours;

  let provisioned: ProvisionedSizing | undefined;
  let spread: number;
  let replicationFactor: number;
  if (clusterType === "provisioned") {
    provisioned = deriveBrokers(config, ingressMiBps, availabilityZones);
    spread = provisioned.brokers;
    replicationFactor = Math.min(3, provisioned.brokers);
  } else {
    spread = availabilityZones;
    replicationFactor = 3; // fixed by MSK Serverless
  }
  const minInsyncReplicas = replicationFactor >= 3 ? 2 : 1;

  const partitionNeed = Math.max(peakMiBps / PARTITION_INGRESS_MiBPS, load.peakEventsPerSecond / CONSUMER_EVENTS_PER_PARTITION);
  const derivedPartitions = roundUpToMultiple(Math.max(1, Math.ceil(partitionNeed * sizing.headroom)), spread);
  const streamPartitions = msk.partitions ?? derivedPartitions;
  if (clusterType === "serverless" && streamPartitions > SERVERLESS_MAX_PARTITIONS_PER_TOPIC) {
    throw new ConfigError(
      `telemetry:msk.partitions = ${streamPartitions} is too many for MSK Serverless; allowed: 1–${SERVERLESS_MAX_PARTITIONS_PER_TOPIC}, or set msk.clusterType = "provisioned"`,
    );
  }
  const partitions = { raw: streamPartitions, clean: streamPartitions, deadLetter: spread };
  // The heavy tier's deduped topic is partitioned like clean.
  const topicPartitions = partitions.raw + partitions.clean + partitions.deadLetter + (config.tier === "heavy" ? partitions.clean : 0);
  if (provisioned) checkPartitionReplicas(provisioned, topicPartitions, partitions.raw, replicationFactor);

  const maximumPollers = Math.min(2000, Math.max(1, streamPartitions));
  const minimumPollers = Math.min(maximumPollers, Math.max(1, Math.ceil(ingressMiBps / POLLER_MiBPS)));
  const connectMax = msk.connectorMaxWorkers ?? Math.min(10, Math.max(2, Math.ceil(ingressMiBps / CONNECT_WORKER_MiBPS)));
  return {
    clusterType,
    availabilityZones,
    peakMiBps,
    ingressMiBps,
    provisioned,
    replicationFactor,
    minInsyncReplicas,
    partitions,
    retentionHours,
    pollers: { minimum: minimumPollers, maximum: maximumPollers },
    connectWorkers: { minimum: 1, maximum: connectMax },
  };
}

function deriveBrokers(config: SizingInput, ingressMiBps: number, azs: number): ProvisionedSizing {
  const { load, msk, retention } = config;
  const type = pickBrokerType(msk.brokerInstanceType, ingressMiBps, azs);
  const throughputBrokers = Math.ceil(ingressMiBps / type.planningIngressMiBps);
  // Replication is 3 unless only two brokers exist; plan the disk for 3 (the common case) and recheck below.
  const diskNeedFor = (replication: number) =>
    (load.averageEventsPerSecond * load.averageEventBytes * fullStreamTopics(config.tier) * retention.streamHours * 3600 * replication) / GiB / DISK_FILL_TARGET;
  const storageBrokers = Math.ceil(diskNeedFor(3) / MAX_VOLUME_GIB);
  const brokers = msk.brokerCount ?? roundUpToMultiple(Math.max(throughputBrokers, storageBrokers, azs), azs);
  if (brokers % azs !== 0) {
    throw new ConfigError(`telemetry:msk.brokerCount = ${brokers} is invalid: must be a multiple of the AZ count (${azs}); allowed: ${[1, 2, 3, 4].map((k) => k * azs).join(", ")}, …`);
  }
  const diskNeedGiB = diskNeedFor(Math.min(3, brokers));
  const storageGiB = msk.brokerStorageGiB ?? Math.max(MIN_VOLUME_GIB, Math.ceil(diskNeedGiB / brokers));
  if (storageGiB > MAX_VOLUME_GIB) {
    throw new ConfigError(
      `telemetry:msk.brokerCount = ${brokers} leaves ${storageGiB} GiB per broker for ${retention.streamHours} h retention, above MSK's ${MAX_VOLUME_GIB} GiB; allowed: more brokers or a shorter telemetry:retention.streamHours`,
    );
  }
  return { instanceType: type.instanceType, brokers, storageGiB, diskNeedGiB };
}

function pickBrokerType(override: string | undefined, ingressMiBps: number, azs: number): BrokerType {
  if (override !== undefined) {
    // A type outside the table is planned with the smallest type's figures: conservative, never optimistic.
    return BROKER_TYPES.find((t) => t.instanceType === override) ?? { ...BROKER_TYPES[0], instanceType: override };
  }
  const fits = BROKER_TYPES.find((t) => Math.ceil(ingressMiBps / t.planningIngressMiBps) <= MAX_BROKERS_PER_AZ * azs);
  return fits ?? BROKER_TYPES[BROKER_TYPES.length - 1];
}

function checkPartitionReplicas(p: ProvisionedSizing, totalPartitions: number, streamPartitions: number, replication: number): void {
  const type = BROKER_TYPES.find((t) => t.instanceType === p.instanceType);
  if (!type) return;
  const perBroker = Math.ceil((totalPartitions * replication) / p.brokers);
  if (perBroker > type.maxPartitionReplicas) {
    throw new ConfigError(
      `telemetry:msk.partitions = ${streamPartitions} puts ${perBroker} partition replicas on each ${p.instanceType} broker, above its ${type.maxPartitionReplicas}; allowed: fewer partitions, more brokers or a larger msk.brokerInstanceType`,
    );
  }
}

/** The plan printout's view (registered as the aws-msk variant's `sizing` hook). */
export function mskVariantSizing(config: TelemetryConfig): Record<string, unknown> {
  const s = deriveMskSizing(config);
  return {
    cluster:
      s.clusterType === "serverless"
        ? `MSK Serverless over ${s.availabilityZones} AZs (peak ${s.peakMiBps.toFixed(2)} MiB/s < ${config.msk.serverlessBelowMiBps})`
        : `${s.provisioned!.brokers} × ${s.provisioned!.instanceType}, ${s.provisioned!.storageGiB} GiB each, over ${s.availabilityZones} AZs (ingress ${s.ingressMiBps.toFixed(2)} MiB/s with headroom)`,
    replication: `factor ${s.replicationFactor}, min.insync.replicas ${s.minInsyncReplicas}`,
    partitions: s.partitions,
    retentionHours: s.retentionHours,
    processorPollers: s.pollers,
    delivery: config.msk.delivery === "connect" ? `MSK Connect S3 sink, ${s.connectWorkers.minimum}–${s.connectWorkers.maximum} workers` : "Firehose with MSK as source",
  };
}
