/**
 * HeavyMonitoring: the heavy tier's alarms (to the alert topic) and, with
 * `telemetry:heavy.grafana.enabled`, Amazon Managed Service for Prometheus + an Amazon Managed Grafana
 * workspace (authentication provider from config, service-managed permissions, CloudWatch /
 * Prometheus / Athena / Redshift data sources, SNS notifications) with the repo's dashboard JSON
 * uploaded beside the deployment for import.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { GRAFANA_AUTH_PROVIDERS } from "../../config-heavy";
import { checkName } from "../limits";
import { createLogGroup } from "../log-group";
import { type AlarmSpec, type Thresholds } from "../monitoring/alarm-specs";
import { createMetricAlarm } from "../monitoring/metric-alarm";
import { grafanaDashboardFiles } from "./grafana-dashboards";
import { heavyAlarmSpecs, type HeavyAlarmTargets } from "./heavy-alarm-specs";

export const GRAFANA_DATA_SOURCES = ["CLOUDWATCH", "PROMETHEUS", "ATHENA", "REDSHIFT"] as const;
export const GRAFANA_VERSION = "10.4";

export interface HeavyMonitoringArgs {
  alarmPrefix: string;
  targets: HeavyAlarmTargets;
  thresholds: Thresholds;
  alertTopicArn: pulumi.Input<string>;
  grafana: { enabled: boolean; authProvider: (typeof GRAFANA_AUTH_PROVIDERS)[number]; workspaceName: string; prometheusAlias: string };
  artifactsBucket: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  tags: Record<string, string>;
  /** Where the dashboard JSON lives (default: the repo's dashboards/grafana). */
  dashboardDirectory?: string;
}

export class HeavyMonitoring extends pulumi.ComponentResource {
  public readonly alarms: aws.cloudwatch.MetricAlarm[];
  public readonly grafana?: aws.grafana.Workspace;
  public readonly prometheus?: aws.amp.Workspace;
  public readonly dashboardUrls: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: HeavyMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
    const specs = heavyAlarmSpecs(args.targets, args.thresholds);
    const dashboards = args.grafana.enabled ? grafanaDashboardFiles(args.dashboardDirectory) : [];
    super("telemetry:aws:HeavyMonitoring", name, {}, opts);
    const child = { parent: this };
    this.alarms = specs.map((spec) => createMetricAlarm(name, spec, args, { parent: this }));

    if (args.grafana.enabled) {
      const ampLogs = createLogGroup(
        `${name}-prometheus-logs`,
        { logGroupName: `/aws/vendedlogs/prometheus/${args.grafana.prometheusAlias}`, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags },
        child,
      );
      this.prometheus = new aws.amp.Workspace(
        `${name}-prometheus`,
        { alias: args.grafana.prometheusAlias, kmsKeyArn: args.keyArn, loggingConfiguration: { logGroupArn: pulumi.interpolate`${ampLogs.arn}:*` }, tags: args.tags },
        child,
      );
      this.grafana = new aws.grafana.Workspace(
        `${name}-grafana`,
        {
          name: args.grafana.workspaceName,
          description: "Game telemetry: streaming operations and business analytics dashboards",
          accountAccessType: "CURRENT_ACCOUNT",
          authenticationProviders: [args.grafana.authProvider],
          permissionType: "SERVICE_MANAGED",
          dataSources: [...GRAFANA_DATA_SOURCES],
          notificationDestinations: ["SNS"],
          grafanaVersion: GRAFANA_VERSION,
          tags: args.tags,
        },
        child,
      );
      for (const file of dashboards) {
        new aws.s3.BucketObjectv2(
          `${name}-dashboard-${file.name.replace(/\.json$/, "")}`,
          { bucket: args.artifactsBucket, key: file.key, source: new pulumi.asset.FileAsset(file.path), contentType: "application/json", tags: args.tags },
          child,
        );
      }
      this.dashboardUrls.grafana = pulumi.interpolate`https://${this.grafana.endpoint}`;
    }
    this.registerOutputs({ alarms: this.alarms.map((a) => a.name), ...this.dashboardUrls });
  }
}
