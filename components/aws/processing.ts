/**
 * LightProcessing (seed 000 lightweight pipeline): the processor Lambda (functions/processor) on an
 * event source mapping over `raw` and its on-failure queue; it writes the clean and dead-letter
 * channels and, when configured, the DynamoDB SILVER staging table. SILVER in S3 is delivered from
 * the clean channel by the variant (the same delivery in both tiers).
 *
 * The source and the output are ports: aws-native passes Kinesis ones (`kinesisProcessorSource`,
 * `kinesisProcessorOutput`); aws-msk passes Kafka ones.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../config";
import type { FirehoseSizing, ProcessorSizing } from "../sizing";
import { PROCESSOR_ENV } from "../../functions/processor/config";
import type { AwsEnvironment } from "./environment";
import { dynamoStatements } from "./iam/dynamodb";
import { kinesisReadStatements, kinesisWriteStatements } from "./iam/kinesis";
import { kmsUseStatements, viaService } from "./iam/kms";
import type { PolicyStatement } from "./iam/policy-document";
import { sqsSendStatements } from "./iam/sqs";
import { checkName } from "./limits";
import { NodeFunction } from "./node-function";

/** Where the processor reads from: IAM statements + the source-specific mapping arguments. */
export interface ProcessorEventSource {
  statements: PolicyStatement[];
  mapping: Omit<aws.lambda.EventSourceMappingArgs, "functionName" | "batchSize" | "maximumBatchingWindowInSeconds" | "destinationConfig" | "tags">;
}

/** Where the processor writes clean events and dead letters: environment + IAM statements. */
export interface ProcessorOutput {
  environment: Record<string, pulumi.Input<string>>;
  statements: PolicyStatement[];
}


