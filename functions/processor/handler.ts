import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { coreOptions } from "../core";
import type { PutRecordsClient, RetryOptions } from "../kinesis/put-records";
import { processorConfigFromEnv } from "./config";
import { DynamoDbDedupStore } from "./dynamo-dedup-store";
import { silverStoreFor } from "./dynamo-silver-store";
import type { KinesisBatchResponse, KinesisStreamEvent } from "./kinesis-event";
import { KinesisEventSink } from "./kinesis-sink";
import { processKinesisBatch } from "./process-kinesis-batch";
import { withSilverStaging } from "./silver-staging-sink";
import { UnmarkedEmissions } from "./unmarked-emissions";

export interface ProcessorOverrides {
  kinesis?: PutRecordsClient;
  /** Client for the dedup table and, when configured, the SILVER staging table. */
  dynamo?: Pick<DynamoDBClient, "send">;
  retry?: Partial<RetryOptions>;
  /** Where EMF and log lines go; stdout (CloudWatch Logs) by default. */
  log?: (line: string) => void;
}

/**
 * Builds the Kinesis-triggered handler from environment variables (see config.ts); with
 * SILVER_STAGING_TABLE set, clean events are staged in DynamoDB before the clean stream
 * (silver-staging-sink.ts). Clients may be injected (tests point them at emulators or make them fail). Kinesis PutRecords goes over HTTP/1.1 keep-alive: the
 * SDK's HTTP/2 handler only matters for SubscribeToShard, which this function does not use.
 */
export function createProcessorHandler(env: NodeJS.ProcessEnv, overrides: ProcessorOverrides = {}) {
  const config = processorConfigFromEnv(env);
  const kinesis = overrides.kinesis ?? new KinesisClient({ requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000 }) });
  const dynamo = overrides.dynamo ?? new DynamoDBClient({});
  const store = new DynamoDbDedupStore({
    client: dynamo,
    tableName: config.dedupTable,
    windowMinutes: config.dedupWindowMinutes,
    concurrency: config.dedupConcurrency,
  });
  const sink = withSilverStaging(
    new KinesisEventSink({
      client: kinesis,
      cleanStream: config.cleanStream,
      deadLetterStream: config.deadLetterStream,
      retry: overrides.retry,
    }),
    silverStoreFor(config, dynamo, overrides.retry),
  );
  const log = overrides.log ?? ((line: string) => console.log(line));
  // Validate the core options at cold start, not on the first record.
  coreOptions(config.core);
  const unmarked = new UnmarkedEmissions();
  return async (event: KinesisStreamEvent): Promise<KinesisBatchResponse> => {
    const options = coreOptions({ ...config.core, now: Date.now });
    const { response } = await processKinesisBatch(event, {
      store,
      sink,
      options,
      functionName: config.functionName,
      unmarked,
      log,
    });
    return response;
  };
}

let cached: ReturnType<typeof createProcessorHandler> | undefined;

export async function handler(event: KinesisStreamEvent): Promise<KinesisBatchResponse> {
  cached ??= createProcessorHandler(process.env);
  return cached(event);
}
