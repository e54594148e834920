/**
 * Seed 003's alert rules as Cloud Monitoring conditions (pure): consumer lag / oldest unacked age,
 * dead-letter rate, Dataflow job failed, no events for an hour — plus the ingest API's 5xx rate
 * (DESIGN: "ingestion errors"). Thresholds come from `telemetry:alerts`; the Kafka lag threshold is
 * the seed's 100,000 messages.
 */
import type { TelemetryConfig } from "../config";

export const KAFKA_LAG_THRESHOLD_MESSAGES = 100_000;
/** Seed 003: "No events received in over 1 hour". */
export const NO_EVENTS_SECONDS = 3600;

export interface AlertTargets {
  /** gcp-native: the Dataflow subscription; absent for gcp-kafka. */
  subscriptionName?: string;
  dataflowJobName: string;
  /** gcp-kafka: the job archiving the raw topic into the RAW bucket; absent for gcp-native. */
  archiveJobName?: string;
  datasetId: string;
  landingTable: string;
  deadLetterTable: string;
  ingestServiceName: string;
}

export type AlertCondition =
  | { kind: "threshold"; filter: string; threshold: number; duration: string; aligner: string }
  | { kind: "promql"; query: string; duration: string }
  | { kind: "absent"; filter: string; duration: string };

export interface AlertRule {
  role: string;
  displayName: string;
  severity: "CRITICAL" | "WARNING" | "ERROR";
  condition: AlertCondition;
  documentation: string;
}

/** The job-failed condition covers every Dataflow job of the stack. */
export function dataflowJobsFilter(t: Pick<AlertTargets, "dataflowJobName" | "archiveJobName">): string {
  const jobs = [t.dataflowJobName, ...(t.archiveJobName ? [t.archiveJobName] : [])];
  const byName = jobs.map((job) => `resource.label.job_name="${job}"`);
  return byName.length === 1 ? byName[0] : `(${byName.join(" OR ")})`;
}

const rowsFilter = (t: AlertTargets, table: string) =>
  `{monitored_resource="bigquery_dataset",project_id=~".+",dataset_id="${t.datasetId}",table="${table}"}`;

export function alertRules(alerts: TelemetryConfig["alerts"], t: AlertTargets): AlertRule[] {
  const lag: AlertRule = t.subscriptionName
    ? {
        role: "lag",
        displayName: "Oldest unacked raw message too old",
        severity: "CRITICAL",
        condition: {
          kind: "threshold",
          filter: `metric.type="pubsub.googleapis.com/subscription/oldest_unacked_message_age" AND resource.type="pubsub_subscription" AND resource.label.subscription_id="${t.subscriptionName}"`,
          threshold: alerts.iteratorAgeSeconds,
          duration: "300s",
          aligner: "ALIGN_MAX",
        },
        documentation: `Dataflow is more than ${alerts.iteratorAgeSeconds} s behind the raw topic. Check the job's workers and autoscaling.`,
      }
    : {
        role: "lag",
        displayName: "Kafka consumer lag above 100k messages",
        severity: "CRITICAL",
        condition: {
          kind: "threshold",
          filter: `metric.type="dataflow.googleapis.com/job/backlog_elements" AND resource.type="dataflow_job" AND resource.label.job_name="${t.dataflowJobName}"`,
          threshold: KAFKA_LAG_THRESHOLD_MESSAGES,
          duration: "300s",
          aligner: "ALIGN_MAX",
        },
        documentation: "Kafka consumer lag exceeds 100k messages (seed 003 high_kafka_lag). Check the Dataflow job's workers.",
      };
  const metric = "bigquery_googleapis_com:storage_uploaded_row_count";
  return [
    lag,
    {
      role: "dead-letter-rate",
      displayName: `Dead-letter rate above ${alerts.deadLetterRatePercent}%`,
      severity: "WARNING",
      condition: {
        kind: "promql",
        query:
          `100 * sum(rate(${metric}${rowsFilter(t, t.deadLetterTable)}[10m]))` +
          ` / (sum(rate(${metric}${rowsFilter(t, t.landingTable)}[10m])) + sum(rate(${metric}${rowsFilter(t, t.deadLetterTable)}[10m])))` +
          ` > ${alerts.deadLetterRatePercent}`,
        duration: "300s",
      },
      documentation: `More than ${alerts.deadLetterRatePercent}% of events went to ${t.deadLetterTable} (seed 003 high_dlq_rate). Its errorMessage column starts with the reason code.`,
    },
    {
      role: "dataflow-failed",
      displayName: "Dataflow streaming job failed",
      severity: "CRITICAL",
      condition: {
        kind: "threshold",
        filter: `metric.type="dataflow.googleapis.com/job/is_failed" AND resource.type="dataflow_job" AND ${dataflowJobsFilter(t)}`,
        threshold: 0,
        duration: "0s",
        aligner: "ALIGN_MAX",
      },
      documentation: `A Dataflow job (${[t.dataflowJobName, t.archiveJobName].filter(Boolean).join(", ")}) is FAILED (seed 003 dataflow_job_failed). \`pulumi up\` relaunches it; events wait in the raw channel meanwhile.`,
    },
    {
      role: "no-events",
      displayName: "No events for 1 hour",
      severity: "CRITICAL",
      condition: {
        kind: "absent",
        filter: `metric.type="bigquery.googleapis.com/storage/uploaded_row_count" AND resource.type="bigquery_dataset" AND resource.label.dataset_id="${t.datasetId}" AND metric.label.table="${t.landingTable}"`,
        duration: `${NO_EVENTS_SECONDS}s`,
      },
      documentation: "No rows reached events_landing for an hour (seed 003 data_freshness). Check the ingest function, the raw channel and the job.",
    },
    {
      role: "ingest-errors",
      displayName: `Ingest API 5xx above ${alerts.apiErrorRatePercent}%`,
      severity: "ERROR",
      condition: {
        kind: "promql",
        query:
          `100 * sum(rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",service_name="${t.ingestServiceName}",response_code_class="5xx"}[5m]))` +
          ` / sum(rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",service_name="${t.ingestServiceName}"}[5m]))` +
          ` > ${alerts.apiErrorRatePercent}`,
        duration: "300s",
      },
      documentation: "The ingest function answers 5xx (raw channel or key store unavailable). Clients retry rejected events.",
    },
  ];
}
