import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { putRecordsReliably, type PutRecordsClient, type RetryOptions } from "../kinesis/put-records";
import { DEFAULT_SPREAD_MINUTES, generateTelemetry } from "./generate-telemetry";
import { createRandom } from "./prng";
import { generatorConfigFromEnv } from "./run-config";

/** The EventBridge scheduled event (only the fields read). */
export interface ScheduledEvent {
  id?: string;
  time?: string;
}

export interface GeneratorRunResult {
  runId: string;
  events: number;
  duplicates: number;
  invalid: number;
  /** Records the raw stream did not accept after retries. */
  failed: number;
}

export interface GeneratorOverrides {
  kinesis?: PutRecordsClient;
  now?: () => number;
  retry?: Partial<RetryOptions>;
  log?: (line: string) => void;
}

/**
 * Scheduled generator: each run draws an event count in [EVENTS_MIN, EVENTS_MAX] (seeded by the
 * schedule event's id, so a run is reproducible) and puts the records on the raw stream, keyed by
 * user. Write failures are logged and counted, not thrown: a retried scheduled run would generate
 * a second, different batch rather than repair the first.
 */
export function createGeneratorHandler(env: NodeJS.ProcessEnv, overrides: GeneratorOverrides = {}) {
  const config = generatorConfigFromEnv(env);
  const kinesis = overrides.kinesis ?? new KinesisClient({ requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000 }) });
  const now = overrides.now ?? Date.now;
  const log = overrides.log ?? ((line: string) => console.log(line));
  return async (event: ScheduledEvent = {}): Promise<GeneratorRunResult> => {
    const nowMs = now();
    const runId = event.id ?? `run-${nowMs}`;
    const events = createRandom(runId).int(config.minEvents, config.maxEvents);
    const records = generateTelemetry({
      events,
      duplicateRatio: config.duplicateRatio,
      invalidRatio: config.invalidRatio,
      seed: runId,
      nowMs,
      spreadMinutes: DEFAULT_SPREAD_MINUTES,
      gameId: config.gameId,
    });
    const { failed } = await putRecordsReliably(
      kinesis,
      config.rawStream,
      records.map((record) => ({ data: Buffer.from(record.line, "utf8"), partitionKey: record.event.user_id })),
      overrides.retry,
    );
    const result: GeneratorRunResult = {
      runId,
      events: records.length,
      duplicates: records.filter((r) => r.kind === "duplicate").length,
      invalid: records.filter((r) => r.kind === "invalid").length,
      failed: failed.length,
    };
    log(JSON.stringify({ component: "generator", level: failed.length > 0 ? "error" : "info", ...result, firstFailure: failed[0] }));
    return result;
  };
}

let cached: ReturnType<typeof createGeneratorHandler> | undefined;

export async function handler(event: ScheduledEvent): Promise<GeneratorRunResult> {
  cached ??= createGeneratorHandler(process.env);
  return cached(event);
}
