/**
 * Monitoring: one CloudWatch alarm per AlarmSpec (notifying the alert topic on alarm and recovery)
 * and the streaming-operations and analytics dashboards. Takes handles, not components.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkName } from "../limits";
import { alarmSpecs, type AlarmSpec, type Thresholds } from "./alarm-specs";
import { createMetricAlarm } from "./metric-alarm";
import { analyticsDashboardBody, dashboardUrl, operationsDashboardBody, type DashboardInputs } from "./dashboards";
import type { MonitoringHandles } from "./handles";

export type { MonitoringHandles } from "./handles";

export interface MonitoringArgs {
  handles: MonitoringHandles;
  alertTopicArn: pulumi.Input<string>;
  thresholds: Thresholds;
  alarmPrefix: string;
  dashboardNames: { operations: string; analytics: string };
  region: pulumi.Input<string>;
  tags: Record<string, string>;
  /** Variant-specific alarms (e.g. Kafka lag, broker disk), created the same way. */
  extraAlarms?: AlarmSpec[];
  /** Variant-specific widgets appended to the operations dashboard (CloudWatch widget JSON without x/y). */
  extraOperationsWidgets?: pulumi.Input<Record<string, unknown>>[];
}

export class Monitoring extends pulumi.ComponentResource {
  public readonly alarms: aws.cloudwatch.MetricAlarm[];
  public readonly dashboards: { operations: aws.cloudwatch.Dashboard; analytics: aws.cloudwatch.Dashboard };
  public readonly dashboardUrls: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: MonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    const specs = alarmSpecs(args.handles, args.thresholds, args.extraAlarms);
    super("telemetry:aws:Monitoring", name, {}, opts);
    this.alarms = specs.map((spec) => createMetricAlarm(name, spec, args, { parent: this }));

    const inputs: pulumi.Output<DashboardInputs> = pulumi.output({
      extraOperationsWidgets: args.extraOperationsWidgets ?? [],
      region: args.region,
      api: args.handles.api,
      streams: args.handles.streams,
      processor: args.handles.processor,
      deliveryStreams: args.handles.deliveryStreams,
      tables: args.handles.tables,
      failureQueues: args.handles.failureQueues,
      athenaWorkgroup: args.handles.athenaWorkgroup,
    }) as pulumi.Output<DashboardInputs>;
    const dashboard = (kind: "operations" | "analytics", body: (i: DashboardInputs) => unknown) =>
      new aws.cloudwatch.Dashboard(
        `${name}-${kind}-dashboard`,
        { dashboardName: checkName("cloudwatchDashboard", args.dashboardNames[kind]), dashboardBody: inputs.apply((i) => JSON.stringify(body(i))) },
        { parent: this },
      );
    this.dashboards = { operations: dashboard("operations", operationsDashboardBody), analytics: dashboard("analytics", analyticsDashboardBody) };
    this.dashboardUrls = {
      operations: pulumi.output(args.region).apply((r) => dashboardUrl(r, args.dashboardNames.operations)),
      analytics: pulumi.output(args.region).apply((r) => dashboardUrl(r, args.dashboardNames.analytics)),
    };
    this.registerOutputs({ dashboards: this.dashboardUrls });
  }
}
