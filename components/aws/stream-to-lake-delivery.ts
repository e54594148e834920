/**
 * StreamToLakeDelivery: one Firehose delivery stream from a Kinesis stream (or MSK topic) into a lake prefix —
 * GZIP, newline-delimited records, arrival-hour partitions, an error prefix for records it could not
 * deliver, CloudWatch error logging, and a role scoped to exactly that source, prefix, key and log.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { FirehoseSizing } from "../sizing";
import type { AwsEnvironment } from "./environment";
import { kinesisReadStatements } from "./iam/kinesis";
import type { PolicyStatement } from "./iam/policy-document";
import { kmsUseStatements, viaService } from "./iam/kms";
import { logsStatements } from "./iam/logs";
import { s3WriteStatements } from "./iam/s3";
import { errorOutputPrefix, hourPartitionedPrefix } from "./lake-layout";
import { fitName } from "../naming";
import { checkName, NAME_LIMITS } from "./limits";
import { createLogGroup } from "./log-group";
import { createServiceRole } from "./service-role";

/**
 * Where the delivery stream reads: a Kinesis stream, or an MSK topic (aws-msk; `statements` are the
 * Kafka read permissions the caller scopes to its cluster and topic).
 */
export type DeliverySource =
  | { kind: "kinesis"; streamArn: pulumi.Input<string> }
  | { kind: "msk"; clusterArn: pulumi.Input<string>; topic: pulumi.Input<string>; statements: PolicyStatement[] };

export interface StreamToLakeDeliveryArgs {
  /** Physical delivery stream name (≤ 64); also names its role and log group. */
  deliveryName: string;
  source: DeliverySource;
  bucketArn: pulumi.Input<string>;
  /** Data prefix, e.g. `raw/`; records land under `<prefix>year=…/month=…/day=…/hour=…/`. */
  prefix: string;
  /** Where undeliverable records go, e.g. `raw-errors/`. */
  errorsPrefix: string;
  keyArn: pulumi.Input<string>;
  /**
   * Whether each source record already ends with "\n" (the processor's clean and dead-letter
   * records do; raw envelopes from API Gateway do not). Otherwise Firehose appends one, so lake
   * files are NDJSON either way — never two records on a line, never blank lines. Default false:
   * appending is the safe side (a blank line at worst, never two records glued together).
   */
  recordsEndWithNewline?: boolean;
  buffering: FirehoseSizing;
  logRetentionDays: number;
  env: AwsEnvironment;
  tags: Record<string, string>;
  /** Resources that must exist before delivery starts (bucket policy, encryption). */
  dependsOn?: pulumi.Resource[];
}

/** Firehose's CloudWatch error log stream for S3 delivery. */
export const DELIVERY_LOG_STREAM = "DestinationDelivery";

export class StreamToLakeDelivery extends pulumi.ComponentResource {
  public readonly deliveryStream: aws.kinesis.FirehoseDeliveryStream;
  public readonly role: aws.iam.Role;
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly name: pulumi.Output<string>;

  constructor(name: string, args: StreamToLakeDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("firehoseStream", args.deliveryName);
    if (args.prefix === args.errorsPrefix) throw new RangeError(`delivery ${args.deliveryName}: data and error prefixes must differ`);
    super("telemetry:aws:StreamToLakeDelivery", name, {}, opts);
    const child = { parent: this };
    const source = args.source;
    this.logGroup = createLogGroup(
      `${name}-logs`,
      { logGroupName: `/aws/kinesisfirehose/${args.deliveryName}`, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags },
      child,
    );
    const logStream = new aws.cloudwatch.LogStream(`${name}-log-stream`, { name: DELIVERY_LOG_STREAM, logGroupName: this.logGroup.name }, child);
    const { role, policy } = createServiceRole(
      `${name}-role`,
      {
        roleName: fitName(`${args.deliveryName}-firehose`, NAME_LIMITS.iamRole),
        service: "firehose.amazonaws.com",
        // Firehose passes the account id as external id; this stops other accounts' streams using the role.
        trustCondition: { StringEquals: { "sts:ExternalId": args.env.accountId } },
        statements: [
          ...(source.kind === "kinesis" ? kinesisReadStatements(source.streamArn) : source.statements),
          ...s3WriteStatements(args.bucketArn, [args.prefix, args.errorsPrefix]),
          // Decrypting a Kinesis source goes through Kinesis; an MSK source is decrypted by MSK itself.
          ...kmsUseStatements(
            args.keyArn,
            "both",
            source.kind === "kinesis" ? [viaService("kinesis", args.env.region), viaService("s3", args.env.region)] : [viaService("s3", args.env.region)],
          ),
          ...logsStatements(this.logGroup.arn),
        ],
        tags: args.tags,
        description: `Firehose ${args.deliveryName}: read its source, write its lake prefix`,
      },
      child,
    );
    this.role = role;
    this.deliveryStream = new aws.kinesis.FirehoseDeliveryStream(
      `${name}-firehose`,
      {
        name: args.deliveryName,
        destination: "extended_s3",
        kinesisSourceConfiguration: source.kind === "kinesis" ? { kinesisStreamArn: source.streamArn, roleArn: role.arn } : undefined,
        mskSourceConfiguration:
          source.kind === "msk"
            ? { mskClusterArn: source.clusterArn, topicName: source.topic, authenticationConfiguration: { connectivity: "PRIVATE", roleArn: role.arn } }
            : undefined,
        extendedS3Configuration: {
          roleArn: role.arn,
          bucketArn: args.bucketArn,
          prefix: hourPartitionedPrefix(args.prefix),
          errorOutputPrefix: errorOutputPrefix(args.errorsPrefix),
          compressionFormat: "GZIP",
          bufferingSize: args.buffering.bufferMiB,
          bufferingInterval: args.buffering.bufferSeconds,
          kmsKeyArn: args.keyArn,
          processingConfiguration: args.recordsEndWithNewline ? undefined : { enabled: true, processors: [{ type: "AppendDelimiterToRecord" }] },
          cloudwatchLoggingOptions: { enabled: true, logGroupName: this.logGroup.name, logStreamName: logStream.name },
        },
        tags: args.tags,
      },
      // The role's policy must exist before Firehose validates it can read the stream.
      { parent: this, dependsOn: [policy, ...(args.dependsOn ?? [])] },
    );
    this.name = this.deliveryStream.name;
    this.registerOutputs({ name: this.name, arn: this.deliveryStream.arn });
  }
}
