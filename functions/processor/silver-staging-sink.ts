import type { CleanEvent, DeadLetterRecord } from "../core";
import type { EventSink, SinkFailure, SinkWriteResult } from "./event-sink";
import type { SilverStore } from "./silver-store";

/**
 * EventSink decorator: every clean event goes to the SilverStore first, and only the events the
 * store accepted go on to the wrapped sink's clean output. An event that fails either write is
 * reported as failed, so the processor neither marks it emitted nor leaves it out of the batch item
 * failures, and the retry writes it again.
 *
 * Why store first, not in parallel: a retry rewrites the store idempotently (same item key), but a
 * second write to the clean stream would be a duplicate there. Writing the stream only after the
 * store succeeded means a staging failure never puts an event into clean; a clean-stream failure
 * after a successful staging write costs one harmless overwrite on retry.
 */
export class SilverStagingSink implements EventSink {
  constructor(
    private readonly inner: EventSink,
    private readonly store: SilverStore,
  ) {}

  async putClean(events: readonly CleanEvent[]): Promise<SinkWriteResult> {
    if (events.length === 0) return { failed: [] };
    const staged = await this.store.putEvents(events);
    const stagingFailed = new Set(staged.failed.map((failure) => failure.index));
    // Positions in the input of the events handed on to the clean output.
    const forwarded = events.flatMap((_, index) => (stagingFailed.has(index) ? [] : [index]));
    const written = await this.inner.putClean(forwarded.map((index) => events[index]));
    const failed: SinkFailure[] = [
      ...staged.failed,
      ...written.failed.map((failure) => ({ ...failure, index: forwarded[failure.index] })),
    ];
    return { failed: failed.sort((a, b) => a.index - b.index) };
  }

  putDeadLetters(records: readonly DeadLetterRecord[]): Promise<SinkWriteResult> {
    return this.inner.putDeadLetters(records);
  }
}

/** The sink the processor writes through: `sink` alone, or staged in `store` first when one is configured. */
export function withSilverStaging(sink: EventSink, store: SilverStore | undefined): EventSink {
  return store ? new SilverStagingSink(sink, store) : sink;
}
