/**
 * The pipeline's alarms as data (pure): which metric, which resource, which threshold. The
 * Monitoring component turns each spec into a CloudWatch alarm notifying the alert topic.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../../config";
import { PIPELINE_METRIC_DIMENSIONS, PIPELINE_METRIC_NAMESPACE, PIPELINE_METRICS } from "../../../functions/metrics/pipeline-metrics";
import type { MonitoringHandles } from "./handles";

export type Thresholds = TelemetryConfig["alerts"];

/** 4XX responses above this share of requests mean clients are broken or keys were revoked en masse. */
export const API_4XX_RATE_PERCENT = 5;
/** Kinesis PutRecords normally answers in tens of ms; p99 above this means the stream is struggling. */
export const INTEGRATION_LATENCY_P99_MS = 1000;
/** Standard alarm period (s) and how many periods must breach. */
export const ALARM_PERIOD_SECONDS = 300;
/** Kafka sources: messages behind before the lag alarm fires, unless the variant passes its own. */
export const DEFAULT_MAX_OFFSET_LAG = 100_000;
export const ALARM_EVALUATION_PERIODS = 2;

export interface MetricRef {
  namespace: string;
  metricName: string;
  dimensions: Record<string, pulumi.Input<string>>;
  stat: string;
}

export interface AlarmSpec {
  /** Unique suffix of the alarm name, e.g. "api-5xx-rate". */
  id: string;
  description: string;
  comparison: "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold";
  threshold: number;
  /** A single metric … */
  metric?: MetricRef;
  /** … or metric math: inputs m1…mN and the expression over them. */
  math?: { expression: string; label: string; inputs: Record<string, MetricRef> };
  treatMissingData: "notBreaching" | "breaching" | "missing";
  evaluationPeriods: number;
  datapointsToAlarm: number;
}

const alarm = (spec: Omit<AlarmSpec, "evaluationPeriods" | "datapointsToAlarm" | "treatMissingData"> & Partial<AlarmSpec>): AlarmSpec => ({
  treatMissingData: "notBreaching",
  evaluationPeriods: ALARM_EVALUATION_PERIODS,
  datapointsToAlarm: ALARM_EVALUATION_PERIODS,
  ...spec,
});

/** Percentage of `part` in `whole` over one period; no traffic counts as 0 %, not as an error. */
function ratePercent(part: MetricRef, whole: MetricRef, label: string): AlarmSpec["math"] {
  return { expression: "IF(whole > 0, 100 * part / whole, 0)", label, inputs: { part, whole } };
}

