/**
 * Warehouse loader Lambda (seed 004), invoked by an EventBridge schedule whose constant input may name
 * the tables to load (`{"tables":["a","b"]}`; none = all configured tables). Tables load in parallel;
 * one table's failure does not stop the others, but the invocation fails afterwards so the Lambda
 * error alarm fires and EventBridge's retry policy applies.
 */
import { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { S3Client } from "@aws-sdk/client-s3";
import { randomUUID } from "node:crypto";
import { HeaderCache } from "./header-fingerprint";
import { loadTable, type LoaderDeps, type TableReport } from "./load-table";
import { loaderConfigFromEnv, tablesForInvocation, type LoaderConfig } from "./loader-config";

export interface LoaderResult {
  runId: string;
  loaded: TableReport[];
  failed: Array<{ table: string; error: string }>;
}

export async function runLoader(deps: LoaderDeps, config: LoaderConfig, event: unknown, runId: string): Promise<LoaderResult> {
  const tables = tablesForInvocation(config, event);
  const settled = await Promise.allSettled(tables.map((spec) => loadTable(deps, config, spec, runId)));
  const result: LoaderResult = { runId, loaded: [], failed: [] };
  settled.forEach((outcome, i) => {
    if (outcome.status === "fulfilled") result.loaded.push(outcome.value);
    else result.failed.push({ table: tables[i].table, error: outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason) });
  });
  return result;
}

// Module scope: reused across warm invocations (clients' connections and the header cache).
let deps: LoaderDeps | undefined;

export async function handler(event: unknown): Promise<LoaderResult> {
  const config = loaderConfigFromEnv(process.env);
  deps ??= { s3: new S3Client({}), redshift: new RedshiftDataClient({}), headers: new HeaderCache() };
  const result = await runLoader(deps, config, event, randomUUID());
  console.log(JSON.stringify({ message: "warehouse load finished", ...result }));
  if (result.failed.length > 0) {
    throw new Error(`warehouse load failed for ${result.failed.map((f) => `${f.table} (${f.error})`).join("; ")}`);
  }
  return result;
}
