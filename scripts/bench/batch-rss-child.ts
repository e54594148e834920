/**
 * Run in a fresh Node process (bundled by measure-batch-rss.ts, so no TypeScript loader inflates it):
 * one 10,000-record processor batch the way the Lambda sees it — the runtime reads and parses the
 * Kinesis event JSON (base64 data), the handler decodes the records, runs processBatch +
 * crossBatchDedup and serialises the clean events for PutRecords in calls of 500 — then prints
 * {"peakRssMiB","startRssMiB","afterInputMiB","afterCoreMiB"} (peak RSS so far at each stage) on
 * stdout. argv: <kinesis-event.json> <whole|chunked>: "whole" runs the core over all records at once
 * and keeps every result until the output is written; "chunked" decodes and runs 500 records at a time
 * with a shared seenKeys set, writing and releasing each chunk's output before the next.
 */
import { readFileSync } from "node:fs";
import { InMemoryDedupStore, coreOptions, crossBatchDedup, processBatch, type CleanEvent, type RawRecord } from "../../functions/core";
import { BENCH_NOW_MS } from "./bench-events";

const PUT_RECORDS_MAX_ENTRIES = 500;
const MIB = 1024 * 1024;
/** Peak RSS of this process so far (maxRSS is in KiB). */
const peakMiB = (): number => process.resourceUsage().maxRSS / 1024;

interface KinesisEventRecord {
  kinesis: { data: string; sequenceNumber: string; partitionKey: string };
  eventSourceARN: string;
}

/** Serialises clean events into PutRecords payloads, one call's worth (500) at a time; returns the count. */
function writeClean(events: CleanEvent[]): number {
  let written = 0;
  for (let start = 0; start < events.length; start += PUT_RECORDS_MAX_ENTRIES) {
    const entries = events.slice(start, start + PUT_RECORDS_MAX_ENTRIES).map((c) => ({
      Data: Buffer.from(JSON.stringify(c.event)),
      PartitionKey: c.event.user_id,
    }));
    written += entries.filter((entry) => entry.Data.length > 0).length;
  }
  return written;
}

async function main(): Promise<void> {
  const startRssMiB = process.memoryUsage.rss() / MIB;
  const event = JSON.parse(readFileSync(process.argv[2], "utf8")) as { Records: KinesisEventRecord[] };
  const toRawRecord = (r: KinesisEventRecord): RawRecord => ({
    data: Buffer.from(r.kinesis.data, "base64"),
    source: { kind: "kinesis", stream: r.eventSourceARN, shardId: "shardId-000000000000", sequenceNumber: r.kinesis.sequenceNumber },
  });
  const chunked = process.argv[3] === "chunked";
  // "whole" decodes every record up front (as a handler mapping the event does); "chunked" decodes per chunk.
  const decodedUpFront = chunked ? [] : event.Records.map(toRawRecord);
  const afterInputMiB = peakMiB();
  const options = coreOptions({ now: () => BENCH_NOW_MS });
  const store = new InMemoryDedupStore(30);
  const total = event.Records.length;
  const chunkSize = chunked ? PUT_RECORDS_MAX_ENTRIES : total;
  const seenKeys = new Set<string>();
  let clean = 0;
  let afterCoreMiB = 0;
  for (let start = 0; start < total; start += chunkSize) {
    const records = chunked ? event.Records.slice(start, start + chunkSize).map(toRawRecord) : decodedUpFront;
    const batch = processBatch(records, options, seenKeys);
    const { result } = await crossBatchDedup(batch, store, BENCH_NOW_MS);
    afterCoreMiB = Math.max(afterCoreMiB, peakMiB());
    clean += writeClean(result.clean);
  }
  if (clean !== total) throw new Error(`expected ${total} clean events, got ${clean}`);
  process.stdout.write(JSON.stringify({ peakRssMiB: peakMiB(), startRssMiB, afterInputMiB, afterCoreMiB }) + "\n");
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
