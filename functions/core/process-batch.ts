import type { DeadLetterRecord, SilverEvent } from "./envelope";
import type { CoreOptions } from "./options";
import { processRecordAt } from "./process-record";
import type { RawRecord, SourceCoordinates } from "./source";
import { toIsoMs } from "./timestamps";

export interface CleanEvent {
  event: SilverEvent;
  dedupKey: string;
  source: SourceCoordinates;
}

export interface BatchResult {
  clean: CleanEvent[];
  duplicates: Array<CleanEvent & { duplicateOf: "batch" | "store" }>;
  deadLetters: DeadLetterRecord[];
}

/**
 * Processes a batch in input order; the first record with a dedup key is clean, later ones are
 * duplicates of "batch". Every input lands in exactly one of the three lists (outputs keep their
 * source coordinates, so each can be traced back). The clock is read once per call.
 *
 * `seenKeys` (optional, updated in place) carries the in-batch dedup state across calls: a handler
 * can run a large batch (e.g. 10,000 Kinesis records) in chunks, writing and releasing each chunk's
 * events before the next, and still dedup across the whole batch.
 */
export function processBatch(records: RawRecord[], options: CoreOptions, seenKeys: Set<string> = new Set<string>()): BatchResult {
  const nowMs = options.now();
  const nowIso = toIsoMs(nowMs);
  const result: BatchResult = { clean: [], duplicates: [], deadLetters: [] };
  const seen = seenKeys;
  for (const record of records) {
    const outcome = processRecordAt(record, options, nowMs, nowIso);
    if (outcome.kind === "dead-letter") {
      result.deadLetters.push(outcome.deadLetter);
    } else if (seen.has(outcome.dedupKey)) {
      result.duplicates.push({ event: outcome.event, dedupKey: outcome.dedupKey, source: outcome.source, duplicateOf: "batch" });
    } else {
      seen.add(outcome.dedupKey);
      result.clean.push({ event: outcome.event, dedupKey: outcome.dedupKey, source: outcome.source });
    }
  }
  return result;
}
