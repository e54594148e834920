/** HeavyMonitoring with Grafana on: Prometheus + Grafana workspaces and the dashboard JSON upload. */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { grafanaDashboardFiles, GRAFANA_DASHBOARD_PREFIX } from "../../components/aws/heavy/grafana-dashboards";
import { HeavyMonitoring } from "../../components/aws/heavy/heavy-monitoring";
import { parseTelemetryConfig } from "../../components/config";
import { runUnderMocks } from "../../scripts/plan/run-under-mocks";
import { ofType, one } from "../support/resources";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:tlm-prod-alerts";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/mrk-0123456789abcdef0123456789abcdef";

function dashboardDir(files: string[]): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), "heavy-dashboards-")), "grafana");
  mkdirSync(dir);
  for (const file of files) writeFileSync(path.join(dir, file), JSON.stringify({ title: file }));
  writeFileSync(path.join(dir, "README.txt"), "not a dashboard");
  return dir;
}

describe("heavy monitoring with Grafana", () => {
  const config = parseTelemetryConfig({ tier: "heavy", heavy: { grafana: { enabled: true, authProvider: "SAML" } } });

  it("creates Prometheus and a service-managed Grafana workspace with the configured sign-in, and uploads each dashboard", async () => {
    const directory = dashboardDir(["streaming-operations.json", "business-analytics.json"]);
    const { resources } = await runUnderMocks(() => {
      new HeavyMonitoring("mon", {
        alarmPrefix: "tlm-prod-heavy",
        targets: {
          flinkApplication: "tlm-prod-dedup",
          flinkSource: "kinesis",
          stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:tlm-prod-gold-batch",
          enrichment: { engine: "glue", jobName: "tlm-prod-enrich-silver" },
          loaderFunction: "tlm-prod-warehouse-loader",
        },
        thresholds: config.alerts,
        alertTopicArn: TOPIC,
        grafana: { ...config.heavy.grafana, workspaceName: "tlm-prod-grafana", prometheusAlias: "tlm-prod-prometheus" },
        artifactsBucket: "tlm-prod-artifacts-123456789012-us-east-1",
        keyArn: KEY,
        logRetentionDays: 90,
        tags: { stack: "prod" },
        dashboardDirectory: directory,
      });
    });
    const grafana = one(resources, "aws:grafana/workspace:Workspace");
    assert.deepEqual(grafana.inputs.authenticationProviders, ["SAML"]);
    assert.equal(grafana.inputs.permissionType, "SERVICE_MANAGED");
    assert.equal(grafana.inputs.accountAccessType, "CURRENT_ACCOUNT");
    assert.ok(grafana.inputs.dataSources.includes("PROMETHEUS") && grafana.inputs.dataSources.includes("CLOUDWATCH"));
    const prometheus = one(resources, "aws:amp/workspace:Workspace");
    assert.equal(prometheus.inputs.alias, "tlm-prod-prometheus");
    assert.equal(prometheus.inputs.loggingConfiguration.logGroupArn, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/prometheus/tlm-prod-prometheus:*");
    const uploads = ofType(resources, "aws:s3/bucketObjectv2:BucketObjectv2").map((o) => o.inputs.key).sort();
    assert.deepEqual(uploads, [`${GRAFANA_DASHBOARD_PREFIX}business-analytics.json`, `${GRAFANA_DASHBOARD_PREFIX}streaming-operations.json`]);
  });

  it("refuses Grafana without dashboard files, naming the folder", () => {
    const empty = dashboardDir([]);
    assert.throws(() => grafanaDashboardFiles(empty), new RegExp(`needs the dashboards in ${empty.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\*\\.json, found none`));
  });
});
