import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSync } from "esbuild";
import { benchEventBytes } from "./bench-events";

export interface BatchRss {
  peakRssMiB: number;
  /** RSS of the bare child before the batch (Node itself). */
  startRssMiB: number;
  /** Peak after the Lambda-side input work: parsing the Kinesis event JSON and base64-decoding the records. */
  afterInputMiB: number;
  /** Peak after processBatch + crossBatchDedup (before serialising the output). */
  afterCoreMiB: number;
}

/** The Kinesis event a Lambda receives for `records` bench events (data base64-encoded). */
function kinesisEventJson(records: number): string {
  return JSON.stringify({
    Records: benchEventBytes(records).map((bytes, i) => ({
      kinesis: { kinesisSchemaVersion: "1.0", partitionKey: `p${i}`, sequenceNumber: String(49_600_000_000_000_000n + BigInt(i)), data: Buffer.from(bytes).toString("base64"), approximateArrivalTimestamp: 1_795_327_200 },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: `shardId-000000000000:${49_600_000_000_000_000n + BigInt(i)}`,
      eventName: "aws:kinesis:record",
      invokeIdentityArn: "arn:aws:iam::123456789012:role/bench-processor",
      awsRegion: "us-east-1",
      eventSourceARN: "arn:aws:kinesis:us-east-1:123456789012:stream/bench-client-game_event-raw",
    })),
  });
}

/**
 * Peak RSS of one processor batch, isolated in its own process: the child is bundled with esbuild
 * first and its input written to a file, so neither the bench's own heap, the input generation nor a
 * TypeScript loader is counted.
 */
export function measureBatchRss(records: number, mode: "whole" | "chunked"): BatchRss {
  const dir = mkdtempSync(join(tmpdir(), "core-bench-"));
  try {
    const outfile = join(dir, "batch-rss-child.js");
    const eventFile = join(dir, "kinesis-event.json");
    buildSync({ entryPoints: [join(__dirname, "batch-rss-child.ts")], bundle: true, platform: "node", target: "node20", outfile, logLevel: "error" });
    writeFileSync(eventFile, kinesisEventJson(records));
    const child = spawnSync(process.execPath, [outfile, eventFile, mode], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`batch RSS child failed (exit ${child.status}): ${child.stderr}`);
    return JSON.parse(child.stdout.trim()) as BatchRss;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
