/**
 * FlinkDedupApplication: the heavy tier's stream processor on Managed Service for Apache Flink
 * (FLINK-1_20). The PyFlink job (jobs/flink, zipped by scripts/package-flink.ts into dist/flink/app.zip)
 * is uploaded as a versioned S3 object and the application pins that object version, so a new zip
 * deploys as an application update. It reads raw, dedups in RocksDB keyed state with a TTL of
 * `dedupWindowMinutes`, and routes to clean / deduped / dead-letter. Checkpoints, snapshots (restored
 * on restart), CloudWatch logging to a log group with retention, autoscaling from the derived
 * parallelism. The role reads/writes exactly the four channels, the code object and the key.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../../config";
import type { FlinkSizing } from "../../heavy/sizing";
import type { AwsEnvironment } from "../environment";
import { createLogGroup } from "../log-group";
import { createServiceRole } from "../service-role";
import { flinkPropertyGroups, type FlinkOutput, type FlinkSourceSettings } from "./flink-properties";
import { flinkRoleStatements } from "./iam/flink-policy";
import { assertUniqueSids } from "./iam/statement-ids";

export const FLINK_RUNTIME = "FLINK-1_20";
/** Object key of the application zip in the artifacts bucket. */
export const FLINK_CODE_KEY = "flink/telemetry-dedup.zip";
/** Consumer group of the job on MSK. */
export const FLINK_CONSUMER_GROUP = "telemetry-flink-dedup";

interface Channel {
  name: pulumi.Input<string>;
  arn: pulumi.Input<string>;
}

export type FlinkSource =
  | { kind: "kinesis"; raw: Channel; outputs: Record<FlinkOutput, Channel> }
  | {
      kind: "kafka";
      clusterArn: pulumi.Input<string>;
      bootstrapServers: pulumi.Input<string>;
      topics: Record<"raw" | FlinkOutput, string>;
      /** The application runs in the cluster's VPC. */
      vpc: { subnetIds: pulumi.Input<string>[]; securityGroupIds: pulumi.Input<string>[] };
    };

export interface FlinkDedupApplicationArgs {
  names: { application: string; role: string; logGroup: string };
  source: FlinkSource;
  /** Versioned bucket holding the code object. */
  codeBucket: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  /** Local path of the zip built by scripts/package-flink.ts. */
  codeZipPath: string;
  sizing: FlinkSizing;
  checkpointSeconds: number;
  config: Pick<TelemetryConfig, "dedupWindowMinutes" | "dedupKeyFields" | "event">;
  keyArn: pulumi.Input<string>;
  env: AwsEnvironment;
  logRetentionDays: number;
  tags: Record<string, string>;
}

export class FlinkDedupApplication extends pulumi.ComponentResource {
  public readonly application: aws.kinesisanalyticsv2.Application;
  public readonly code: aws.s3.BucketObjectv2;
  public readonly role: aws.iam.Role;
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly name: pulumi.Output<string>;
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: FlinkDedupApplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    const { sizing } = args;
    if (sizing.parallelism < 1 || sizing.parallelismPerKpu < 1) throw new RangeError(`Flink parallelism ${sizing.parallelism} / per KPU ${sizing.parallelismPerKpu} must be ≥ 1`);
    if (args.checkpointSeconds < 10) throw new RangeError(`Flink checkpoint interval ${args.checkpointSeconds} s must be ≥ 10 s`);
    super("telemetry:aws:FlinkDedupApplication", name, {}, opts);
    const child = { parent: this };
    const { source, env } = args;

    this.code = new aws.s3.BucketObjectv2(
      `${name}-code`,
      { bucket: args.codeBucket.name, key: FLINK_CODE_KEY, source: new pulumi.asset.FileAsset(args.codeZipPath), contentType: "application/zip", tags: args.tags },
      child,
    );
    this.logGroup = createLogGroup(`${name}-logs`, { logGroupName: args.names.logGroup, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags }, child);
    const logStream = new aws.cloudwatch.LogStream(`${name}-log-stream`, { name: "application", logGroupName: this.logGroup.name }, child);

