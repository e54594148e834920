import type { CleanEvent, DeadLetterRecord } from "../core";

export interface SinkFailure {
  /** Index into the array given to the put call. */
  index: number;
  errorCode: string;
  errorMessage: string;
}

/** What a sink reports: the inputs it could NOT durably write (after its own retries). */
export interface SinkWriteResult {
  failed: SinkFailure[];
}

/**
 * The processor's output port. The Kinesis sink writes the clean and dead-letter streams; a Kafka
 * sink writes topics. A sink must not throw for per-record failures: it reports them, and the
 * processor hands exactly those records back to the event source for retry.
 */
export interface EventSink {
  putClean(events: readonly CleanEvent[]): Promise<SinkWriteResult>;
  putDeadLetters(records: readonly DeadLetterRecord[]): Promise<SinkWriteResult>;
}
