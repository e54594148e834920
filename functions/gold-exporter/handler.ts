/**
 * GOLD exporter Lambda, invoked by the GOLD state machine after its player-daily SELECT: copies that
 * day's per-player aggregates from the Athena result CSV into the DynamoDB fast-access table, for
 * internal services that need one player's recent days by key. Input:
 * `{"run_date":"YYYY-MM-DD","run_id":"<execution name>","result_location":"s3://…/<query id>.csv"}`.
 * Re-running a day rewrites the same keys (idempotent).
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { S3Client } from "@aws-sdk/client-s3";
import { exportPlayerDaily, type ExportDeps, type ExportReport } from "./export-player-daily";
import { exporterConfigFromEnv, exportRequestFromEvent } from "./exporter-config";

// Module scope: clients reused across warm invocations.
let deps: ExportDeps | undefined;

export async function handler(event: unknown): Promise<ExportReport> {
  const config = exporterConfigFromEnv(process.env);
  const request = exportRequestFromEvent(event, config);
  deps ??= { s3: new S3Client({}), dynamo: new DynamoDBClient({}) };
  const report = await exportPlayerDaily(deps, request, config.tableName, config.ttlDays, { concurrency: config.writeConcurrency });
  console.log(JSON.stringify({ message: "player-daily export finished", table: config.tableName, ...report }));
  return report;
}
