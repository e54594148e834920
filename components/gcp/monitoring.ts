/** Alert policies for alert-rules.ts, an e-mail notification channel from `telemetry:alerts.email`, and a dashboard. */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../config";
import type { Names } from "../naming";
import { alertRules, type AlertRule, type AlertTargets } from "./alert-rules";
import { pipelineDashboard } from "./dashboard";

export interface GcpMonitoringArgs {
  names: Names;
  alerts: TelemetryConfig["alerts"];
  labels: Record<string, string>;
  targets: pulumi.Input<AlertTargets>;
}

function conditionOf(rule: AlertRule): gcp.types.input.monitoring.AlertPolicyCondition {
  const c = rule.condition;
  switch (c.kind) {
    case "threshold":
      return {
        displayName: rule.displayName,
        conditionThreshold: {
          filter: c.filter,
          comparison: "COMPARISON_GT",
          thresholdValue: c.threshold,
          duration: c.duration,
          aggregations: [{ alignmentPeriod: "60s", perSeriesAligner: c.aligner }],
        },
      };
    case "promql":
      return { displayName: rule.displayName, conditionPrometheusQueryLanguage: { query: c.query, duration: c.duration, evaluationInterval: "60s" } };
    case "absent":
      return { displayName: rule.displayName, conditionAbsent: { filter: c.filter, duration: c.duration, aggregations: [{ alignmentPeriod: "300s", perSeriesAligner: "ALIGN_SUM" }] } };
  }
}

export class GcpMonitoring extends pulumi.ComponentResource {
  public readonly channel?: gcp.monitoring.NotificationChannel;
  public readonly policies: gcp.monitoring.AlertPolicy[];
  public readonly dashboard: gcp.monitoring.Dashboard;
  /** The notification channel's resource name, or a note that none is configured. */
  public readonly alertDestination: pulumi.Output<string>;

  constructor(name: string, args: GcpMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:gcp:Monitoring", name, {}, opts);
    if (args.alerts.email) {
      this.channel = new gcp.monitoring.NotificationChannel(
        `${name}-email`,
        { displayName: args.names.resource("alerts-email", 100), type: "email", labels: { email_address: args.alerts.email }, userLabels: args.labels },
        { parent: this },
      );
    }
    const channels = this.channel ? [this.channel.name] : [];
    const rules = pulumi.output(args.targets).apply((targets) => alertRules(args.alerts, targets));
    // The rule list's shape (roles) does not depend on outputs, so resources can be declared per role.
    const roles = alertRules(args.alerts, { subscriptionName: "x", dataflowJobName: "", datasetId: "", landingTable: "", deadLetterTable: "", ingestServiceName: "" }).map((r) => r.role);
    this.policies = roles.map((role) => {
      const rule = rules.apply((all) => all.find((r) => r.role === role)!);
      return new gcp.monitoring.AlertPolicy(
        `${name}-${role}`,
        {
          displayName: rule.apply((r) => `${args.names.stack}: ${r.displayName}`),
          combiner: "OR",
          severity: rule.apply((r) => r.severity),
          conditions: [rule.apply(conditionOf)],
          notificationChannels: channels,
          documentation: { content: rule.apply((r) => r.documentation), mimeType: "text/markdown" },
          alertStrategy: { autoClose: "86400s" },
          userLabels: args.labels,
        },
        { parent: this },
      );
    });
    this.dashboard = new gcp.monitoring.Dashboard(
      `${name}-dashboard`,
      { dashboardJson: pulumi.output(args.targets).apply((t) => JSON.stringify(pipelineDashboard(args.names.stack, t))) },
      { parent: this },
    );
    this.alertDestination = this.channel ? this.channel.name : pulumi.output("none (set telemetry:alerts.email)");
    this.registerOutputs({ alertDestination: this.alertDestination, dashboard: this.dashboard.id });
  }
}
