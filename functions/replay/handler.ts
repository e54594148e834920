/**
 * Replay as a Lambda (seed 004 runs its replay tool as a function): invoke with
 * {"from":"2026-11-22T00:00:00Z","to":"2026-11-22T06:00:00Z","tables":"a,b","dryRun":false}.
 * Environment: RAW_BUCKET, RAW_PREFIX (default raw/), RAW_STREAM (name or ARN).
 * Fails the invocation when any record could not be re-sent, after sending all the others.
 */
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { replay, type ReplayDeps, type ReplaySummary } from "./replay";
import { tableList } from "./replay-filter";
import { replayWindow } from "./replay-window";

export interface ReplayEvent {
  from: string;
  to: string;
  tables?: string | string[];
  dryRun?: boolean;
}

function requiredEnv(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
}

export async function runReplayEvent(deps: ReplayDeps, env: Record<string, string | undefined>, event: ReplayEvent): Promise<ReplaySummary> {
  if (typeof event?.from !== "string" || typeof event?.to !== "string") {
    throw new Error(`replay event needs "from" and "to" ISO-8601 strings; got ${JSON.stringify(event)}`);
  }
  return replay(deps, {
    bucket: requiredEnv(env, "RAW_BUCKET"),
    rawPrefix: env.RAW_PREFIX ?? "raw/",
    stream: requiredEnv(env, "RAW_STREAM"),
    window: replayWindow(event.from, event.to),
    tables: tableList(event.tables),
    dryRun: event.dryRun === true,
  });
}

let deps: ReplayDeps | undefined;

export async function handler(event: ReplayEvent): Promise<ReplaySummary> {
  deps ??= { s3: new S3Client({}), kinesis: new KinesisClient({}) };
  const summary = await runReplayEvent(deps, process.env, event);
  console.log(JSON.stringify({ message: "replay finished", ...summary }));
  if (summary.failed > 0) throw new Error(`replay could not re-send ${summary.failed} record(s); first: ${JSON.stringify(summary.failures[0])}`);
  return summary;
}
