/**
 * Derived sizing at seed 000's load table, against values computed by hand here (arithmetic shown).
 * Defaults: headroom 1.2, ON_DEMAND up to 4 shards of need, batch 500, 100 events per request.
 */
import assert from "node:assert/strict";
import { parseTelemetryConfig } from "../../components/config";
import { deriveSizing } from "../../components/sizing";
import { athenaBytesScannedCutoff } from "../../components/aws/glue-tables";

const MiB = 1024 * 1024;

function sizingFor(peak: number, average: number, bytes: number) {
  return deriveSizing(parseTelemetryConfig({ load: { peakEventsPerSecond: peak, averageEventsPerSecond: average, averageEventBytes: bytes, eventsPerRequest: 100 } }));
}

describe("aws sizing at seed scale", () => {
  // Each row: need = max(peak × bytes ÷ 1 MiB, peak ÷ 1,000); shards = ceil(need × 1.2);
  // parallelisation = ceil((peak ÷ shards) ÷ 500); API rate = ceil(peak ÷ 100 × 1.5), burst = 2 × rate.
  const cases = [
    // 30,000 × 1,024 ÷ 1,048,576 = 29.296875 MiB/s < 30 (records) → need 30 → ceil(36.0) = 36;
    // 30,000 ÷ 36 = 833.3 per shard → ceil(1.67) = 2.
    { peak: 30_000, average: 6_900, bytes: 1024, need: 30, shards: 36, parallel: 2, rate: 450, burst: 900 },
    // 30,000 × 2,048 ÷ 1,048,576 = 58.59375 → ceil(70.3125) = 71; 30,000 ÷ 71 = 422.5 → ceil(0.845) = 1.
    { peak: 30_000, average: 6_900, bytes: 2048, need: 58.59375, shards: 71, parallel: 1, rate: 450, burst: 900 },
    // 100,000 × 1,024 ÷ 1,048,576 = 97.65625 < 100 (records) → need 100 → 120; 100,000 ÷ 120 = 833.3 → 2.
    { peak: 100_000, average: 35_000, bytes: 1024, need: 100, shards: 120, parallel: 2, rate: 1500, burst: 3000 },
    // 100,000 × 2,048 ÷ 1,048,576 = 195.3125 → ceil(234.375) = 235; 100,000 ÷ 235 = 425.5 → 1.
    { peak: 100_000, average: 35_000, bytes: 2048, need: 195.3125, shards: 235, parallel: 1, rate: 1500, burst: 3000 },
  ];
  for (const c of cases) {
    it(`${c.peak} peak / ${c.average} average events/s at ${c.bytes} B`, () => {
      const s = sizingFor(c.peak, c.average, c.bytes);
      assert.equal(s.peakBytesPerSecond, c.peak * c.bytes);
      assert.equal(s.kinesis.mode, "PROVISIONED");
      assert.equal(s.kinesis.shardNeed, c.need);
      assert.equal(s.kinesis.shards, c.shards);
      assert.equal(s.processor.batchSize, 500);
      assert.equal(s.processor.batchingWindowSeconds, 1, "≥ 1,000 events/s peak → 1 s window");
      assert.equal(s.processor.parallelizationFactor, c.parallel);
      // Firehose: average × bytes × 300 s ÷ 1 MiB is far above 128 MiB at seed scale
      // (6,900 × 1,024 × 300 ÷ 1,048,576 = 2,021.5 MiB), so the buffer is capped at 128 MiB.
      assert.ok((c.average * c.bytes * 300) / MiB > 128);
      assert.deepEqual(s.firehose, { bufferMiB: 128, bufferSeconds: 300 });
      assert.deepEqual(s.api, { rateLimit: c.rate, burstLimit: c.burst });
    });
  }

  it("the raw and clean streams of the largest case fit the default 500-shard account quota of us-east-1", () => {
    // raw + clean provisioned alike: 2 × 235 = 470 ≤ 500 (dead-letter is ON_DEMAND and not counted in shards).
    const s = sizingFor(100_000, 35_000, 2048);
    assert.ok(2 * s.kinesis.shards! <= 500);
  });

  it("the dev stack's 200 events/s stays ON_DEMAND with a 5 s window and a 15 MiB buffer", () => {
    // need = max(200 × 1,024 ÷ 1,048,576 = 0.1953, 200 ÷ 1,000 = 0.2) = 0.2 ≤ 4 → ON_DEMAND;
    // processor assumes the 4 initial on-demand shards: 200 ÷ 4 = 50 per shard → ceil(0.1) = 1;
    // Firehose: 50 × 1,024 × 300 ÷ 1,048,576 = 14.6 MiB → 15 MiB (within 1–128); API: ceil(2 × 1.5) = 3, burst 6.
    const s = sizingFor(200, 50, 1024);
    assert.equal(s.kinesis.mode, "ON_DEMAND");
    assert.equal(s.kinesis.shards, undefined);
    assert.equal(s.kinesis.shardNeed, 0.2);
    assert.equal(s.processor.parallelizationFactor, 1);
    assert.equal(s.processor.batchingWindowSeconds, 5);
    assert.deepEqual(s.firehose, { bufferMiB: 15, bufferSeconds: 300 });
    assert.deepEqual(s.api, { rateLimit: 3, burstLimit: 6 });
  });

  it("the Athena cutoff is one day of data at the average rate, at least 10 GiB", () => {
    // 35,000 × 1,024 × 86,400 = 3,096,576,000,000 B (≈ 2.8 TiB); 6,900 × 1,024 × 86,400 = 610,467,840,000 B.
    assert.equal(athenaBytesScannedCutoff({ averageEventsPerSecond: 35_000, averageEventBytes: 1024 }), 3_096_576_000_000);
    assert.equal(athenaBytesScannedCutoff({ averageEventsPerSecond: 6_900, averageEventBytes: 1024 }), 610_467_840_000);
    // 50 × 1,024 × 86,400 = 4,423,680,000 B < 10 GiB = 10,737,418,240 B → the floor applies.
    assert.equal(athenaBytesScannedCutoff({ averageEventsPerSecond: 50, averageEventBytes: 1024 }), 10 * 1024 ** 3);
  });
});
