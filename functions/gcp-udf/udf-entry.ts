/**
 * What the generated UDF runs for each message: the payload (the ingest-envelope JSON the ingest
 * function published) → the core → a landing row as JSON, or a thrown Error whose message starts
 * with the core's reason code. The templates route a throwing UDF's input to the dead-letter table
 * with that message, so a dead letter keeps its original payload and a machine-readable reason.
 * Compiled to ES5 and bundled by build-udf.ts; `settings` is baked into the file at build time.
 */
import { coreOptions, processRecord, type CoreOptions, type SourceCoordinates } from "../core";
import { toLandingRow } from "./bigquery-row";
import { utf8Encode } from "./utf8-encode";

/** The core's options as baked into the UDF at build time (the clock is the worker's), plus where messages come from. */
export type UdfSettings = Omit<CoreOptions, "now"> & {
  /** Where the template reads from, recorded on dead letters (message ids/offsets are not passed to UDFs). */
  source: SourceCoordinates;
};

/** Prefix of every dead-letter error message: `DEAD_LETTER <REASON>: <message>`. */
export const DEAD_LETTER_PREFIX = "DEAD_LETTER";

export function processPayload(inJson: string, settings: UdfSettings, nowMs: number = Date.now()): string {
  const options = coreOptions({
    maxRecordBytes: settings.maxRecordBytes,
    maxDepth: settings.maxDepth,
    maxFields: settings.maxFields,
    maxAgeDays: settings.maxAgeDays,
    futureToleranceMs: settings.futureToleranceMs,
    dedupKeyFields: settings.dedupKeyFields,
    now: () => nowMs,
  });
  const outcome = processRecord({ data: utf8Encode(inJson), source: settings.source }, options);
  if (outcome.kind === "event") return JSON.stringify(toLandingRow(outcome.event, outcome.dedupKey));
  throw new Error(`${DEAD_LETTER_PREFIX} ${outcome.deadLetter.reason}: ${outcome.deadLetter.message}`);
}
