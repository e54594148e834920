import type { CleanEvent } from "../core";
import type { SinkWriteResult } from "./event-sink";

/**
 * A second store for clean events besides the clean stream (seed 000's DynamoDB SILVER staging
 * table). Same contract as EventSink.putClean: idempotent per event (writing an event again leaves
 * one copy), retries inside, never throws for per-event failures and reports the events it could
 * not durably write by index, so the processor can hand exactly those back for retry.
 */
export interface SilverStore {
  putEvents(events: readonly CleanEvent[]): Promise<SinkWriteResult>;
}
