/**
 * Derived sizing of the GCP variants from `telemetry:load` (pure). Each figure is overridable in
 * `telemetry:gcp`; the rules are stated here and in docs/gcp.md, and the tests recompute them by hand.
 */
import type { TelemetryConfig } from "../config";
import { clamp, MiB } from "../sizing";

/** Events/s one Dataflow worker (n2-standard-2, Streaming Engine) sustains through parse + UDF + BigQuery write, for 1 KiB events. */
export const DATAFLOW_WORKER_EVENTS_PER_SECOND = 2000;
/** Headroom on the Dataflow worker need: autoscaling must reach past the peak, not just to it. */
export const DATAFLOW_HEADROOM = 1.5;
/** Produce traffic one Managed Kafka vCPU carries, including 3-way replication (assumption; tune with kafkaVcpus). */
export const KAFKA_MIB_PER_SECOND_PER_VCPU = 10;
export const KAFKA_HEADROOM = 1.5;
/** Managed Kafka's smallest cluster. */
export const KAFKA_MIN_VCPUS = 3;
/** Memory per vCPU (Managed Kafka accepts 1–8 GiB per vCPU). */
export const KAFKA_GIB_PER_VCPU = 4;
/** Produce traffic one partition is sized for (one Dataflow reader keeps up with it). */
export const KAFKA_MIB_PER_SECOND_PER_PARTITION = 2;
export const KAFKA_MIN_PARTITIONS = 4;
/** Seed 003: the dead-letter topic has an eighth of the raw topic's partitions (64 → 8). */
export const KAFKA_DLQ_PARTITION_DIVISOR = 8;
/** Seed 003's retention per topic (days). */
export const KAFKA_TOPIC_RETENTION_DAYS = { raw: 7, enriched: 3, dlq: 30 } as const;
/** Requests/s one ingest function instance serves (1 vCPU, JSON checks + one publish batch per request). */
export const INGEST_REQUESTS_PER_SECOND_PER_INSTANCE = 50;
export const INGEST_MIN_INSTANCES_CAP = 3;
export const INGEST_CONCURRENCY = 80;

export interface DataflowSizing {
  maxWorkers: number;
  machineType: string;
  /** Worker need before headroom (fractional), for the plan printout. */
  workerNeed: number;
}

export interface KafkaSizing {
  vcpus: number;
  memoryBytes: number;
  partitions: { raw: number; enriched: number; dlq: number };
  retentionMs: { raw: number; enriched: number; dlq: number };
}

export interface IngestFunctionSizing {
  maxInstances: number;
  concurrency: number;
}

export interface GcpSizing {
  peakMiBPerSecond: number;
  dataflow: DataflowSizing;
  kafka: KafkaSizing;
  ingest: IngestFunctionSizing;
}

type SizingInput = Pick<TelemetryConfig, "load" | "gcp">;

function peakMiBPerSecond(config: SizingInput): number {
  return (config.load.peakEventsPerSecond * config.load.averageEventBytes) / MiB;
}

/**
 * Dataflow: need = peak events/s × max(1, event bytes ÷ 1 KiB) ÷ 2,000 events/s per worker;
 * maxWorkers = max(1, ⌈need × 1.5⌉).
 */
export function deriveDataflowSizing(config: SizingInput): DataflowSizing {
  const sizeFactor = Math.max(1, config.load.averageEventBytes / 1024);
  const workerNeed = (config.load.peakEventsPerSecond * sizeFactor) / DATAFLOW_WORKER_EVENTS_PER_SECOND;
  const maxWorkers = config.gcp.dataflowMaxWorkers ?? Math.max(1, Math.ceil(workerNeed * DATAFLOW_HEADROOM));
  return { maxWorkers, machineType: config.gcp.dataflowMachineType, workerNeed };
}

/** The smallest power of two ≥ n (n ≥ 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Managed Kafka: vCPUs = max(3, ⌈peak MiB/s ÷ 10 × 1.5⌉), memory = 4 GiB per vCPU.
 * Partitions (raw, enriched) = max(4, next power of two ≥ ⌈peak MiB/s ÷ 2⌉) — at seed 003's 100k × 1 KiB
 * this is 64, the seed's figure; powers of two keep `user_id % N` placement splittable by doubling.
 * Dead-letter partitions = max(1, raw ÷ 8) (seed: 64 → 8).
 */
export function deriveKafkaSizing(config: SizingInput): KafkaSizing {
  const mibps = peakMiBPerSecond(config);
  const vcpus = config.gcp.kafkaVcpus ?? Math.max(KAFKA_MIN_VCPUS, Math.ceil((mibps / KAFKA_MIB_PER_SECOND_PER_VCPU) * KAFKA_HEADROOM));
  const raw =
    config.gcp.kafkaPartitions ?? Math.max(KAFKA_MIN_PARTITIONS, nextPowerOfTwo(Math.ceil(mibps / KAFKA_MIB_PER_SECOND_PER_PARTITION)));
  const dayMs = 24 * 3600 * 1000;
  return {
    vcpus,
    memoryBytes: vcpus * KAFKA_GIB_PER_VCPU * 1024 * MiB,
    partitions: { raw, enriched: raw, dlq: Math.max(1, Math.ceil(raw / KAFKA_DLQ_PARTITION_DIVISOR)) },
    retentionMs: {
      raw: KAFKA_TOPIC_RETENTION_DAYS.raw * dayMs,
      enriched: KAFKA_TOPIC_RETENTION_DAYS.enriched * dayMs,
      dlq: KAFKA_TOPIC_RETENTION_DAYS.dlq * dayMs,
    },
  };
}

/** Ingest function: maxInstances = max(3, ⌈(peak events/s ÷ events per request) ÷ 50 requests/s per instance⌉). */
export function deriveIngestFunctionSizing(config: SizingInput): IngestFunctionSizing {
  const requestsPerSecond = config.load.peakEventsPerSecond / config.load.eventsPerRequest;
  const maxInstances =
    config.gcp.ingestMaxInstances ??
    clamp(Math.ceil(requestsPerSecond / INGEST_REQUESTS_PER_SECOND_PER_INSTANCE), INGEST_MIN_INSTANCES_CAP, 1000);
  return { maxInstances, concurrency: INGEST_CONCURRENCY };
}

export function deriveGcpSizing(config: SizingInput): GcpSizing {
  return {
    peakMiBPerSecond: peakMiBPerSecond(config),
    dataflow: deriveDataflowSizing(config),
    kafka: deriveKafkaSizing(config),
    ingest: deriveIngestFunctionSizing(config),
  };
}

/** The registry's `sizing(config)` hook: what `plan` prints for the gcp-native variant. */
export function gcpNativeSizing(config: TelemetryConfig): Record<string, unknown> {
  const sizing = deriveGcpSizing(config);
  return { dataflow: sizing.dataflow, ingest: sizing.ingest };
}

/** The registry's `sizing(config)` hook for gcp-kafka: adds the cluster and topic figures. */
export function gcpKafkaSizing(config: TelemetryConfig): Record<string, unknown> {
  const sizing = deriveGcpSizing(config);
  return { dataflow: sizing.dataflow, kafka: sizing.kafka, ingest: sizing.ingest };
}