    const { role, policy } = createServiceRole(
      `${name}-role`,
      {
        roleName: args.names.role,
        service: "kinesisanalytics.amazonaws.com",
        // Confused-deputy guard: only this account's Managed Flink may assume the role.
        trustCondition: { StringEquals: { "aws:SourceAccount": env.accountId } },
        statements: assertUniqueSids(
          flinkRoleStatements({
            source:
              source.kind === "kinesis"
                ? { kind: "kinesis", rawStreamArn: source.raw.arn, outputStreamArns: Object.values(source.outputs).map((c) => c.arn) }
                : {
                    kind: "kafka",
                    clusterArn: source.clusterArn,
                    topics: { raw: source.topics.raw, outputs: [source.topics.clean, source.topics.deduped, source.topics["dead-letter"]], group: FLINK_CONSUMER_GROUP },
                  },
            code: { bucketArn: args.codeBucket.arn, key: FLINK_CODE_KEY },
            logGroupArn: this.logGroup.arn,
            keyArn: args.keyArn,
            region: env.region,
            accountId: env.accountId,
            inVpc: source.kind === "kafka",
          }),
        ),
        tags: args.tags,
        description: `Managed Flink ${args.names.application}`,
      },
      child,
    );
    this.role = role;

    const settings: pulumi.Output<FlinkSourceSettings> =
      source.kind === "kinesis"
        ? pulumi
            .all([env.region, source.raw.name, source.outputs.clean.arn, source.outputs.deduped.arn, source.outputs["dead-letter"].arn])
            .apply(([region, rawStreamName, clean, deduped, deadLetter]) => ({
              kind: "kinesis" as const,
              region,
              rawStreamName,
              outputStreamArns: { clean, deduped, "dead-letter": deadLetter },
            }))
        : pulumi.output(source.bootstrapServers).apply((bootstrapServers) => ({
            kind: "kafka" as const,
            bootstrapServers,
            rawTopic: source.topics.raw,
            groupId: FLINK_CONSUMER_GROUP,
            outputTopics: { clean: source.topics.clean, deduped: source.topics.deduped, "dead-letter": source.topics["dead-letter"] },
          }));

    this.application = new aws.kinesisanalyticsv2.Application(
      `${name}-application`,
      {
        name: args.names.application,
        description: "Dedup (RocksDB keyed state with TTL), validation and routing of raw events to clean / deduped / dead-letter",
        runtimeEnvironment: FLINK_RUNTIME,
        serviceExecutionRole: role.arn,
        startApplication: true,
        applicationConfiguration: {
          applicationCodeConfiguration: {
            codeContentType: "ZIPFILE",
            codeContent: { s3ContentLocation: { bucketArn: args.codeBucket.arn, fileKey: this.code.key, objectVersion: this.code.versionId } },
          },
          environmentProperties: { propertyGroups: settings.apply((s) => flinkPropertyGroups(args.config, s)) },
          flinkApplicationConfiguration: {
            checkpointConfiguration: {
              configurationType: "CUSTOM",
              checkpointingEnabled: true,
              checkpointInterval: args.checkpointSeconds * 1000,
              // Leave the job at least a fifth of the interval between checkpoints to make progress.
              minPauseBetweenCheckpoints: Math.ceil((args.checkpointSeconds * 1000) / 5),
            },
            monitoringConfiguration: { configurationType: "CUSTOM", logLevel: "INFO", metricsLevel: "TASK" },
            parallelismConfiguration: {
              configurationType: "CUSTOM",
              autoScalingEnabled: sizing.autoScalingEnabled,
              parallelism: sizing.parallelism,
              parallelismPerKpu: sizing.parallelismPerKpu,
            },
          },
          applicationSnapshotConfiguration: { snapshotsEnabled: true },
          runConfiguration: {
            // Restart from the newest snapshot: the dedup state and the source offsets survive updates.
            applicationRestoreConfiguration: { applicationRestoreType: "RESTORE_FROM_LATEST_SNAPSHOT" },
            flinkRunConfiguration: { allowNonRestoredState: false },
          },
          vpcConfiguration: source.kind === "kafka" ? { subnetIds: source.vpc.subnetIds, securityGroupIds: source.vpc.securityGroupIds } : undefined,
        },
        cloudwatchLoggingOptions: { logStreamArn: logStream.arn },
        tags: args.tags,
      },
      // The role's permissions must exist before the service validates the code location and streams.
      { parent: this, dependsOn: [policy] },
    );
    this.name = this.application.name;
    this.arn = this.application.arn;
    this.registerOutputs({ name: this.name, arn: this.arn, codeVersion: this.code.versionId });
  }
}
