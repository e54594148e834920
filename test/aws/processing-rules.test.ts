/** The processor's event-source rules (pure). */
import assert from "node:assert/strict";
import { parseTelemetryConfig } from "../../components/config";
import { kinesisProcessorSource, maximumRecordAgeSeconds, processorEnvironment } from "../../components/aws/processing";
import { processorConfigFromEnv, PROCESSOR_ENV } from "../../functions/processor/config";

describe("aws processing rules", () => {
  it("records are given up on one hour before the stream would delete them", () => {
    assert.equal(maximumRecordAgeSeconds(24), 23 * 3600);
    assert.equal(maximumRecordAgeSeconds(168), 167 * 3600);
    // Kinesis caps the setting at 604,800 s (7 days); beyond that "never give up on age" (-1).
    assert.equal(maximumRecordAgeSeconds(169), 604_800);
    assert.equal(maximumRecordAgeSeconds(170), -1);
    assert.equal(maximumRecordAgeSeconds(8760), -1);
  });

  it("the Kinesis source reads from the trim horizon, reports per-record failures and bisects", () => {
    const source = kinesisProcessorSource({
      streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s",
      keyArn: "arn:aws:kms:us-east-1:123456789012:key/k",
      region: "us-east-1",
      sizing: { batchSize: 500, batchingWindowSeconds: 1, parallelizationFactor: 3, memoryMiB: 1024 },
      streamRetentionHours: 24,
    });
    assert.equal(source.mapping.startingPosition, "TRIM_HORIZON");
    assert.deepEqual(source.mapping.functionResponseTypes, ["ReportBatchItemFailures"]);
    assert.equal(source.mapping.parallelizationFactor, 3);
    assert.equal(source.mapping.bisectBatchOnFunctionError, true);
  });

  it("the environment from config round-trips through the processor's own parser", () => {
    const config = parseTelemetryConfig({ dedupWindowMinutes: 45, dedupKeyFields: ["user_id", "event_id"], event: { maxRecordBytes: 4096, maxAgeDays: 3 } });
    const env = {
      ...processorEnvironment(config, "tlm-x-dedup"),
      [PROCESSOR_ENV.cleanStream]: "c",
      [PROCESSOR_ENV.deadLetterStream]: "d",
    } as Record<string, string>;
    const parsed = processorConfigFromEnv(env);
    assert.equal(parsed.dedupTable, "tlm-x-dedup");
    assert.equal(parsed.dedupWindowMinutes, 45);
    assert.deepEqual(parsed.core, { dedupKeyFields: ["user_id", "event_id"], maxRecordBytes: 4096, maxAgeDays: 3 });
  });
});
