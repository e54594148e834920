/** GCP sizing rules, recomputed by hand from the load figures. */
import assert from "node:assert/strict";
import { parseTelemetryConfig } from "../../components/config";
import { deriveGcpSizing, gcpKafkaSizing, gcpNativeSizing, nextPowerOfTwo } from "../../components/gcp/gcp-sizing";

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

describe("gcp: sizing from load", () => {
  it("seed 003 scale (100k events/s × 1 KiB): 75 Dataflow workers, 15 vCPUs / 60 GiB, 64 + 64 + 8 partitions, 20 function instances", () => {
    const config = parseTelemetryConfig({ variant: "gcp-kafka", load: { peakEventsPerSecond: 100_000, averageEventsPerSecond: 35_000, averageEventBytes: 1024, eventsPerRequest: 100 } });
    const s = deriveGcpSizing(config);
    // Dataflow: 100,000 × max(1, 1024/1024) / 2,000 = 50 workers needed; ⌈50 × 1.5⌉ = 75
    assert.equal(s.dataflow.workerNeed, 50);
    assert.equal(s.dataflow.maxWorkers, 75);
    // Kafka: 100,000 × 1,024 B = 97.66 MiB/s; ⌈97.66 / 10 × 1.5⌉ = ⌈14.65⌉ = 15 vCPUs; 15 × 4 GiB memory
    assert.equal(s.kafka.vcpus, 15);
    assert.equal(s.kafka.memoryBytes, 15 * 4 * GiB);
    // partitions: ⌈97.66 / 2⌉ = 49 → next power of two 64 (seed 003's figure); dlq 64 / 8 = 8 (seed's 8)
    assert.deepEqual(s.kafka.partitions, { raw: 64, enriched: 64, dlq: 8 });
    // retention per seed: 7 d, 3 d, 30 d
    assert.deepEqual(s.kafka.retentionMs, { raw: 7 * 86_400_000, enriched: 3 * 86_400_000, dlq: 30 * 86_400_000 });
    // function: 100,000 / 100 = 1,000 requests/s ÷ 50 per instance = 20
    assert.equal(s.ingest.maxInstances, 20);
  });

  it("dev scale (500 events/s × 1 KiB): minimums — 1 worker, 3 vCPUs, 4 partitions, 3 instances", () => {
    const s = deriveGcpSizing(parseTelemetryConfig({ load: { peakEventsPerSecond: 500, averageEventsPerSecond: 100 } }));
    // 500 / 2,000 = 0.25 → ⌈0.375⌉ = 1
    assert.equal(s.dataflow.maxWorkers, 1);
    // 0.49 MiB/s → ⌈0.49 / 10 × 1.5⌉ = 1 → minimum 3
    assert.equal(s.kafka.vcpus, 3);
    assert.equal(s.kafka.memoryBytes, 3 * 4 * GiB);
    // ⌈0.49 / 2⌉ = 1 → power of two 1 → minimum 4; dlq ⌈4 / 8⌉ = 1
    assert.deepEqual(s.kafka.partitions, { raw: 4, enriched: 4, dlq: 1 });
    // 500 / 100 = 5 requests/s → ⌈0.1⌉ = 1 → minimum 3
    assert.equal(s.ingest.maxInstances, 3);
  });

  it("scales Dataflow with event size above 1 KiB", () => {
    const s = deriveGcpSizing(parseTelemetryConfig({ load: { peakEventsPerSecond: 10_000, averageEventsPerSecond: 100, averageEventBytes: 2048 } }));
    // 10,000 × 2 / 2,000 = 10 → ⌈15⌉
    assert.equal(s.dataflow.maxWorkers, 15);
    assert.equal(s.peakMiBPerSecond, (10_000 * 2048) / MiB);
  });

  it("takes every override from telemetry:gcp", () => {
    const s = deriveGcpSizing(parseTelemetryConfig({ gcp: { dataflowMaxWorkers: 7, kafkaPartitions: 24, kafkaVcpus: 6, ingestMaxInstances: 9 } }));
    assert.equal(s.dataflow.maxWorkers, 7);
    assert.deepEqual(s.kafka.partitions, { raw: 24, enriched: 24, dlq: 3 });
    assert.equal(s.kafka.vcpus, 6);
    assert.equal(s.ingest.maxInstances, 9);
  });

  it("nextPowerOfTwo", () => {
    assert.deepEqual([1, 2, 3, 49, 64, 65].map(nextPowerOfTwo), [1, 2, 4, 64, 64, 128]);
  });

  it("registry hooks: gcp-native prints Dataflow and function sizing, gcp-kafka adds the cluster", () => {
    const config = parseTelemetryConfig({ variant: "gcp-kafka" });
    assert.deepEqual(Object.keys(gcpNativeSizing(config)), ["dataflow", "ingest"]);
    assert.deepEqual(Object.keys(gcpKafkaSizing(config)), ["dataflow", "kafka", "ingest"]);
  });
});
