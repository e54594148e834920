/**
 * Streams one Athena result CSV from S3 into the fast-access table: header check, row → item mapping,
 * batched writes. Rows that cannot become items are counted and sampled; the export then fails (after
 * writing the good rows) so the state machine's catch path alerts with the samples.
 */
import { GetObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { StringDecoder } from "node:string_decoder";
import { CsvRowParser, type CsvField } from "./athena-csv";
import { BatchWriter, type BatchWriterOptions } from "./batch-writer";
import type { ExportRequest } from "./exporter-config";
import { checkHeader, rowToItem } from "./player-daily-item";

export const REJECTED_SAMPLE_SIZE = 5;

export interface ExportReport {
  runDate: string;
  rows: number;
  written: number;
  requests: number;
  retries: number;
  rejected: number;
  rejectedSamples: Array<{ line: number; reason: string }>;
}

export class RejectedRowsError extends Error {
  constructor(public readonly report: ExportReport) {
    super(`${report.rejected} of ${report.rows} player-daily row(s) could not be written, e.g. ${report.rejectedSamples.map((s) => `line ${s.line}: ${s.reason}`).join("; ")}`);
    this.name = "RejectedRowsError";
  }
}

export interface ExportDeps {
  s3: S3Client;
  dynamo: DynamoDBClient;
}

async function* resultChunks(s3: S3Client, bucket: string, key: string): AsyncGenerator<string> {
  const response = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!response.Body) throw new Error(`s3://${bucket}/${key} returned no body`);
  const decoder = new StringDecoder("utf8"); // a multi-byte character may span two chunks
  for await (const chunk of response.Body as AsyncIterable<Uint8Array>) yield decoder.write(Buffer.from(chunk));
  const rest = decoder.end();
  if (rest) yield rest;
}

export async function exportPlayerDaily(deps: ExportDeps, request: ExportRequest, tableName: string, ttlDays: number, writer: Partial<BatchWriterOptions> = {}): Promise<ExportReport> {
  const parser = new CsvRowParser();
  const batches = new BatchWriter(deps.dynamo, tableName, writer);
  const report: ExportReport = { runDate: request.runDate, rows: 0, written: 0, requests: 0, retries: 0, rejected: 0, rejectedSamples: [] };
  const context = { runDate: request.runDate, runId: request.runId, ttlDays };
  let line = 0;
  let header: CsvField[] | undefined;
  const take = async (rows: CsvField[][]) => {
    for (const row of rows) {
      line++;
      if (!header) {
        checkHeader(row);
        header = row;
        continue;
      }
      report.rows++;
      const outcome = rowToItem(row, context);
      if ("item" in outcome) await batches.add(outcome.item);
      else {
        report.rejected++;
        if (report.rejectedSamples.length < REJECTED_SAMPLE_SIZE) report.rejectedSamples.push({ line, reason: outcome.rejected });
      }
    }
  };
  for await (const chunk of resultChunks(deps.s3, request.result.bucket, request.result.key)) await take(parser.push(chunk));
  await take(parser.end());
  await batches.close();
  if (!header) throw new Error(`s3://${request.result.bucket}/${request.result.key} is empty: no header row`);
  Object.assign(report, { written: batches.stats.written, requests: batches.stats.requests, retries: batches.stats.retries });
  if (report.rejected > 0) throw new RejectedRowsError(report);
  return report;
}
