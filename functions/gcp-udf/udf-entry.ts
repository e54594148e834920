/**
 * What the generated UDF runs for each message: the payload (the ingest-envelope JSON the ingest
 * function published) → the core → a landing row as JSON, or a thrown Error whose message starts
 * with the core's reason code. The templates route a throwing UDF's input to the dead-letter table
 * with that message, so a dead letter keeps its original payload and a machine-readable reason.
 * Compiled to ES5 and bundled by build-udf.ts; `settings` is baked into the file at build time.
 */
import { coreOptions, processRecord, type SourceCoordinates } from "../core";
import { toLandingRow } from "./bigquery-row";
import { utf8Encode } from "./utf8-encode";

export interface UdfSettings {
  maxRecordBytes: number;
  maxDepth: number;
  maxFields: number;
  maxAgeDays: number;
  futureToleranceMs: number;
  dedupKeyFields: string[];
  /** Where the template reads from, recorded on dead letters (message ids/offsets are not passed to UDFs). */
  source: SourceCoordinates;
}

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
