/**
 * The heavy tier's alarms as data (pure), in the same AlarmSpec shape as the light tier's
 * (components/aws/monitoring/alarm-specs.ts): Flink downtime, failed checkpoints and source lag,
 * failed GOLD executions, failed enrichment runs and failed warehouse loads.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { AlarmSpec, Thresholds } from "../monitoring/alarm-specs";

export const FLINK_NAMESPACE = "AWS/KinesisAnalytics";
export const STATES_NAMESPACE = "AWS/States";
export const LAMBDA_NAMESPACE = "AWS/Lambda";
export const EMR_SERVERLESS_NAMESPACE = "AWS/EMRServerless";
/** Glue observability metrics (`--enable-observability-metrics`): one count per failed run, all runs aggregated. */
export const GLUE_NAMESPACE = "Glue";
export const GLUE_ERROR_METRIC = "glue.error.ALL";

export interface HeavyAlarmTargets {
  flinkApplication: pulumi.Input<string>;
  /** Kinesis sources report millisBehindLatest; Kafka lag is covered by the MSK consumer-lag alarms. */
  flinkSource: "kinesis" | "kafka";
  stateMachineArn: pulumi.Input<string>;
  enrichment: { engine: "glue"; jobName: pulumi.Input<string> } | { engine: "emr-serverless"; applicationId: pulumi.Input<string> };
  loaderFunction: pulumi.Input<string>;
  /** Kinesis raw and dead-letter streams: the dead-letter rate from the streams' own record counts. */
  kinesisStreams?: { raw: pulumi.Input<string>; deadLetter: pulumi.Input<string> };
}

export const KINESIS_NAMESPACE = "AWS/Kinesis";

const failure = (spec: Omit<AlarmSpec, "comparison" | "threshold" | "treatMissingData" | "evaluationPeriods" | "datapointsToAlarm">): AlarmSpec => ({
  ...spec,
  comparison: "GreaterThanOrEqualToThreshold",
  threshold: 1,
  // No datapoint = nothing ran or nothing failed.
  treatMissingData: "notBreaching",
  evaluationPeriods: 1,
  datapointsToAlarm: 1,
});

export function heavyAlarmSpecs(targets: HeavyAlarmTargets, thresholds: Thresholds): AlarmSpec[] {
  const app = { Application: targets.flinkApplication };
  const specs: AlarmSpec[] = [
    {
      id: "flink-downtime",
      description: "Managed Flink job is not running (downtime > 0 ms): raw events are not being deduplicated or routed",
      metric: { namespace: FLINK_NAMESPACE, metricName: "downtime", dimensions: app, stat: "Maximum" },
      comparison: "GreaterThanThreshold",
      threshold: 0,
      // A stopped or failed application stops reporting: missing data is an outage too.
      treatMissingData: "breaching",
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    },
    {
      id: "flink-failed-checkpoints",
      description: "Managed Flink checkpoints are failing: a restart would replay more and dedup state is at risk",
      // The metric counts failures since the job started; its increase per period is what matters.
      math: {
        expression: "DIFF(failed)",
        label: "checkpoints failed in the period",
        inputs: { failed: { namespace: FLINK_NAMESPACE, metricName: "numberOfFailedCheckpoints", dimensions: app, stat: "Maximum" } },
      },
      comparison: "GreaterThanThreshold",
      threshold: 0,
      treatMissingData: "notBreaching",
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    },
    failure({
      id: "gold-batch-failed",
      description: "GOLD batch execution failed (the execution's SNS alert carries the failing step)",
      metric: { namespace: STATES_NAMESPACE, metricName: "ExecutionsFailed", dimensions: { StateMachineArn: targets.stateMachineArn }, stat: "Sum" },
    }),
    failure({
      id: "gold-batch-timed-out",
      description: "GOLD batch execution timed out",
      metric: { namespace: STATES_NAMESPACE, metricName: "ExecutionsTimedOut", dimensions: { StateMachineArn: targets.stateMachineArn }, stat: "Sum" },
    }),
    failure(
      targets.enrichment.engine === "glue"
        ? {
            id: "enrichment-failed",
            description: "Glue enrichment run failed (SILVER → STAGING)",
            metric: { namespace: GLUE_NAMESPACE, metricName: GLUE_ERROR_METRIC, dimensions: { JobName: targets.enrichment.jobName, JobRunId: "ALL", Type: "count", ObservabilityGroup: "error" }, stat: "Sum" },
          }
        : {
            id: "enrichment-failed",
            description: "EMR Serverless enrichment run failed (SILVER → STAGING)",
            metric: { namespace: EMR_SERVERLESS_NAMESPACE, metricName: "FailedJobs", dimensions: { ApplicationId: targets.enrichment.applicationId }, stat: "Sum" },
          },
    ),
    failure({
      id: "warehouse-load-failed",
      description: "Warehouse loader failed (a COPY or merge into Redshift failed; the log names the table and statement)",
      metric: { namespace: LAMBDA_NAMESPACE, metricName: "Errors", dimensions: { FunctionName: targets.loaderFunction }, stat: "Sum" },
    }),
  ];
  if (targets.kinesisStreams) {
    const incoming = (stream: pulumi.Input<string>) => ({ namespace: KINESIS_NAMESPACE, metricName: "IncomingRecords", dimensions: { StreamName: stream }, stat: "Sum" });
    specs.push({
      id: "dead-letter-rate",
      description: `Flink routes more than ${thresholds.deadLetterRatePercent}% of raw records to dead-letter`,
      // Records written to dead-letter per record arriving on raw, in percent (0 when raw is idle).
      math: { expression: "IF(raw > 0, 100 * deadletter / raw, 0)", label: "dead-letter %", inputs: { raw: incoming(targets.kinesisStreams.raw), deadletter: incoming(targets.kinesisStreams.deadLetter) } },
      comparison: "GreaterThanThreshold",
      threshold: thresholds.deadLetterRatePercent,
      treatMissingData: "notBreaching",
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });
  }
  if (targets.flinkSource === "kinesis") {
    specs.push({
      id: "flink-behind-latest",
      description: `Managed Flink reads the raw stream more than ${thresholds.iteratorAgeSeconds} s behind its tip`,
      metric: { namespace: FLINK_NAMESPACE, metricName: "millisBehindLatest", dimensions: app, stat: "Maximum" },
      comparison: "GreaterThanThreshold",
      threshold: thresholds.iteratorAgeSeconds * 1000,
      treatMissingData: "notBreaching",
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });
  }
  return specs;
}
