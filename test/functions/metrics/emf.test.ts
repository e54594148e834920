import assert from "node:assert/strict";
import { PIPELINE_METRICS, PIPELINE_METRIC_NAMESPACE, batchMetricLines, emfDocument } from "../../../functions/metrics";

describe("metrics: CloudWatch Embedded Metric Format", () => {
  it("builds a document CloudWatch can extract: _aws metadata, dimension and metric values at top level", () => {
    const doc = emfDocument({
      namespace: "NS",
      dimensions: { FunctionName: "f" },
      metrics: [{ name: "RecordsReceived", value: 7, unit: "Count" }],
      timestampMs: 1_700_000_000_000,
    });
    assert.deepEqual(doc, {
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [{ Namespace: "NS", Dimensions: [["FunctionName"]], Metrics: [{ Name: "RecordsReceived", Unit: "Count" }] }],
      },
      FunctionName: "f",
      RecordsReceived: 7,
    });
    assert.throws(
      () => emfDocument({ namespace: "NS", dimensions: { A: "x" }, metrics: [{ name: "A", value: 1, unit: "Count" }], timestampMs: 0 }),
      /collides/,
    );
  });

  it("emits batch totals plus one line per dead-letter reason", () => {
    const lines = batchMetricLines(
      { received: 10, clean: 6, duplicate: 1, deadLetterByReason: { MALFORMED_JSON: 2, MISSING_FIELD: 1, INVALID_ID: 0 }, failed: 0, redelivered: 0, latencyMs: 12 },
      "proc",
      5,
    ).map((l) => JSON.parse(l));
    assert.equal(lines.length, 1 + 2);
    assert.equal(lines[0]._aws.CloudWatchMetrics[0].Namespace, PIPELINE_METRIC_NAMESPACE);
    assert.equal(lines[0][PIPELINE_METRICS.deadLetter], 2 + 1);
    assert.equal(lines[0][PIPELINE_METRICS.batchLatency], 12);
    assert.deepEqual(
      lines.slice(1).map((d) => [d.Reason, d[PIPELINE_METRICS.deadLetter], d._aws.CloudWatchMetrics[0].Dimensions[0]]),
      [
        ["MALFORMED_JSON", 2, ["FunctionName", "Reason"]],
        ["MISSING_FIELD", 1, ["FunctionName", "Reason"]],
      ],
    );
  });
});
