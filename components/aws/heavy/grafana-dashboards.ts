/**
 * The Grafana dashboards kept as JSON in the repo (`dashboards/grafana/*.json`: streaming operations,
 * business analytics). The AWS provider cannot create Grafana dashboards (they live in Grafana's own
 * API), so the heavy tier uploads them to the artifacts bucket next to the deployment that matches
 * them; docs/heavy-tier-aws.md shows how to import them into the workspace.
 */
import { existsSync, readdirSync } from "node:fs";
import * as path from "node:path";

export const GRAFANA_DASHBOARD_DIR = path.resolve(__dirname, "..", "..", "..", "dashboards", "grafana");
export const GRAFANA_DASHBOARD_PREFIX = "grafana/dashboards/";

export interface DashboardFile {
  /** File name, e.g. `streaming-operations.json`. */
  name: string;
  path: string;
  /** Object key in the artifacts bucket. */
  key: string;
}

/** Every `*.json` in the folder, sorted; an error naming the folder when there is none. */
export function grafanaDashboardFiles(directory = GRAFANA_DASHBOARD_DIR): DashboardFile[] {
  const files = existsSync(directory) ? readdirSync(directory).filter((f) => f.endsWith(".json")).sort() : [];
  if (files.length === 0) throw new Error(`telemetry:heavy.grafana.enabled needs the dashboards in ${directory}/*.json, found none`);
  return files.map((name) => ({ name, path: path.join(directory, name), key: `${GRAFANA_DASHBOARD_PREFIX}${name}` }));
}
