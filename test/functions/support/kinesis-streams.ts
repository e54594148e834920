import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, type KinesisClient, type _Record } from "@aws-sdk/client-kinesis";
import assert from "node:assert/strict";
import { putRecordsReliably } from "../../../functions/kinesis";
import type { KinesisStreamEvent, KinesisStreamRecord } from "../../../functions/processor/kinesis-event";

export const TEST_REGION = "us-east-1";
export const TEST_ACCOUNT = "123456789012";

export function streamArn(name: string): string {
  return `arn:aws:kinesis:${TEST_REGION}:${TEST_ACCOUNT}:stream/${name}`;
}

/** Every record on every shard of a stream, from the start (emulator streams are small). */
export async function readStream(client: KinesisClient, stream: string): Promise<Array<{ shardId: string; record: _Record }>> {
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: stream }));
  const all: Array<{ shardId: string; record: _Record }> = [];
  for (const shard of Shards) {
    let { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: stream, ShardId: shard.ShardId!, ShardIteratorType: "TRIM_HORIZON" }),
    );
    while (ShardIterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator, Limit: 10_000 }));
      const records = page.Records ?? [];
      all.push(...records.map((record) => ({ shardId: shard.ShardId!, record })));
      if (records.length === 0) break;
      ShardIterator = page.NextShardIterator;
    }
  }
  return all;
}

/** The JSON lines written to a stream (each record is one "\n"-terminated JSON object). */
export async function readJsonLines<T = Record<string, unknown>>(client: KinesisClient, stream: string): Promise<T[]> {
  return (await readStream(client, stream)).map(({ record }) => {
    const text = Buffer.from(record.Data!).toString("utf8");
    if (!text.endsWith("\n")) throw new Error(`record is not newline-terminated: ${text.slice(0, 80)}`);
    return JSON.parse(text) as T;
  });
}

/** The Lambda event the Kinesis event source mapping would deliver for these GetRecords results. */
export function lambdaEventFrom(stream: string, records: Array<{ shardId: string; record: _Record }>): KinesisStreamEvent {
  return {
    Records: records.map(({ shardId, record }): KinesisStreamRecord => ({
      kinesis: {
        kinesisSchemaVersion: "1.0",
        partitionKey: record.PartitionKey!,
        sequenceNumber: record.SequenceNumber!,
        data: Buffer.from(record.Data!).toString("base64"),
        approximateArrivalTimestamp: record.ApproximateArrivalTimestamp!.getTime() / 1000,
      },
      eventSource: "aws:kinesis",
      eventVersion: "1.0",
      eventID: `${shardId}:${record.SequenceNumber}`,
      eventName: "aws:kinesis:record",
      invokeIdentityArn: `arn:aws:iam::${TEST_ACCOUNT}:role/processor`,
      awsRegion: TEST_REGION,
      eventSourceARN: streamArn(stream),
    })),
  };
}

/** Puts the given lines on a stream and returns the Lambda event for exactly those records. */
export async function putLinesAsLambdaEvent(client: KinesisClient, stream: string, lines: string[]): Promise<KinesisStreamEvent> {
  const before = (await readStream(client, stream)).length;
  const { failed } = await putRecordsReliably(
    client,
    stream,
    lines.map((text, i) => ({ data: Buffer.from(text), partitionKey: `p${i}` })),
  );
  assert.deepEqual(failed, []);
  return lambdaEventFrom(stream, (await readStream(client, stream)).slice(before));
}
