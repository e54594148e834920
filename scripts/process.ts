/**
 * `npm run process -- --in <file.ndjson | file.ndjson.gz> --out <dir>` — the processing core over a
 * RAW-zone file (backfills, replays, debugging). Writes clean.ndjson, duplicates.ndjson,
 * dead-letter.ndjson and summary.json into <dir> and prints the summary.
 * Exit 0 when the file was processed, whatever its records held; 1 when the input cannot be read;
 * 2 on bad usage.
 */
import { parseArgs } from "node:util";
import type { CoreOptions } from "../functions/core";
import { InputFileError, processNdjsonFile } from "../functions/processor/process-file";

const USAGE =
  "usage: npm run process -- --in <file.ndjson|file.ndjson.gz> --out <dir>\n" +
  "         [--max-age-days N] [--now <ISO-8601>] [--dedup-key-fields f1,f2] [--max-record-bytes N]";

export const EXIT = { ok: 0, unreadableInput: 1, usage: 2 } as const;

class UsageError extends Error {}

function wholeNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} ${JSON.stringify(raw)} is invalid; allowed: a whole number`);
  return value;
}

function coreOverrides(values: Record<string, string | undefined>): Partial<CoreOptions> {
  const core: Partial<CoreOptions> = {};
  const maxAgeDays = wholeNumber("max-age-days", values["max-age-days"]);
  if (maxAgeDays !== undefined) core.maxAgeDays = maxAgeDays;
  const maxRecordBytes = wholeNumber("max-record-bytes", values["max-record-bytes"]);
  if (maxRecordBytes !== undefined) core.maxRecordBytes = maxRecordBytes;
  if (values["dedup-key-fields"] !== undefined) core.dedupKeyFields = values["dedup-key-fields"].split(",").map((f) => f.trim());
  if (values.now !== undefined) {
    const nowMs = Date.parse(values.now);
    if (Number.isNaN(nowMs)) throw new UsageError(`--now ${JSON.stringify(values.now)} is invalid; allowed: an ISO-8601 timestamp`);
    core.now = () => nowMs;
  }
  return core;
}

export async function runProcessCli(argv: string[], out = console.log, err = console.error): Promise<number> {
  let inPath: string;
  let outDir: string;
  let core: Partial<CoreOptions>;
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        in: { type: "string" },
        out: { type: "string" },
        "max-age-days": { type: "string" },
        now: { type: "string" },
        "dedup-key-fields": { type: "string" },
        "max-record-bytes": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values.in || !values.out) throw new UsageError("--in and --out are required");
    inPath = values.in;
    outDir = values.out;
    core = coreOverrides(values);
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    const summary = await processNdjsonFile(inPath, outDir, core);
    out(JSON.stringify(summary));
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputFileError) {
      err(error.message);
      return EXIT.unreadableInput;
    }
    if (error instanceof RangeError) {
      // coreOptions() rejected an option value; the message names it.
      err(`${error.message}\n${USAGE}`);
      return EXIT.usage;
    }
    throw error;
  }
}

if (require.main === module) {
  runProcessCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
