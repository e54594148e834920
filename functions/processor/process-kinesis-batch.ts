import { crossBatchDedup, processBatch, sourceId, type CleanEvent, type CoreOptions, type RawRecord, type SourceCoordinates } from "../core";
import { batchMetricLines } from "../metrics/pipeline-metrics";
import type { EmissionTrackingStore } from "./dynamo-dedup-store";
import type { EventSink } from "./event-sink";
import { toRawRecords, type KinesisBatchResponse, type KinesisStreamEvent } from "./kinesis-event";
import { RecordingDedupStore } from "./recording-dedup-store";
import type { UnmarkedEmissions } from "./unmarked-emissions";

export interface ProcessorDeps {
  store: EmissionTrackingStore;
  sink: EventSink;
  options: CoreOptions;
  functionName: string;
  /** Emitted-but-unmarked records of this container (outlives one invocation). */
  unmarked: UnmarkedEmissions;
  /** Receives EMF metric lines and structured log lines (stdout in Lambda). */
  log(line: string): void;
}

export interface RawBatchOutcome {
  /** Records to hand back to the event source for retry, in input order (deduplicated). */
  failedSources: SourceCoordinates[];
  summary: Omit<BatchSummary, "failedSequenceNumbers">;
}

export interface BatchSummary {
  received: number;
  /** Written to the clean output by this invocation. */
  clean: number;
  duplicate: number;
  deadLetterByReason: Record<string, number>;
  /** Redeliveries of records already in the clean output: skipped, not counted as duplicates. */
  alreadyEmitted: number;
  redelivered: number;
  failedSequenceNumbers: string[];
}

function sequenceNumberOf(source: SourceCoordinates): string {
  if (source.kind !== "kinesis") throw new Error(`processor got a non-Kinesis source: ${sourceId(source)}`);
  return source.sequenceNumber;
}

/**
 * One batch of raw records from any transport: core → dedup claims → sinks → emitted marks. Order
 * matters for retries:
 *   1. claim every clean event's key as `pending` for its source record;
 *   2. write clean events (new claims and redeliveries still `pending`) and dead letters;
 *   3. mark the written clean events `emitted`.
 * Records whose claim errored or whose write failed are returned as batchItemFailures; on redelivery
 * a `pending` claim is written again and an `emitted` one is skipped, so nothing is lost and a
 * record reaches clean twice only if the function dies between steps 2 and 3 (docs/processor.md).
 */
export async function processRawBatch(raws: RawRecord[], deps: ProcessorDeps): Promise<RawBatchOutcome> {
  const startedMs = deps.options.now();
  await retryUnmarked(deps);
  const batch = processBatch(raws, deps.options);
  const recorder = new RecordingDedupStore(deps.store);
  const { result, failed, redelivered } = await crossBatchDedup(batch, recorder, deps.options.now());

  // crossBatchDedup keeps redeliveries apart from first claims; decide here which ones to write.
  const candidates = new Map<string, CleanEvent>();
  for (const clean of [...result.clean, ...redelivered]) candidates.set(sourceId(clean.source), clean);
  const toEmit: CleanEvent[] = [];
  let alreadyEmitted = 0;
  for (const [id, clean] of candidates) {
    const state = recorder.redeliveryState(clean.dedupKey, id);
    if (state === "emitted" || (state === "pending" && deps.unmarked.has(clean.dedupKey, id))) alreadyEmitted++;
    else toEmit.push(clean);
  }

  const [cleanWrite, deadLetterWrite] = await Promise.all([
    deps.sink.putClean(toEmit),
    deps.sink.putDeadLetters(result.deadLetters),
  ]);
  const cleanFailed = new Set(cleanWrite.failed.map((failure) => failure.index));
  const written = toEmit.filter((_, index) => !cleanFailed.has(index));
  const markEntries = written.map((clean) => ({ key: clean.dedupKey, sourceId: sourceId(clean.source) }));
  const marks = await deps.store.markEmitted(markEntries);
  deps.unmarked.add(markEntries.filter((_, index) => !marks[index]));

  const failedSources = [
    ...failed.map((clean) => clean.source),
    ...cleanWrite.failed.map((failure) => toEmit[failure.index].source),
    ...deadLetterWrite.failed.map((failure) => result.deadLetters[failure.index].source),
  ];
  const failedIds = new Set(failedSources.map(sourceId));
  // Input order (Lambda restarts a shard from the lowest reported sequence number / offset).
  const failedInOrder = raws.map((raw) => raw.source).filter((source) => failedIds.delete(sourceId(source)));

  const deadLetterByReason: Record<string, number> = {};
  for (const deadLetter of result.deadLetters) deadLetterByReason[deadLetter.reason] = (deadLetterByReason[deadLetter.reason] ?? 0) + 1;
  const summary = {
    received: raws.length,
    clean: written.length,
    duplicate: result.duplicates.length,
    deadLetterByReason,
    alreadyEmitted,
    redelivered: redelivered.length,
  };

  const unmarked = marks.filter((ok) => !ok).length;
  if (recorder.errors.length > 0 || cleanWrite.failed.length > 0 || deadLetterWrite.failed.length > 0 || unmarked > 0) {
    deps.log(
      JSON.stringify({
        level: "warn",
        component: "processor",
        dedupErrors: recorder.errors.slice(0, 5),
        cleanWriteFailures: cleanWrite.failed.slice(0, 5),
        deadLetterWriteFailures: deadLetterWrite.failed.slice(0, 5),
        // Written but not marked: remembered by this container and retried next invocation.
        emittedButUnmarked: unmarked,
      }),
    );
  }
  for (const line of batchMetricLines(
    {
      received: summary.received,
      clean: summary.clean,
      duplicate: summary.duplicate,
      deadLetterByReason,
      failed: failedInOrder.length,
      redelivered: summary.redelivered,
      latencyMs: deps.options.now() - startedMs,
    },
    deps.functionName,
    startedMs,
  )) {
    deps.log(line);
  }
  return { failedSources: failedInOrder, summary };
}

/** A Kinesis event-source batch: processRawBatch, failures reported by sequence number. */
export async function processKinesisBatch(
  event: KinesisStreamEvent,
  deps: ProcessorDeps,
): Promise<{ response: KinesisBatchResponse; summary: BatchSummary }> {
  const { failedSources, summary } = await processRawBatch(toRawRecords(event), deps);
  const failedSequenceNumbers = failedSources.map(sequenceNumberOf);
  return {
    response: { batchItemFailures: failedSequenceNumbers.map((itemIdentifier) => ({ itemIdentifier })) },
    summary: { ...summary, failedSequenceNumbers },
  };
}

/** Retries the `emitted` marks this container could not write earlier; keeps the ones still failing. */
async function retryUnmarked(deps: ProcessorDeps): Promise<void> {
  if (deps.unmarked.size === 0) return;
  const pending = deps.unmarked.list();
  const marks = await deps.store.markEmitted(pending);
  deps.unmarked.remove(pending.filter((_, index) => marks[index]));
}
