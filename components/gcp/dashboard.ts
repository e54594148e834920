/** Seed 003's pipeline health dashboard as a Cloud Monitoring dashboard definition (pure). */
import type { AlertTargets } from "./alert-rules";

interface Tile {
  title: string;
  promql: string;
}

export function dashboardTiles(t: AlertTargets): Tile[] {
  const rows = (table: string) =>
    `sum(rate(bigquery_googleapis_com:storage_uploaded_row_count{monitored_resource="bigquery_dataset",dataset_id="${t.datasetId}",table="${table}"}[5m]))`;
  const lag = t.subscriptionName
    ? `max(pubsub_googleapis_com:subscription_oldest_unacked_message_age{monitored_resource="pubsub_subscription",subscription_id="${t.subscriptionName}"})`
    : `max(dataflow_googleapis_com:job_backlog_elements{monitored_resource="dataflow_job",job_name="${t.dataflowJobName}"})`;
  return [
    { title: "Events/sec (rows into events_landing)", promql: rows(t.landingTable) },
    { title: t.subscriptionName ? "Lag (oldest unacked, s)" : "Lag (Kafka backlog, messages)", promql: lag },
    { title: "Dead-letter rate (%)", promql: `100 * ${rows(t.deadLetterTable)} / (${rows(t.landingTable)} + ${rows(t.deadLetterTable)})` },
    { title: "Dataflow system lag (s)", promql: `max(dataflow_googleapis_com:job_system_lag{monitored_resource="dataflow_job",job_name="${t.dataflowJobName}"})` },
    {
      title: "Ingest requests/s by status class",
      promql: `sum by (response_code_class) (rate(run_googleapis_com:request_count{monitored_resource="cloud_run_revision",service_name="${t.ingestServiceName}"}[5m]))`,
    },
  ];
}

export function pipelineDashboard(stack: string, t: AlertTargets): Record<string, unknown> {
  const tiles = dashboardTiles(t);
  return {
    displayName: `Telemetry pipeline health (${stack})`,
    mosaicLayout: {
      columns: 12,
      tiles: tiles.map((tile, index) => ({
        xPos: (index % 2) * 6,
        yPos: Math.floor(index / 2) * 4,
        width: 6,
        height: 4,
        widget: { title: tile.title, xyChart: { dataSets: [{ timeSeriesQuery: { prometheusQuery: tile.promql }, plotType: "LINE" }] } },
      })),
    },
  };
}
