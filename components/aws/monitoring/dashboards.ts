/**
 * The two CloudWatch dashboards of seed 000 as body JSON (pure): streaming operations (is data
 * flowing, is anything behind or failing) and analytics (what the data says, what querying costs).
 */
import { PIPELINE_METRIC_DIMENSIONS, PIPELINE_METRIC_NAMESPACE, PIPELINE_METRICS } from "../../../functions/metrics/pipeline-metrics";

export interface ResolvedNamed {
  role: string;
  name: string;
}

/** MonitoringHandles with every name resolved to a string. */
export interface DashboardInputs {
  region: string;
  api?: { apiName: string; stageName: string };
  streams: ResolvedNamed[];
  /** Absent in the heavy tier (Managed Flink processes). */
  processor?: ResolvedNamed;
  deliveryStreams: ResolvedNamed[];
  tables: ResolvedNamed[];
  failureQueues: ResolvedNamed[];
  athenaWorkgroup?: string;
  /** Variant-specific operations widgets (type + properties; laid out after the common ones). */
  extraOperationsWidgets?: Array<Record<string, unknown>>;
}

type Metric = Array<string | Record<string, unknown>>;

interface Widget {
  type: "metric" | "text";
  x: number;
  y: number;
  width: number;
  height: number;
  properties: Record<string, unknown>;
}

const WIDTH = 12;
const HEIGHT = 6;

/** Lays widgets out two per row. */
function grid(widgets: Array<Omit<Widget, "x" | "y" | "width" | "height">>): Widget[] {
  return widgets.map((w, i) => ({ ...w, x: (i % 2) * WIDTH, y: Math.floor(i / 2) * HEIGHT, width: WIDTH, height: HEIGHT }));
}

function metricWidget(title: string, region: string, metrics: Metric[], extra: Record<string, unknown> = {}) {
  return { type: "metric" as const, properties: { title, region, metrics, view: "timeSeries", stacked: false, period: 60, ...extra } };
}

