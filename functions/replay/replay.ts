/**
 * Seed 004's replay tool, for this pipeline: re-drive processing of a time window by re-sending the
 * RAW zone's records (exactly the bytes that reached the raw stream) to the raw stream, optionally only
 * some event tables/types. Processing then runs as for live traffic; records still within the dedup
 * window of their first pass are recognised as duplicates (replay what was lost or mis-processed, or
 * wait out the window when reprocessing everything).
 *
 * Records go out in PutRecords calls of ≤ 500 records / 5 MiB through functions/kinesis's writer, which
 * retries failed entries with backoff; whatever still fails is counted and reported, never dropped
 * silently. `dryRun` reads and filters everything but sends nothing.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import { putRecordsReliably, type PutRecordsClient, type RetryOptions, type StreamRecord } from "../kinesis";
import { MAX_RECORDS_PER_PUT } from "../kinesis/limits";
import { listKeys, objectLines } from "./raw-objects";
import { lineFilter } from "./replay-filter";
import { hourPartitionPrefixes, type ReplayWindow } from "./replay-window";

export interface ReplayRequest {
  bucket: string;
  /** RAW data prefix, `raw/` in this pipeline's lake. */
  rawPrefix: string;
  /** Raw stream name or ARN. */
  stream: string;
  window: ReplayWindow;
  tables?: string[];
  dryRun: boolean;
}

export interface ReplaySummary {
  partitions: number;
  objects: number;
  lines: number;
  sent: number;
  failed: number;
  skipped: { table: number; time: number; unreadable: number };
  putRecordsCalls: number;
  /** First few final failures: object key, line number, error. */
  failures: Array<{ key: string; line: number; errorCode: string; errorMessage: string }>;
}

export interface ReplayDeps {
  s3: S3Client;
  kinesis: PutRecordsClient;
  retry?: Partial<RetryOptions>;
  /** Progress lines (one per object); silent when absent. */
  log?: (message: string) => void;
}

const MAX_REPORTED_FAILURES = 20;

export async function replay(deps: ReplayDeps, request: ReplayRequest): Promise<ReplaySummary> {
  const keep = lineFilter(request.window, request.tables);
  const prefixes = hourPartitionPrefixes(request.rawPrefix, request.window);
  const summary: ReplaySummary = { partitions: prefixes.length, objects: 0, lines: 0, sent: 0, failed: 0, skipped: { table: 0, time: 0, unreadable: 0 }, putRecordsCalls: 0, failures: [] };

  let batch: StreamRecord[] = [];
  let origins: Array<{ key: string; line: number }> = [];
  const flush = async () => {
    if (batch.length === 0) return;
    if (!request.dryRun) {
      const outcome = await putRecordsReliably(deps.kinesis, request.stream, batch, deps.retry);
      summary.putRecordsCalls += outcome.calls;
      summary.failed += outcome.failed.length;
      summary.sent += batch.length - outcome.failed.length;
      for (const failure of outcome.failed.slice(0, MAX_REPORTED_FAILURES - summary.failures.length)) {
        summary.failures.push({ ...origins[failure.index], errorCode: failure.errorCode, errorMessage: failure.errorMessage });
      }
    } else {
      summary.sent += batch.length;
    }
    batch = [];
    origins = [];
  };

  for (const prefix of prefixes) {
    for (const key of await listKeys(deps.s3, request.bucket, prefix)) {
      summary.objects++;
      let lineNumber = 0;
      for await (const line of objectLines(deps.s3, request.bucket, key)) {
        lineNumber++;
        summary.lines++;
        const verdict = keep(line);
        if (!verdict.send) {
          summary.skipped[verdict.skipped]++;
          continue;
        }
        batch.push({ data: line, partitionKey: verdict.partitionKey });
        origins.push({ key, line: lineNumber });
        if (batch.length === MAX_RECORDS_PER_PUT) await flush();
      }
      deps.log?.(`${request.dryRun ? "[dry run] " : ""}${key}: ${lineNumber} lines`);
    }
  }
  await flush();
  return summary;
}
