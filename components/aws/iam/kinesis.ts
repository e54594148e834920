/** Kinesis Data Streams statements, scoped to named streams. */
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";

/** Actions a poller (Lambda event source mapping, Firehose Kinesis source) needs to read one stream. */
export const KINESIS_READ_ACTIONS = [
  "kinesis:DescribeStream",
  "kinesis:DescribeStreamSummary",
  "kinesis:GetRecords",
  "kinesis:GetShardIterator",
  "kinesis:ListShards",
  "kinesis:SubscribeToShard",
] as const;

export const KINESIS_WRITE_ACTIONS = ["kinesis:PutRecord", "kinesis:PutRecords"] as const;

export function kinesisReadStatements(streamArn: pulumi.Input<string>): PolicyStatement[] {
  return [{ Sid: "ReadStream", Effect: "Allow", Action: [...KINESIS_READ_ACTIONS], Resource: [streamArn] }];
}

export function kinesisWriteStatements(streamArns: pulumi.Input<string>[]): PolicyStatement[] {
  if (streamArns.length === 0) throw new RangeError("kinesisWriteStatements needs at least one stream ARN");
  return [{ Sid: "WriteStreams", Effect: "Allow", Action: [...KINESIS_WRITE_ACTIONS], Resource: streamArns }];
}
