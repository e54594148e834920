import { emfLine } from "./emf";

/**
 * Names of the processor's metrics, shared by the processor (which emits them) and the monitoring
 * components (which alarm on them), so the two cannot drift apart.
 */
export const PIPELINE_METRIC_NAMESPACE = "GameTelemetry/Pipeline";
export const PIPELINE_METRIC_DIMENSIONS = { function: "FunctionName", reason: "Reason" } as const;
export const PIPELINE_METRICS = {
  received: "RecordsReceived",
  clean: "RecordsClean",
  duplicate: "RecordsDuplicate",
  deadLetter: "RecordsDeadLetter",
  /** Records handed back to the event source for retry (batchItemFailures). */
  failed: "RecordsFailed",
  /** Retried records recognised as themselves by the dedup store. */
  redelivered: "RecordsRedelivered",
  batchLatency: "BatchLatency",
} as const;

export interface BatchMetrics {
  received: number;
  clean: number;
  duplicate: number;
  deadLetterByReason: Record<string, number>;
  failed: number;
  redelivered: number;
  latencyMs: number;
}

/**
 * EMF lines for one processed batch: the totals under dimension FunctionName, plus one line per
 * dead-letter reason under FunctionName + Reason (so an alarm can watch the total and a dashboard
 * can break it down).
 */
export function batchMetricLines(metrics: BatchMetrics, functionName: string, timestampMs: number): string[] {
  const deadLetters = Object.values(metrics.deadLetterByReason).reduce((sum, n) => sum + n, 0);
  const base = { namespace: PIPELINE_METRIC_NAMESPACE, timestampMs };
  const lines = [
    emfLine({
      ...base,
      dimensions: { [PIPELINE_METRIC_DIMENSIONS.function]: functionName },
      metrics: [
        { name: PIPELINE_METRICS.received, value: metrics.received, unit: "Count" },
        { name: PIPELINE_METRICS.clean, value: metrics.clean, unit: "Count" },
        { name: PIPELINE_METRICS.duplicate, value: metrics.duplicate, unit: "Count" },
        { name: PIPELINE_METRICS.deadLetter, value: deadLetters, unit: "Count" },
        { name: PIPELINE_METRICS.failed, value: metrics.failed, unit: "Count" },
        { name: PIPELINE_METRICS.redelivered, value: metrics.redelivered, unit: "Count" },
        { name: PIPELINE_METRICS.batchLatency, value: metrics.latencyMs, unit: "Milliseconds" },
      ],
    }),
  ];
  for (const [reason, count] of Object.entries(metrics.deadLetterByReason)) {
    if (count === 0) continue;
    lines.push(
      emfLine({
        ...base,
        dimensions: { [PIPELINE_METRIC_DIMENSIONS.function]: functionName, [PIPELINE_METRIC_DIMENSIONS.reason]: reason },
        metrics: [{ name: PIPELINE_METRICS.deadLetter, value: count, unit: "Count" }],
      }),
    );
  }
  return lines;
}
