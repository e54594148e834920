/**
 * Derived sizing of the heavy tier (pure). Rules, each overridable in `telemetry:heavy`:
 *
 * - Flink parallelism = ceil(peak events/s × headroom ÷ events/s one subtask handles), at least 1.
 *   `flinkRecordsPerSubtask` (default 4,000/s) is an assumption for a PyFlink job that parses JSON,
 *   validates, keeps RocksDB dedup state and writes three sinks; measure and override.
 * - KPUs = ceil(parallelism ÷ parallelismPerKpu). Autoscaling stays on: Managed Flink raises the
 *   parallelism under sustained load and lowers it again, starting from the derived value.
 * - Enrichment workers (Glue G.1X or EMR executors) = ceil(bytes one hour brings at the average rate
 *   ÷ 10 GiB per worker-hour), clamped to 2–100. The hourly schedule then keeps up with the average
 *   rate; the GOLD run's catch-up uses the same job with bookmarks.
 * - Redshift Serverless base capacity comes from config (RPUs, multiple of 8); the max capacity cap
 *   is optional.
 */
import type { TelemetryConfig } from "../config";
import { clamp } from "../sizing";

export const GiB = 1024 * 1024 * 1024;
/** Data one enrichment worker is assumed to read, enrich and write per hour. */
export const ENRICHMENT_BYTES_PER_WORKER_HOUR = 10 * GiB;
export const ENRICHMENT_WORKERS = { min: 2, max: 100 } as const;
/** Managed Flink's default per-application KPU quota (raisable); the plan flags sizing above it. */
export const FLINK_DEFAULT_MAX_KPUS = 64;

export interface FlinkSizing {
  parallelism: number;
  parallelismPerKpu: number;
  kpus: number;
  autoScalingEnabled: boolean;
  /** The assumption the parallelism came from (events/s per subtask). */
  recordsPerSubtask: number;
  /** True when KPUs exceed the default quota (a quota increase is needed before deploying). */
  exceedsDefaultQuota: boolean;
}

export interface HeavySizing {
  flink: FlinkSizing;
  enrichment: { workers: number; hourlyBytes: number };
  redshift: { baseCapacity: number; maxCapacity?: number };
}

type HeavyInputs = Pick<TelemetryConfig, "load" | "sizing" | "heavy">;

export function deriveFlinkSizing(config: HeavyInputs): FlinkSizing {
  const { load, sizing, heavy } = config;
  const parallelism = heavy.flinkParallelism ?? Math.max(1, Math.ceil((load.peakEventsPerSecond * sizing.headroom) / heavy.flinkRecordsPerSubtask));
  const kpus = Math.ceil(parallelism / heavy.flinkParallelismPerKpu);
  return {
    parallelism,
    parallelismPerKpu: heavy.flinkParallelismPerKpu,
    kpus,
    autoScalingEnabled: true,
    recordsPerSubtask: heavy.flinkRecordsPerSubtask,
    exceedsDefaultQuota: kpus > FLINK_DEFAULT_MAX_KPUS,
  };
}

export function deriveEnrichmentSizing(config: HeavyInputs): HeavySizing["enrichment"] {
  const { load, heavy } = config;
  const hourlyBytes = load.averageEventsPerSecond * load.averageEventBytes * 3600;
  const workers = heavy.enrichmentWorkers ?? clamp(Math.ceil(hourlyBytes / ENRICHMENT_BYTES_PER_WORKER_HOUR), ENRICHMENT_WORKERS.min, ENRICHMENT_WORKERS.max);
  return { workers, hourlyBytes };
}

export function deriveHeavySizing(config: HeavyInputs): HeavySizing {
  return {
    flink: deriveFlinkSizing(config),
    enrichment: deriveEnrichmentSizing(config),
    redshift: { baseCapacity: config.heavy.redshiftBaseCapacity, maxCapacity: config.heavy.redshiftMaxCapacity },
  };
}