export function operationsDashboardBody(inputs: DashboardInputs): { widgets: Widget[] } {
  const { region } = inputs;
  const widgets = [];
  if (inputs.api) {
    const d = ["ApiName", inputs.api.apiName, "Stage", inputs.api.stageName];
    widgets.push(
      metricWidget("API requests and errors", region, [["AWS/ApiGateway", "Count", ...d, { stat: "Sum" }], ["AWS/ApiGateway", "4XXError", ...d, { stat: "Sum" }], ["AWS/ApiGateway", "5XXError", ...d, { stat: "Sum" }]]),
      metricWidget("API integration latency", region, [["AWS/ApiGateway", "IntegrationLatency", ...d, { stat: "p50" }], ["AWS/ApiGateway", "IntegrationLatency", ...d, { stat: "p99" }]]),
    );
  }
  if (inputs.streams.length) {
    widgets.push(
      metricWidget("Stream incoming records", region, inputs.streams.map((s) => ["AWS/Kinesis", "IncomingRecords", "StreamName", s.name, { stat: "Sum", label: s.role }])),
      metricWidget(
        "Stream write throttling",
        region,
        inputs.streams.map((s) => ["AWS/Kinesis", "WriteProvisionedThroughputExceeded", "StreamName", s.name, { stat: "Sum", label: s.role }]),
      ),
    );
  }
  const processor = inputs.processor;
  if (processor) {
    const fn = ["FunctionName", processor.name];
    widgets.push(
      metricWidget("Processor iterator age (ms)", region, [["AWS/Lambda", "IteratorAge", ...fn, { stat: "Maximum" }]]),
      metricWidget("Processor invocations, errors, throttles", region, [
        ["AWS/Lambda", "Invocations", ...fn, { stat: "Sum" }],
        ["AWS/Lambda", "Errors", ...fn, { stat: "Sum" }],
        ["AWS/Lambda", "Throttles", ...fn, { stat: "Sum" }],
      ]),
      metricWidget("Processor batch latency (ms)", region, [
        [PIPELINE_METRIC_NAMESPACE, PIPELINE_METRICS.batchLatency, PIPELINE_METRIC_DIMENSIONS.function, processor.name, { stat: "p99" }],
      ]),
      metricWidget("Records failed / redelivered", region, [
        [PIPELINE_METRIC_NAMESPACE, PIPELINE_METRICS.failed, PIPELINE_METRIC_DIMENSIONS.function, processor.name, { stat: "Sum" }],
        [PIPELINE_METRIC_NAMESPACE, PIPELINE_METRICS.redelivered, PIPELINE_METRIC_DIMENSIONS.function, processor.name, { stat: "Sum" }],
      ]),
    );
  }
  if (inputs.deliveryStreams.length) {
    widgets.push(
      metricWidget(
        "Lake delivery freshness (s)",
        region,
        inputs.deliveryStreams.map((f) => ["AWS/Firehose", "DeliveryToS3.DataFreshness", "DeliveryStreamName", f.name, { stat: "Maximum", label: f.role }]),
      ),
    );
  }
  if (inputs.tables.length) {
    widgets.push(
      metricWidget(
        "DynamoDB throttle events",
        region,
        inputs.tables.flatMap((t) => [
          ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", t.name, { stat: "Sum", label: `${t.role} reads` }],
          ["AWS/DynamoDB", "WriteThrottleEvents", "TableName", t.name, { stat: "Sum", label: `${t.role} writes` }],
        ]),
      ),
    );
  }
  if (inputs.failureQueues.length) {
    widgets.push(
      metricWidget(
        "On-failure queue depth",
        region,
        inputs.failureQueues.map((q) => ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", q.name, { stat: "Maximum", label: q.role }]),
      ),
    );
  }
  return { widgets: grid([...widgets, ...((inputs.extraOperationsWidgets ?? []) as typeof widgets)]) };
}

export function analyticsDashboardBody(inputs: DashboardInputs): { widgets: Widget[] } {
  const { region } = inputs;
  const widgets: Array<ReturnType<typeof metricWidget>> = [];
  const processor = inputs.processor;
  if (processor) {
    const p = (metric: string, label: string): Metric => [PIPELINE_METRIC_NAMESPACE, metric, PIPELINE_METRIC_DIMENSIONS.function, processor.name, { stat: "Sum", label }];
    widgets.push(
      metricWidget("Events: received, clean, duplicate, dead-letter", region, [
        p(PIPELINE_METRICS.received, "received"),
        p(PIPELINE_METRICS.clean, "clean"),
        p(PIPELINE_METRICS.duplicate, "duplicate"),
        p(PIPELINE_METRICS.deadLetter, "dead-letter"),
      ], { period: 300 }),
      metricWidget("Dead letters by reason", region, [
        [{ expression: `SEARCH('{${PIPELINE_METRIC_NAMESPACE},${PIPELINE_METRIC_DIMENSIONS.function},${PIPELINE_METRIC_DIMENSIONS.reason}} MetricName="${PIPELINE_METRICS.deadLetter}" ${PIPELINE_METRIC_DIMENSIONS.function}="${processor.name}"', 'Sum', 300)`, id: "reasons", label: "" }],
      ], { period: 300 }),
      metricWidget("Duplicate share (%)", region, [
        [{ expression: "IF(received > 0, 100 * duplicate / received, 0)", id: "share", label: "duplicates %" }],
        [...p(PIPELINE_METRICS.received, "received").slice(0, 4), { stat: "Sum", id: "received", visible: false }],
        [...p(PIPELINE_METRICS.duplicate, "duplicate").slice(0, 4), { stat: "Sum", id: "duplicate", visible: false }],
      ], { period: 300 }),
    );
  }
  if (inputs.deliveryStreams.length) {
    widgets.push(
      metricWidget("Bytes delivered to the lake", region, inputs.deliveryStreams.map((f) => ["AWS/Firehose", "DeliveryToS3.Bytes", "DeliveryStreamName", f.name, { stat: "Sum", label: f.role }]), { period: 300 }),
    );
  }
  if (inputs.athenaWorkgroup) {
    widgets.push(
      metricWidget("Athena data scanned per query (bytes)", region, [["AWS/Athena", "ProcessedBytes", "WorkGroup", inputs.athenaWorkgroup, { stat: "Sum" }]], { period: 3600 }),
    );
  }
  return { widgets: grid(widgets) };
}

/** Console URL of a dashboard. */
export function dashboardUrl(region: string, name: string): string {
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${region}#dashboards:name=${name}`;
}