export function alarmSpecs(handles: MonitoringHandles, thresholds: Thresholds, extra: AlarmSpec[] = []): AlarmSpec[] {
  const specs: AlarmSpec[] = [];
  if (handles.api) {
    const dims = { ApiName: handles.api.apiName, Stage: handles.api.stageName };
    const api = (metricName: string, stat = "Sum"): MetricRef => ({ namespace: "AWS/ApiGateway", metricName, dimensions: dims, stat });
    specs.push(
      alarm({
        id: "api-5xx-rate",
        description: `API 5XX responses above ${thresholds.apiErrorRatePercent}% of requests: events are not reaching the raw stream`,
        comparison: "GreaterThanThreshold",
        threshold: thresholds.apiErrorRatePercent,
        math: ratePercent(api("5XXError"), api("Count"), "5XX %"),
      }),
      alarm({
        id: "api-4xx-rate",
        description: `API 4XX responses above ${API_4XX_RATE_PERCENT}% of requests: clients send bad requests or keys are rejected`,
        comparison: "GreaterThanThreshold",
        threshold: API_4XX_RATE_PERCENT,
        math: ratePercent(api("4XXError"), api("Count"), "4XX %"),
      }),
      alarm({
        id: "api-integration-latency-p99",
        description: `p99 integration latency above ${INTEGRATION_LATENCY_P99_MS} ms`,
        comparison: "GreaterThanThreshold",
        threshold: INTEGRATION_LATENCY_P99_MS,
        metric: api("IntegrationLatency", "p99"),
      }),
    );
  }
  if (handles.rawStream) {
    specs.push(
      alarm({
        id: "raw-write-throttled",
        description: "Writes to the raw stream exceed its throughput (add shards or raise sizing.rawShards)",
        comparison: "GreaterThanThreshold",
        threshold: 0,
        metric: { namespace: "AWS/Kinesis", metricName: "WriteProvisionedThroughputExceeded", dimensions: { StreamName: handles.rawStream.name }, stat: "Sum" },
      }),
    );
  }
  const fn = (name: pulumi.Input<string>, metricName: string, stat: string): MetricRef => ({ namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: name }, stat });
  if (handles.processor) {
    const processorHandle = handles.processor;
    const processor = processorHandle.name;
    const lag =
      (processorHandle.lagMetric ?? "IteratorAge") === "IteratorAge"
        ? alarm({
            id: "processor-iterator-age",
            description: `The processor is more than ${thresholds.iteratorAgeSeconds} s behind the raw stream`,
            comparison: "GreaterThanThreshold",
            threshold: thresholds.iteratorAgeSeconds * 1000,
            metric: fn(processor, "IteratorAge", "Maximum"),
          })
        : alarm({
            id: "processor-offset-lag",
            description: `The processor is more than ${processorHandle.maxOffsetLag ?? DEFAULT_MAX_OFFSET_LAG} messages behind the raw topic`,
            comparison: "GreaterThanThreshold",
            threshold: processorHandle.maxOffsetLag ?? DEFAULT_MAX_OFFSET_LAG,
            metric: fn(processor, "OffsetLag", "Maximum"),
          });
    specs.push(
      lag,
      alarm({ id: "processor-errors", description: "The processor failed invocations", comparison: "GreaterThanThreshold", threshold: 0, metric: fn(processor, "Errors", "Sum") }),
      alarm({ id: "processor-throttles", description: "The processor was throttled", comparison: "GreaterThanThreshold", threshold: 0, metric: fn(processor, "Throttles", "Sum") }),
    );
    const pipeline = (metricName: string): MetricRef => ({
      namespace: PIPELINE_METRIC_NAMESPACE,
      metricName,
      dimensions: { [PIPELINE_METRIC_DIMENSIONS.function]: processor },
      stat: "Sum",
    });
    specs.push(
      alarm({
        id: "dead-letter-rate",
        description: `Dead letters above ${thresholds.deadLetterRatePercent}% of processed events`,
        comparison: "GreaterThanThreshold",
        threshold: thresholds.deadLetterRatePercent,
        math: ratePercent(pipeline(PIPELINE_METRICS.deadLetter), pipeline(PIPELINE_METRICS.received), "dead-letter %"),
      }),
    );
  }
  for (const other of handles.functions) {
    specs.push(alarm({ id: `${other.role}-errors`, description: `${other.role} failed invocations`, comparison: "GreaterThanThreshold", threshold: 0, metric: fn(other.name, "Errors", "Sum") }));
  }
  for (const delivery of handles.deliveryStreams) {
    specs.push(
      alarm({
        id: `${delivery.role}-freshness`,
        description: `${delivery.role}: the oldest undelivered record is older than ${thresholds.freshnessSeconds} s`,
        comparison: "GreaterThanThreshold",
        threshold: thresholds.freshnessSeconds,
        metric: { namespace: "AWS/Firehose", metricName: "DeliveryToS3.DataFreshness", dimensions: { DeliveryStreamName: delivery.name }, stat: "Maximum" },
      }),
    );
  }
  for (const table of handles.tables) {
    const t = (metricName: string): MetricRef => ({ namespace: "AWS/DynamoDB", metricName, dimensions: { TableName: table.name }, stat: "Sum" });
    specs.push(
      alarm({
        id: `${table.role}-throttles`,
        description: `${table.role} table throttled reads or writes`,
        comparison: "GreaterThanThreshold",
        threshold: 0,
        math: { expression: "reads + writes", label: "throttle events", inputs: { reads: t("ReadThrottleEvents"), writes: t("WriteThrottleEvents") } },
      }),
    );
  }
  for (const queue of handles.failureQueues) {
    specs.push(
      alarm({
        id: `${queue.role}-not-empty`,
        description: `${queue.role}: batches the processor gave up on are waiting (replay them)`,
        comparison: "GreaterThanThreshold",
        threshold: 0,
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
        metric: { namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible", dimensions: { QueueName: queue.name }, stat: "Maximum" },
      }),
    );
  }
  specs.push(...extra);
  const ids = specs.map((s) => s.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (repeated.length) throw new RangeError(`alarm ids repeat: ${repeated.join(", ")}`);
  return specs;
}
