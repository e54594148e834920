/**
 * Kafka alarms and dashboard widgets of the aws-msk variant as data (pure), in the shape of the
 * common AlarmSpec so the same code turns them into CloudWatch alarms on the alert topic.
 *
 * Lag thresholds are derived from `alerts.iteratorAgeSeconds` (the "falls this far behind" budget):
 *   SumOffsetLag (whole topic)   > peak events/s × iteratorAgeSeconds
 *   MaxOffsetLag (worst partition) > peak events/s ÷ partitions × iteratorAgeSeconds
 * i.e. the backlog the consumer would hold after that many seconds without progress at peak.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../config";
import type { AlarmSpec, MetricRef } from "./monitoring/alarm-specs";
import { ALARM_EVALUATION_PERIODS } from "./monitoring/alarm-specs";
import type { MskSizing } from "./msk-sizing";

/** AWS's guidance: keep broker CPU (user + system) under 60 % so a broker can take over a failed peer's load. */
export const BROKER_CPU_PERCENT = 60;
/** Alarm before a broker's data disk fills (MSK stops accepting writes at 100 %). */
export const BROKER_DISK_PERCENT = 80;

export interface KafkaMonitoringInputs {
  clusterName: pulumi.Input<string>;
  sizing: MskSizing;
  config: Pick<TelemetryConfig, "load" | "alerts">;
  /** Consumer groups to watch with the topic each reads. */
  consumers: Array<{ role: string; group: pulumi.Input<string>; topic: pulumi.Input<string>; partitions: number }>;
  connectorName?: pulumi.Input<string>;
}

const spec = (s: Omit<AlarmSpec, "evaluationPeriods" | "datapointsToAlarm" | "treatMissingData"> & Partial<AlarmSpec>): AlarmSpec => ({
  treatMissingData: "notBreaching",
  evaluationPeriods: ALARM_EVALUATION_PERIODS,
  datapointsToAlarm: ALARM_EVALUATION_PERIODS,
  ...s,
});

export function lagThresholds(config: KafkaMonitoringInputs["config"], partitions: number): { sum: number; max: number } {
  const budget = config.load.peakEventsPerSecond * config.alerts.iteratorAgeSeconds;
  return { sum: budget, max: Math.ceil(budget / partitions) };
}

export function kafkaAlarmSpecs(inputs: KafkaMonitoringInputs): AlarmSpec[] {
  const specs: AlarmSpec[] = [];
  const kafka = (metricName: string, dimensions: Record<string, pulumi.Input<string>>, stat = "Maximum"): MetricRef => ({
    namespace: "AWS/Kafka",
    metricName,
    dimensions: { "Cluster Name": inputs.clusterName, ...dimensions },
    stat,
  });
  for (const consumer of inputs.consumers) {
    const dims = { "Consumer Group": consumer.group, Topic: consumer.topic };
    const limits = lagThresholds(inputs.config, consumer.partitions);
    specs.push(
      spec({
        id: `${consumer.role}-sum-offset-lag`,
        description: `${consumer.role}: total consumer lag on its topic above ${limits.sum} records (${inputs.config.alerts.iteratorAgeSeconds} s of peak traffic)`,
        comparison: "GreaterThanThreshold",
        threshold: limits.sum,
        metric: kafka("SumOffsetLag", dims),
      }),
      spec({
        id: `${consumer.role}-max-offset-lag`,
        description: `${consumer.role}: one partition's consumer lag above ${limits.max} records (a stuck partition)`,
        comparison: "GreaterThanThreshold",
        threshold: limits.max,
        metric: kafka("MaxOffsetLag", dims),
      }),
    );
  }
  const brokers = inputs.sizing.provisioned?.brokers ?? 0;
  for (let id = 1; id <= brokers; id++) {
    const broker = { "Broker ID": String(id) };
    specs.push(
      spec({
        id: `broker-${id}-disk`,
        description: `broker ${id}: data disk above ${BROKER_DISK_PERCENT} % (grow msk.brokerStorageGiB or shorten retention)`,
        comparison: "GreaterThanThreshold",
        threshold: BROKER_DISK_PERCENT,
        metric: kafka("KafkaDataLogsDiskUsed", broker),
      }),
      spec({
        id: `broker-${id}-cpu`,
        description: `broker ${id}: CPU (user + system) above ${BROKER_CPU_PERCENT} %`,
        comparison: "GreaterThanThreshold",
        threshold: BROKER_CPU_PERCENT,
        math: { expression: "user + system", label: "CPU user + system (%)", inputs: { user: kafka("CpuUser", broker, "Average"), system: kafka("CpuSystem", broker, "Average") } },
      }),
    );
  }
  if (inputs.connectorName !== undefined) {
    specs.push(
      spec({
        id: "connector-errored-tasks",
        description: "MSK Connect S3 sink: a task failed (raw data is not reaching the lake)",
        comparison: "GreaterThanThreshold",
        threshold: 0,
        metric: { namespace: "AWS/KafkaConnect", metricName: "ErroredTaskCount", dimensions: { ConnectorName: inputs.connectorName }, stat: "Maximum" },
        evaluationPeriods: 1,
        datapointsToAlarm: 1,
      }),
    );
  }
  return specs;
}

