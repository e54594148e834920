/**
 * `npm run generate` — synthetic game telemetry (functions/generator).
 *   --events N --out file.ndjson [--duplicates 0.1] [--invalid 0.05] [--seed S] [--game-id G]
 *   --events N --url <ingest URL> --api-key K [--rate R events/s] [...same ratios]
 * HTTP mode posts batches of 500 as {"events":[…]} (the ingestion contract) with a progress bar, and
 * prints a summary. Exit 0 when every record was written/accepted, 1 when some were not, 2 on bad usage.
 */
import { SingleBar } from "cli-progress";
import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import { generateTelemetry, type GeneratedRecord } from "../functions/generator/generate-telemetry";
import { DEFAULT_SPREAD_MINUTES } from "../functions/generator/generate-telemetry";
import { MAX_EVENTS_PER_REQUEST, type IngestResponse } from "../functions/ingest-api/contract";

const USAGE =
  "usage: npm run generate -- --events N (--out file.ndjson | --url <ingest URL> --api-key K [--rate R])\n" +
  "         [--duplicates 0.1] [--invalid 0.05] [--seed S] [--game-id G]";

export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

class UsageError extends Error {}

function parseNumber(name: string, raw: string | undefined, fallback: number, check: (n: number) => boolean, allowed: string): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!check(value)) throw new UsageError(`--${name} ${JSON.stringify(raw)} is invalid; allowed: ${allowed}`);
  return value;
}

/** How a generated line travels in {"events":[…]}: parsed when it is JSON, else as a JSON string. */
export function eventForRequest(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return line;
  }
}

async function writeFile(records: GeneratedRecord[], path: string): Promise<void> {
  const stream = createWriteStream(path);
  for (const record of records) {
    if (!stream.write(record.line + "\n")) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
  }
  await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

interface PostSummary {
  requests: number;
  accepted: number;
  rejected: number;
  /** Events in requests that failed as a whole (HTTP error or network), by status or error name. */
  failedRequests: Record<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** POSTs one batch, retrying throttling / 5xx / network errors with backoff (3 tries). */
async function postBatch(url: string, apiKey: string, events: unknown[]): Promise<{ response?: IngestResponse; failure?: string }> {
  let failure = "";
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `ApiKey ${apiKey}` },
        body: JSON.stringify({ events }),
      });
      if (res.ok) return { response: (await res.json()) as IngestResponse };
      failure = `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) return { failure };
    } catch (error) {
      failure = (error as Error).name === "TypeError" ? `network: ${(error as Error).message}` : (error as Error).name;
    }
    await sleep(200 * 2 ** attempt);
  }
  return { failure };
}

async function postAll(records: GeneratedRecord[], url: string, apiKey: string, rate: number): Promise<PostSummary> {
  const summary: PostSummary = { requests: 0, accepted: 0, rejected: 0, failedRequests: {} };
  const bar = new SingleBar({ format: "posting [{bar}] {value}/{total} events | {rate} ev/s | rejected {rejected}" });
  bar.start(records.length, 0, { rate: 0, rejected: 0 });
  const started = Date.now();
  for (let offset = 0; offset < records.length; offset += MAX_EVENTS_PER_REQUEST) {
    const batch = records.slice(offset, offset + MAX_EVENTS_PER_REQUEST).map((r) => eventForRequest(r.line));
    // Rate limit: do not start a batch before `offset` events' worth of time has passed.
    const due = started + (offset / rate) * 1000;
    if (Date.now() < due) await sleep(due - Date.now());
    summary.requests++;
    const { response, failure } = await postBatch(url, apiKey, batch);
    if (response) {
      summary.rejected += response.failedRecordCount;
      summary.accepted += batch.length - response.failedRecordCount;
    } else {
      summary.failedRequests[failure!] = (summary.failedRequests[failure!] ?? 0) + batch.length;
    }
    const elapsed = Math.max(1, Date.now() - started) / 1000;
    bar.update(offset + batch.length, { rate: Math.round((offset + batch.length) / elapsed), rejected: summary.rejected });
  }
  bar.stop();
  return summary;
}

export async function runGenerateCli(argv: string[], out = console.log, err = console.error): Promise<number> {
  let options: {
    events: number;
    duplicates: number;
    invalid: number;
    seed: string;
    gameId?: string;
    out?: string;
    url?: string;
    apiKey?: string;
    rate: number;
  };
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        events: { type: "string" },
        out: { type: "string" },
        url: { type: "string" },
        "api-key": { type: "string" },
        rate: { type: "string" },
        duplicates: { type: "string" },
        invalid: { type: "string" },
        seed: { type: "string" },
        "game-id": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    });
    const ratio = (n: number) => Number.isFinite(n) && n >= 0 && n < 1;
    options = {
      events: parseNumber("events", values.events, NaN, (n) => Number.isInteger(n) && n >= 1, "a whole number ≥ 1"),
      duplicates: parseNumber("duplicates", values.duplicates, 0, ratio, "a fraction in [0, 1)"),
      invalid: parseNumber("invalid", values.invalid, 0, ratio, "a fraction in [0, 1)"),
      rate: parseNumber("rate", values.rate, Infinity, (n) => n > 0, "events per second > 0"),
      seed: values.seed ?? String(Date.now()),
      gameId: values["game-id"],
      out: values.out,
      url: values.url,
      apiKey: values["api-key"],
    };
    if (values.events === undefined) throw new UsageError("--events is required");
    if (!options.out === !options.url) throw new UsageError("give exactly one of --out and --url");
    if (options.url && !options.apiKey) throw new UsageError("--url needs --api-key");
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }

  let records: GeneratedRecord[];
  try {
    records = generateTelemetry({
      events: options.events,
      duplicateRatio: options.duplicates,
      invalidRatio: options.invalid,
      seed: options.seed,
      nowMs: Date.now(),
      spreadMinutes: DEFAULT_SPREAD_MINUTES,
      gameId: options.gameId,
    });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return EXIT.usage;
  }
  const counts = {
    events: records.length,
    valid: records.filter((r) => r.kind === "valid").length,
    duplicates: records.filter((r) => r.kind === "duplicate").length,
    invalid: records.filter((r) => r.kind === "invalid").length,
    seed: options.seed,
  };

  if (options.out) {
    await writeFile(records, options.out);
    out(JSON.stringify({ ...counts, out: options.out }));
    return EXIT.ok;
  }
  const started = Date.now();
  const posted = await postAll(records, options.url!, options.apiKey!, options.rate);
  const seconds = (Date.now() - started) / 1000;
  out(JSON.stringify({ ...counts, ...posted, seconds, eventsPerSecond: Math.round(records.length / Math.max(seconds, 0.001)) }));
  const failedInRequests = Object.values(posted.failedRequests).reduce((a, b) => a + b, 0);
  return posted.rejected + failedInRequests > 0 ? EXIT.someFailed : EXIT.ok;
}

if (require.main === module) {
  runGenerateCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
