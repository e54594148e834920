/**
 * Derived sizing of the AWS stream layer from `telemetry:load` (pure). Every figure can be overridden
 * in `telemetry:sizing`; the rules are stated next to each derivation and in the README.
 */
import type { TelemetryConfig } from "./config";

export const MiB = 1024 * 1024;
/** Write capacity of one provisioned Kinesis shard. */
export const KINESIS_SHARD_WRITE_BYTES_PER_SECOND = 1 * MiB;
export const KINESIS_SHARD_WRITE_RECORDS_PER_SECOND = 1000;
/** A new ON_DEMAND stream starts with 4 MiB/s and 4,000 records/s of write capacity. */
export const KINESIS_ON_DEMAND_INITIAL_SHARDS = 4;
/** Firehose buffer limits (MiB). (Record-format conversion, not used here, would raise the minimum to 64.) */
export const FIREHOSE_BUFFER_MIB = { min: 1, max: 128 } as const;
/** Seconds the processor needs for one batch (DynamoDB claims + PutRecords), an assumption stated in the README. */
export const ASSUMED_PROCESSOR_BATCH_SECONDS = 1;

export interface KinesisSizing {
  mode: "ON_DEMAND" | "PROVISIONED";
  /** Shards of the raw and clean streams (undefined in ON_DEMAND mode). */
  shards?: number;
  /** The need before headroom, in shards (fractional), for the plan printout. */
  shardNeed: number;
}

export interface ProcessorSizing {
  batchSize: number;
  batchingWindowSeconds: number;
  parallelizationFactor: number;
  memoryMiB: number;
}

export interface FirehoseSizing {
  bufferMiB: number;
  bufferSeconds: number;
}

export interface ApiSizing {
  rateLimit: number;
  burstLimit: number;
}

export interface Sizing {
  peakBytesPerSecond: number;
  kinesis: KinesisSizing;
  processor: ProcessorSizing;
  firehose: FirehoseSizing;
  api: ApiSizing;
}

/**
 * Kinesis: need = max(bytes/s ÷ 1 MiB, records/s ÷ 1,000) shards at peak.
 * ON_DEMAND when need ≤ `onDemandBelowShards` (a new on-demand stream already writes 4 MiB/s), else
 * PROVISIONED with ceil(need × headroom) shards.
 */
export function deriveKinesisSizing(config: Pick<TelemetryConfig, "load" | "sizing">): KinesisSizing {
  const { load, sizing } = config;
  const shardNeed = Math.max(
    (load.peakEventsPerSecond * load.averageEventBytes) / KINESIS_SHARD_WRITE_BYTES_PER_SECOND,
    load.peakEventsPerSecond / KINESIS_SHARD_WRITE_RECORDS_PER_SECOND,
  );
  const mode = sizing.kinesisMode ?? (sizing.rawShards === undefined && shardNeed <= sizing.onDemandBelowShards ? "ON_DEMAND" : "PROVISIONED");
  if (mode === "ON_DEMAND") return { mode, shardNeed };
  const shards = sizing.rawShards ?? Math.max(1, Math.ceil(shardNeed * sizing.headroom));
  return { mode, shards, shardNeed };
}

/**
 * Processor: batches of 500 (one PutRecords call carries a whole batch's clean output), 1 s window
 * when the stream is busy (≥ 1,000 events/s) and 5 s otherwise (fewer, fuller invocations);
 * parallelisation = ceil(records per shard per second × assumed batch seconds ÷ batch size), 1–10.
 */
export function deriveProcessorSizing(config: Pick<TelemetryConfig, "load" | "sizing">, kinesis: KinesisSizing): ProcessorSizing {
  const { load, sizing } = config;
  const batchSize = sizing.lambdaBatchSize ?? 500;
  const batchingWindowSeconds = sizing.lambdaBatchingWindowSeconds ?? (load.peakEventsPerSecond >= 1000 ? 1 : 5);
  const shards = kinesis.shards ?? Math.max(KINESIS_ON_DEMAND_INITIAL_SHARDS, Math.ceil(kinesis.shardNeed));
  const perShardRecords = load.peakEventsPerSecond / shards;
  const parallelizationFactor =
    sizing.parallelizationFactor ?? clamp(Math.ceil((perShardRecords * ASSUMED_PROCESSOR_BATCH_SECONDS) / batchSize), 1, 10);
  return { batchSize, batchingWindowSeconds, parallelizationFactor, memoryMiB: sizing.processorMemoryMiB };
}

/**
 * Firehose: 300 s interval (fewer, larger lake files); size = the bytes one interval brings at the
 * average rate, clamped to Firehose's 1–128 MiB (the lake is written as GZIP NDJSON, so the 64 MiB
 * minimum of Parquet conversion does not apply): a quiet stack flushes on time, a busy one on size.
 */
export function deriveFirehoseSizing(config: Pick<TelemetryConfig, "load" | "sizing">): FirehoseSizing {
  const { load, sizing } = config;
  const bufferSeconds = sizing.firehoseBufferSeconds ?? 300;
  const intervalMiB = (load.averageEventsPerSecond * load.averageEventBytes * bufferSeconds) / MiB;
  const bufferMiB = sizing.firehoseBufferMiB ?? clamp(Math.ceil(intervalMiB), FIREHOSE_BUFFER_MIB.min, FIREHOSE_BUFFER_MIB.max);
  return { bufferMiB, bufferSeconds };
}

/**
 * API stage throttling: requests/s at peak = peak events/s ÷ events per request, × 1.5 headroom;
 * burst = 2 × rate (rounded up).
 */
export function deriveApiSizing(config: Pick<TelemetryConfig, "load" | "sizing">): ApiSizing {
  const { load, sizing } = config;
  const rateLimit = sizing.apiRateLimit ?? Math.ceil((load.peakEventsPerSecond / load.eventsPerRequest) * 1.5);
  const burstLimit = sizing.apiBurstLimit ?? Math.ceil(rateLimit * 2);
  return { rateLimit, burstLimit };
}

export function deriveSizing(config: Pick<TelemetryConfig, "load" | "sizing">): Sizing {
  const kinesis = deriveKinesisSizing(config);
  return {
    peakBytesPerSecond: config.load.peakEventsPerSecond * config.load.averageEventBytes,
    kinesis,
    processor: deriveProcessorSizing(config, kinesis),
    firehose: deriveFirehoseSizing(config),
    api: deriveApiSizing(config),
  };
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