/** Kafka widgets for the operations dashboard (no x/y: the dashboard lays them out): lag, broker disk and CPU, bytes in, connector health. */
export function kafkaWidgets(resolved: {
  region: string;
  clusterName: string;
  brokers: number;
  consumers: Array<{ role: string; group: string; topic: string }>;
  connectorName?: string;
}): Array<Record<string, unknown>> {
  const widget = (title: string, metrics: unknown[][]) => ({
    type: "metric",
    width: 12,
    height: 6,
    properties: { title, region: resolved.region, metrics, stat: "Maximum", period: 60, view: "timeSeries" },
  });
  const cluster = ["Cluster Name", resolved.clusterName];
  const widgets: Array<Record<string, unknown>> = [
    widget(
      "Consumer lag (records)",
      resolved.consumers.flatMap((c) => [
        ["AWS/Kafka", "SumOffsetLag", ...cluster, "Consumer Group", c.group, "Topic", c.topic, { label: `${c.role} sum` }],
        ["AWS/Kafka", "MaxOffsetLag", ...cluster, "Consumer Group", c.group, "Topic", c.topic, { label: `${c.role} max partition` }],
      ])
    ),
    widget(
      "Estimated time lag (s)",
      resolved.consumers.map((c) => ["AWS/Kafka", "EstimatedMaxTimeLag", ...cluster, "Consumer Group", c.group, "Topic", c.topic, { label: c.role }])
    ),
  ];
  if (resolved.brokers > 0) {
    const ids = Array.from({ length: resolved.brokers }, (_, i) => String(i + 1));
    widgets.push(
      widget("Broker data disk used (%)", ids.map((id) => ["AWS/Kafka", "KafkaDataLogsDiskUsed", ...cluster, "Broker ID", id])),
      widget("Broker CPU user (%)", ids.map((id) => ["AWS/Kafka", "CpuUser", ...cluster, "Broker ID", id])),
      widget("Bytes in per broker", ids.map((id) => ["AWS/Kafka", "BytesInPerSec", ...cluster, "Broker ID", id])),
    );
  }
  if (resolved.connectorName) {
    widgets.push(
      widget(
        "S3 sink connector",
        [
          ["AWS/KafkaConnect", "ErroredTaskCount", "ConnectorName", resolved.connectorName],
          ["AWS/KafkaConnect", "RunningTaskCount", "ConnectorName", resolved.connectorName],
          ["AWS/KafkaConnect", "WorkerCount", "ConnectorName", resolved.connectorName],
        ],
      ),
    );
  }
  return widgets;
}

/** `kafkaWidgets` for a region known only at deploy time: one Input per widget (their number is static). */
export function kafkaWidgetInputs(region: pulumi.Output<string>, rest: Omit<Parameters<typeof kafkaWidgets>[0], "region">): pulumi.Output<Record<string, unknown>>[] {
  const count = kafkaWidgets({ ...rest, region: "" }).length;
  return Array.from({ length: count }, (_, i) => region.apply((r) => kafkaWidgets({ ...rest, region: r })[i]));
}
