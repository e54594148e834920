/** Small builders shared by the core tests (records with traceable file coordinates). */
import { processRecord, type CoreOptions, type RawRecord, type RecordOutcome, type SilverEvent } from "../../functions/core";
import { vectorOptions } from "./vectors";

export function recordOf(input: string | Uint8Array, line = 1, receivedAt?: string): RawRecord {
  const data = typeof input === "string" ? new TextEncoder().encode(input) : input;
  return { data, source: { kind: "file", file: "test.ndjson", line }, ...(receivedAt === undefined ? {} : { receivedAt }) };
}

/** Processes one JSON value; fails the test with the dead-letter reason if it was not accepted. */
export function acceptedEvent(value: unknown, options: CoreOptions = vectorOptions()): SilverEvent {
  const outcome = processRecord(recordOf(JSON.stringify(value)), options);
  if (outcome.kind !== "event") throw new Error(`rejected ${outcome.deadLetter.reason}: ${outcome.deadLetter.message}`);
  return outcome.event;
}

export function outcomeOf(value: unknown, options: CoreOptions = vectorOptions()): RecordOutcome {
  return processRecord(recordOf(JSON.stringify(value)), options);
}

export function reasonOf(value: unknown, options: CoreOptions = vectorOptions()): string {
  const outcome = outcomeOf(value, options);
  return outcome.kind === "dead-letter" ? outcome.deadLetter.reason : "accepted";
}
