import assert from "node:assert/strict";
import { parseTelemetryConfig } from "../../components/config";
import { deriveEnrichmentSizing, deriveFlinkSizing, deriveHeavySizing, ENRICHMENT_BYTES_PER_WORKER_HOUR, FLINK_DEFAULT_MAX_KPUS } from "../../components/heavy/sizing";

const seed = (peak: number, average: number, heavy: Record<string, unknown> = {}) =>
  parseTelemetryConfig({ tier: "heavy", load: { peakEventsPerSecond: peak, averageEventsPerSecond: average, averageEventBytes: 1024 }, heavy });

describe("heavy-tier sizing", () => {
  it("derives Flink parallelism and KPUs for seed 000's conservative estimate (30k peak)", () => {
    const flink = deriveFlinkSizing(seed(30_000, 6_900));
    // 30,000 events/s × headroom 1.2 = 36,000 ÷ 4,000 per subtask = 9 subtasks; 9 ÷ 1 per KPU = 9 KPUs.
    assert.equal(flink.parallelism, Math.ceil((30_000 * 1.2) / 4000));
    assert.equal(flink.parallelism, 9);
    assert.equal(flink.kpus, 9);
    assert.equal(flink.autoScalingEnabled, true);
    assert.equal(flink.exceedsDefaultQuota, false);
  });

  it("derives Flink parallelism and KPUs for the aggressive estimate (100k peak) with 2 subtasks per KPU", () => {
    const flink = deriveFlinkSizing(seed(100_000, 35_000, { flinkParallelismPerKpu: 2 }));
    // 100,000 × 1.2 = 120,000 ÷ 4,000 = 30 subtasks; ceil(30 ÷ 2) = 15 KPUs.
    assert.equal(flink.parallelism, 30);
    assert.equal(flink.kpus, 15);
  });

  it("rounds KPUs up when parallelism is not a multiple of parallelism per KPU", () => {
    // 9 subtasks at 4 per KPU → ceil(2.25) = 3 KPUs.
    assert.equal(deriveFlinkSizing(seed(30_000, 6_900, { flinkParallelismPerKpu: 4 })).kpus, 3);
  });

  it("takes the parallelism override and flags KPUs above the default quota", () => {
    const flink = deriveFlinkSizing(seed(100_000, 35_000, { flinkParallelism: 130, flinkParallelismPerKpu: 2 }));
    assert.equal(flink.parallelism, 130);
    assert.equal(flink.kpus, 65);
    assert.equal(flink.exceedsDefaultQuota, 65 > FLINK_DEFAULT_MAX_KPUS);
    assert.equal(flink.exceedsDefaultQuota, true);
  });

  it("never derives less than one subtask", () => {
    assert.equal(deriveFlinkSizing(seed(1, 1)).parallelism, 1);
  });

  it("sizes enrichment workers from an hour of average traffic at 10 GiB per worker-hour", () => {
    // 35,000 × 1,024 B × 3,600 s = 129,024,000,000 B ≈ 120.2 GiB → ceil(12.02) = 13 workers.
    const aggressive = deriveEnrichmentSizing(seed(100_000, 35_000));
    assert.equal(aggressive.hourlyBytes, 35_000 * 1024 * 3600);
    assert.equal(aggressive.workers, Math.ceil((35_000 * 1024 * 3600) / ENRICHMENT_BYTES_PER_WORKER_HOUR));
    assert.equal(aggressive.workers, 13);
    // 6,900 × 1,024 × 3,600 = 25,436,160,000 B ≈ 23.7 GiB → 3 workers.
    assert.equal(deriveEnrichmentSizing(seed(30_000, 6_900)).workers, 3);
    // A dev-sized load still gets the 2-worker minimum.
    assert.equal(deriveEnrichmentSizing(seed(200, 50)).workers, 2);
  });

  it("passes Redshift capacity through from config", () => {
    const sizing = deriveHeavySizing(seed(100_000, 35_000, { redshiftBaseCapacity: 32, redshiftMaxCapacity: 128 }));
    assert.deepEqual(sizing.redshift, { baseCapacity: 32, maxCapacity: 128 });
  });

  it("refuses a max capacity below the base capacity, naming both", () => {
    assert.throws(() => seed(100, 50, { redshiftBaseCapacity: 64, redshiftMaxCapacity: 32 }), /telemetry:heavy\.redshiftMaxCapacity = 32 is invalid: must be at least redshiftBaseCapacity \(64\)/);
  });

  it("refuses a base capacity that is not a multiple of 8", () => {
    assert.throws(() => seed(100, 50, { redshiftBaseCapacity: 12 }), /telemetry:heavy\.redshiftBaseCapacity = 12 is invalid: must be a multiple of 8 RPUs/);
  });
});
