/**
 * The processor on an MSK event-source mapping: decode the aws:kafka batch → the processor's shared
 * batch logic (core, DynamoDB dedup with redelivery marks, metrics) → clean / dead-letter topics
 * through the Kafka EventSink. Kafka event sources retry a failed batch as a whole, so any record
 * that could not be written makes the invocation fail; on the retry the dedup marks recognise the
 * records already in clean, so nothing is lost and nothing reaches clean twice.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { coreOptions, sourceId, type SourceCoordinates } from "../core";
import { createIdempotentProducer, LazyConnection } from "../kafka/idempotent-producer";
import { KafkaEventSink } from "../kafka/kafka-event-sink";
import { createMskKafka, parseBrokerList } from "../kafka/msk-iam-client";
import type { ProducerPort } from "../kafka/send-messages";
import { processorConfigFromEnv } from "../processor/config";
import { DynamoDbDedupStore } from "../processor/dynamo-dedup-store";
import { silverStoreFor } from "../processor/dynamo-silver-store";
import { withSilverStaging } from "../processor/silver-staging-sink";
import { processRawBatch } from "../processor/process-kinesis-batch";
import { UnmarkedEmissions } from "../processor/unmarked-emissions";
import { PROCESSOR_MSK_ENV } from "./env";
import { toRawRecords, type MskEvent } from "./msk-event";

/** Thrown so Lambda retries the batch; names the first records it could not finish. */
export class BatchIncompleteError extends Error {
  constructor(readonly failed: SourceCoordinates[]) {
    super(`${failed.length} record(s) not written, batch will be retried: ${failed.slice(0, 5).map(sourceId).join(", ")}`);
    this.name = "BatchIncompleteError";
  }
}

export interface MskProcessorOverrides {
  producer?: ProducerPort & { connect(): Promise<void> };
  dynamo?: Pick<DynamoDBClient, "send">;
  log?: (line: string) => void;
  now?: () => number;
}

export function createMskProcessorHandler(env: NodeJS.ProcessEnv, overrides: MskProcessorOverrides = {}) {
  const config = processorConfigFromEnv(env);
  const dynamo = overrides.dynamo ?? new DynamoDBClient({});
  const silverStore = silverStoreFor(config, dynamo);
  const store = new DynamoDbDedupStore({
    client: dynamo,
    tableName: config.dedupTable,
    windowMinutes: config.dedupWindowMinutes,
    concurrency: config.dedupConcurrency,
  });
  const producer =
    overrides.producer ??
    createIdempotentProducer(
      createMskKafka({
        brokers: parseBrokerList(env[PROCESSOR_MSK_ENV.bootstrapBrokers] ?? ""),
        region: env.AWS_REGION ?? "us-east-1",
        clientId: "telemetry-processor",
      }),
    );
  const connection = new LazyConnection(producer);
  const log = overrides.log ?? ((line: string) => console.log(line));
  // Validate the core options at cold start, not on the first record.
  coreOptions(config.core);
  const unmarked = new UnmarkedEmissions();
  return async (event: MskEvent): Promise<void> => {
    const sink = withSilverStaging(
      new KafkaEventSink({ producer: await connection.ready(), cleanTopic: config.cleanStream, deadLetterTopic: config.deadLetterStream }),
      silverStore,
    );
    const options = coreOptions({ ...config.core, now: overrides.now ?? Date.now });
    const { failedSources } = await processRawBatch(toRawRecords(event), { store, sink, options, functionName: config.functionName, unmarked, log });
    if (failedSources.length > 0) throw new BatchIncompleteError(failedSources);
  };
}

let cached: ReturnType<typeof createMskProcessorHandler> | undefined;

export async function handler(event: MskEvent): Promise<void> {
  cached ??= createMskProcessorHandler(process.env);
  return cached(event);
}
