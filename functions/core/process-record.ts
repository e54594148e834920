import { deadLetterOf } from "./dead-letter";
import { dedupKeyOf } from "./dedup-key";
import type { DeadLetterRecord, SilverEvent } from "./envelope";
import { isIngestEnvelope, unwrapIngestEnvelope } from "./ingest-envelope";
import { checkLimits } from "./limits";
import { normaliseEvent } from "./normalise";
import type { CoreOptions } from "./options";
import { parseRecord } from "./parse-record";
import { Rejection } from "./rejection";
import type { RawRecord, SourceCoordinates } from "./source";
import { canonicalIso, parseTimestampMs, toIsoMs } from "./timestamps";

export type RecordOutcome =
  | { kind: "event"; event: SilverEvent; dedupKey: string; source: SourceCoordinates }
  | { kind: "dead-letter"; deadLetter: DeadLetterRecord };

/**
 * The record's arrival time as UTC ISO with ms: record.receivedAt when it is a valid timestamp,
 * otherwise the clock's now (a channel without arrival times, or a caller passing garbage, must not
 * lose the record).
 */
export function receivedAtOf(record: RawRecord, nowIso: string): string {
  if (record.receivedAt === undefined) return nowIso;
  const ms = parseTimestampMs(record.receivedAt);
  return ms === null ? nowIso : canonicalIso(record.receivedAt, ms);
}

/** One record → event or dead letter, with `nowMs` / `nowIso` fixed by the caller (one clock read per batch). */
export function processRecordAt(record: RawRecord, options: CoreOptions, nowMs: number, nowIso: string): RecordOutcome {
  if (!(record.data instanceof Uint8Array)) {
    throw new TypeError(`RawRecord.data must be a Uint8Array (Buffer); got ${typeof record.data}`);
  }
  const receivedAt = receivedAtOf(record, nowIso);
  const parsed = parseRecord(record.data, options.maxRecordBytes);
  if (parsed instanceof Rejection) return { kind: "dead-letter", deadLetter: deadLetterOf(record, parsed, receivedAt) };

  let event = parsed;
  let unwrapped = null;
  if (isIngestEnvelope(parsed)) {
    const result = unwrapIngestEnvelope(parsed);
    if (result instanceof Rejection) return { kind: "dead-letter", deadLetter: deadLetterOf(record, result, receivedAt) };
    unwrapped = result;
    event = result.event;
  }
  const overLimit = checkLimits(event, options.maxDepth, options.maxFields);
  if (overLimit !== null) return { kind: "dead-letter", deadLetter: deadLetterOf(record, overLimit, receivedAt) };

  const normalised = normaliseEvent(event, unwrapped, { options, nowMs, receivedAt });
  if (normalised instanceof Rejection) return { kind: "dead-letter", deadLetter: deadLetterOf(record, normalised, receivedAt) };
  return { kind: "event", event: normalised, dedupKey: dedupKeyOf(normalised, options.dedupKeyFields), source: record.source };
}

/** Parse → unwrap → limits → validate → normalise one raw record. Pure apart from options.now(). */
export function processRecord(record: RawRecord, options: CoreOptions): RecordOutcome {
  const nowMs = options.now();
  return processRecordAt(record, options, nowMs, toIsoMs(nowMs));
}