/** Retries before a failing record's batch goes to the on-failure queue (bisecting narrows it first). */
export const PROCESSOR_MAX_RETRY_ATTEMPTS = 5;
/** Seconds per processor invocation: a 500-record batch needs ~1 s; leave room for retries with backoff. */
export const PROCESSOR_TIMEOUT_SECONDS = 60;
/** On-failure records (metadata pointing at the stream position) are kept for the SQS maximum, 14 days. */
export const FAILURE_QUEUE_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * Records older than this are sent to the on-failure queue instead of being retried: one hour short
 * of the stream's retention, so a stuck shard is reported before Kinesis deletes its records
 * (−1 = unlimited, Kinesis' cap is 604,800 s).
 */
export function maximumRecordAgeSeconds(streamRetentionHours: number): number {
  const seconds = (streamRetentionHours - 1) * 3600;
  return seconds > 604_800 ? -1 : Math.max(60, seconds);
}

export function kinesisProcessorSource(args: {
  streamArn: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  region: pulumi.Input<string>;
  sizing: ProcessorSizing;
  streamRetentionHours: number;
}): ProcessorEventSource {
  return {
    statements: [...kinesisReadStatements(args.streamArn), ...kmsUseStatements(args.keyArn, "decrypt", [viaService("kinesis", args.region)])],
    mapping: {
      eventSourceArn: args.streamArn,
      startingPosition: "TRIM_HORIZON",
      parallelizationFactor: args.sizing.parallelizationFactor,
      functionResponseTypes: ["ReportBatchItemFailures"],
      bisectBatchOnFunctionError: true,
      maximumRetryAttempts: PROCESSOR_MAX_RETRY_ATTEMPTS,
      maximumRecordAgeInSeconds: maximumRecordAgeSeconds(args.streamRetentionHours),
    },
  };
}

export function kinesisProcessorOutput(args: {
  cleanStream: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  deadLetterStream: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  keyArn: pulumi.Input<string>;
  region: pulumi.Input<string>;
}): ProcessorOutput {
  return {
    environment: { [PROCESSOR_ENV.cleanStream]: args.cleanStream.name, [PROCESSOR_ENV.deadLetterStream]: args.deadLetterStream.name },
    statements: [
      ...kinesisWriteStatements([args.cleanStream.arn, args.deadLetterStream.arn]),
      ...kmsUseStatements(args.keyArn, "encrypt", [viaService("kinesis", args.region)]),
    ],
  };
}

/** Environment the processor reads (functions/processor/config.ts) besides its output port. */
export function processorEnvironment(config: Pick<TelemetryConfig, "dedupWindowMinutes" | "dedupKeyFields" | "event">, dedupTable: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
  return {
    [PROCESSOR_ENV.dedupTable]: dedupTable,
    [PROCESSOR_ENV.dedupWindowMinutes]: String(config.dedupWindowMinutes),
    [PROCESSOR_ENV.dedupKeyFields]: config.dedupKeyFields.join(","),
    [PROCESSOR_ENV.maxRecordBytes]: String(config.event.maxRecordBytes),
    [PROCESSOR_ENV.maxAgeDays]: String(config.event.maxAgeDays),
  };
}

export interface LightProcessingArgs {
  names: { processorFunction: string; onFailureQueue: string };
  /** The processor's deployable under functions/ (default `processor`; aws-msk: `processor-msk`). */
  deployable?: string;
  /** Attach the processor to a VPC (aws-msk: the brokers are private). */
  vpc?: { subnetIds: pulumi.Input<string>[]; securityGroupIds: pulumi.Input<string>[] };
  source: ProcessorEventSource;
  output: ProcessorOutput;
  dedupTable: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  /** Seed 000's SILVER staging table (created by the shared AWS pieces when `silverStagingTable` is on). */
  stagingTable?: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  config: Pick<TelemetryConfig, "dedupWindowMinutes" | "dedupKeyFields" | "event">;
  sizing: { processor: ProcessorSizing; firehose: FirehoseSizing };
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  env: AwsEnvironment;
  protect: boolean;
  tags: Record<string, string>;
  lakeReady?: pulumi.Resource[];
}

export class LightProcessing extends pulumi.ComponentResource {
  public readonly processor: NodeFunction;
  public readonly failureQueue: aws.sqs.Queue;
  public readonly mapping: aws.lambda.EventSourceMapping;
  public readonly stagingTable?: { name: pulumi.Input<string>; arn: pulumi.Input<string> };

  constructor(name: string, args: LightProcessingArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("sqsQueue", args.names.onFailureQueue);
    const clash = Object.keys(args.output.environment).filter((k) => k in processorEnvironment(args.config, ""));
    if (clash.length) throw new RangeError(`processor output environment overrides ${clash.join(", ")}`);
    super("telemetry:aws:Processing", name, {}, opts);
    const child = { parent: this };

    this.failureQueue = new aws.sqs.Queue(
      `${name}-failures`,
      { name: args.names.onFailureQueue, kmsMasterKeyId: args.keyArn, messageRetentionSeconds: FAILURE_QUEUE_RETENTION_SECONDS, tags: args.tags },
      child,
    );

    this.stagingTable = args.stagingTable;

    this.processor = new NodeFunction(
      `${name}-processor`,
      {
        functionName: args.names.processorFunction,
        deployable: args.deployable ?? "processor",
        description: "Validates, normalises and deduplicates raw events into clean / dead-letter",
        vpc: args.vpc,
        memoryMiB: args.sizing.processor.memoryMiB,
        timeoutSeconds: PROCESSOR_TIMEOUT_SECONDS,
        environment: {
          ...processorEnvironment(args.config, args.dedupTable.name),
          ...args.output.environment,
          ...(this.stagingTable ? { [PROCESSOR_ENV.silverStagingTable]: this.stagingTable.name } : {}),
        },
        statements: [
          ...args.source.statements,
          ...args.output.statements,
          ...dynamoStatements(args.dedupTable.arn, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"]),
          ...kmsUseStatements(args.keyArn, "both", [viaService("dynamodb", args.env.region), viaService("sqs", args.env.region)]),
          ...sqsSendStatements(this.failureQueue.arn),
          ...(this.stagingTable ? dynamoStatements(this.stagingTable.arn, ["dynamodb:BatchWriteItem"]) : []),
        ],
        keyArn: args.keyArn,
        logRetentionDays: args.logRetentionDays,
        env: args.env,
        tags: args.tags,
      },
      child,
    );

    this.mapping = new aws.lambda.EventSourceMapping(
      `${name}-mapping`,
      {
        functionName: this.processor.function.arn,
        batchSize: args.sizing.processor.batchSize,
        maximumBatchingWindowInSeconds: args.sizing.processor.batchingWindowSeconds,
        destinationConfig: { onFailure: { destinationArn: this.failureQueue.arn } },
        ...args.source.mapping,
        tags: args.tags,
      },
      child,
    );

    this.registerOutputs({ processor: this.processor.name, failureQueue: this.failureQueue.url });
  }
}
