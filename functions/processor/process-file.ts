import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, open, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { InMemoryDedupStore, coreOptions, crossBatchDedup, processBatch, type CoreOptions, type RawRecord } from "../core";
import { ndjsonLines } from "./ndjson-lines";

/** summary.json of `npm run process`. */
export interface ProcessFileSummary {
  in: number;
  clean: number;
  duplicate: number;
  deadLetter: number;
  byReason: Record<string, number>;
}

export const OUTPUT_FILES = {
  clean: "clean.ndjson",
  duplicates: "duplicates.ndjson",
  deadLetter: "dead-letter.ndjson",
  summary: "summary.json",
} as const;

/** Records per processBatch call: bounds memory; dedup spans the whole file through the store. */
const CHUNK_RECORDS = 10_000;
/** The whole file is one dedup scope: nothing may expire while it is read. */
const FILE_DEDUP_WINDOW_MINUTES = Number.MAX_SAFE_INTEGER / 60_000;
const GZIP_MAGIC = [0x1f, 0x8b];

/** Thrown when the input itself cannot be read (missing, unreadable, corrupt gzip): exit ≠ 0. */
export class InputFileError extends Error {}

async function isGzip(path: string): Promise<boolean> {
  const handle = await open(path, "r");
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === GZIP_MAGIC[0] && buffer[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
}

/** The file's lines; any read or gunzip failure becomes an InputFileError. */
async function* readLines(path: string, gzip: boolean): AsyncGenerator<Buffer> {
  const file = createReadStream(path);
  const input: Readable = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on("error", (error) => input.destroy(error));
  try {
    yield* ndjsonLines(input);
  } catch (error) {
    throw new InputFileError(`cannot read ${path}: ${(error as Error).message}`);
  } finally {
    file.destroy();
  }
}

class NdjsonWriter {
  private readonly stream: WriteStream;
  constructor(path: string) {
    this.stream = createWriteStream(path);
  }
  async write(value: unknown): Promise<void> {
    if (!this.stream.write(JSON.stringify(value) + "\n")) await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/**
 * Runs the core over a RAW-zone file (NDJSON, optionally gzip — detected by its magic bytes): one
 * line = one record, source coordinates {kind:"file", file, line (1-based)}. Writes clean,
 * duplicates and dead-letter NDJSON plus summary.json into outDir.
 */
export async function processNdjsonFile(
  inPath: string,
  outDir: string,
  core: Partial<CoreOptions> = {},
): Promise<ProcessFileSummary> {
  const options = coreOptions({ now: Date.now, ...core });
  let gzip: boolean;
  try {
    gzip = await isGzip(inPath);
  } catch (error) {
    throw new InputFileError(`cannot read ${inPath}: ${(error as Error).message}`);
  }
  await mkdir(outDir, { recursive: true });
  const writers = {
    clean: new NdjsonWriter(join(outDir, OUTPUT_FILES.clean)),
    duplicates: new NdjsonWriter(join(outDir, OUTPUT_FILES.duplicates)),
    deadLetter: new NdjsonWriter(join(outDir, OUTPUT_FILES.deadLetter)),
  };
  const summary: ProcessFileSummary = { in: 0, clean: 0, duplicate: 0, deadLetter: 0, byReason: {} };
  const store = new InMemoryDedupStore(FILE_DEDUP_WINDOW_MINUTES);
  const nowMs = options.now();

  const flush = async (records: RawRecord[]) => {
    const { result, failed, redelivered } = await crossBatchDedup(processBatch(records, options), store, nowMs);
    if (failed.length > 0 || redelivered.length > 0) {
      throw new Error(`in-memory dedup store answered error/redelivery for ${failed.length + redelivered.length} file records`);
    }
    for (const clean of result.clean) await writers.clean.write(clean.event);
    for (const duplicate of result.duplicates) {
      await writers.duplicates.write({ duplicateOf: duplicate.duplicateOf, dedupKey: duplicate.dedupKey, source: duplicate.source, event: duplicate.event });
    }
    for (const deadLetter of result.deadLetters) {
      await writers.deadLetter.write(deadLetter);
      summary.byReason[deadLetter.reason] = (summary.byReason[deadLetter.reason] ?? 0) + 1;
    }
    summary.clean += result.clean.length;
    summary.duplicate += result.duplicates.length;
    summary.deadLetter += result.deadLetters.length;
  };

  try {
    let chunk: RawRecord[] = [];
    for await (const line of readLines(inPath, gzip)) {
      summary.in++;
      chunk.push({ data: line, source: { kind: "file", file: inPath, line: summary.in } });
      if (chunk.length === CHUNK_RECORDS) {
        await flush(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await flush(chunk);
  } finally {
    await Promise.all(Object.values(writers).map((writer) => writer.close()));
  }
  await writeFile(join(outDir, OUTPUT_FILES.summary), JSON.stringify(summary, null, 2) + "\n");
  return summary;
}
