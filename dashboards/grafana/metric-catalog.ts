/**
 * The CloudWatch metrics the pipeline publishes (or AWS publishes for its resources), by namespace,
 * with the dimensions they carry. The Grafana dashboards may only chart metrics listed here; a test
 * checks every dashboard target against this catalog. The processor's EMF names and the Flink job's
 * custom metrics are the same constants (functions/metrics, jobs/flink/telemetry_job/metric_names.py).
 */
import { PIPELINE_METRIC_DIMENSIONS, PIPELINE_METRIC_NAMESPACE, PIPELINE_METRICS } from "../../functions/metrics";

export interface NamespaceCatalog {
  metrics: readonly string[];
  dimensions: readonly string[];
}

/** Custom metrics of the Flink job (published by Managed Flink under AWS/KinesisAnalytics). */
export const FLINK_CUSTOM_METRICS = [PIPELINE_METRICS.received, PIPELINE_METRICS.clean, PIPELINE_METRICS.duplicate, PIPELINE_METRICS.deadLetter] as const;

export const METRIC_CATALOG: Readonly<Record<string, NamespaceCatalog>> = {
  [PIPELINE_METRIC_NAMESPACE]: { metrics: Object.values(PIPELINE_METRICS), dimensions: Object.values(PIPELINE_METRIC_DIMENSIONS) },
  "AWS/KinesisAnalytics": {
    metrics: [
      "millisBehindLatest",
      "downtime",
      "uptime",
      "fullRestarts",
      "lastCheckpointDuration",
      "lastCheckpointSize",
      "numberOfFailedCheckpoints",
      "numRecordsInPerSecond",
      "numRecordsOutPerSecond",
      "KPUs",
      "cpuUtilization",
      "heapMemoryUtilization",
      ...FLINK_CUSTOM_METRICS,
    ],
    dimensions: ["Application", PIPELINE_METRIC_DIMENSIONS.reason],
  },
  "AWS/Kinesis": {
    metrics: ["IncomingRecords", "IncomingBytes", "GetRecords.IteratorAgeMilliseconds", "WriteProvisionedThroughputExceeded", "ReadProvisionedThroughputExceeded"],
    dimensions: ["StreamName"],
  },
  "AWS/States": { metrics: ["ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionTime"], dimensions: ["StateMachineArn"] },
  Glue: { metrics: ["glue.driver.aggregate.numFailedTasks", "glue.driver.aggregate.numCompletedTasks", "glue.driver.aggregate.recordsRead", "glue.driver.aggregate.elapsedTime"], dimensions: ["JobName", "JobRunId", "Type"] },
  "AWS/Lambda": { metrics: ["Errors", "Invocations", "Duration", "Throttles"], dimensions: ["FunctionName"] },
};
