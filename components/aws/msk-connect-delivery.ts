/**
 * MskConnectDelivery: raw topic → RAW zone through MSK Connect running Aiven's Apache-2.0 S3 sink —
 * a custom plugin from the configured artifact (uploaded into an artifact bucket unless it already
 * is an S3 object), autoscaling workers, worker logs to CloudWatch, IAM-authenticated TLS to the
 * brokers, and a service role scoped to the topic, its consumer group and the RAW prefix.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { fitName } from "../naming";
import type { AwsEnvironment } from "./environment";
import { connectSinkKafkaStatements, statementsForCluster } from "./iam/kafka-policy";
import { kmsUseStatements, viaService } from "./iam/kms";
import { s3WriteStatements } from "./iam/s3";
import { ACCESS_LOG_PREFIX } from "./data-lake";
import { createLogGroup } from "./log-group";
import { MSK_ARTIFACT_ZONE } from "./msk-names";
import { artifactKey, type PluginSource } from "./msk/connector-plugin";
import { KAFKA_CONNECT_VERSION, s3SinkConnectorConfig, s3SinkWorkerProperties } from "./msk/s3-sink-connector-config";
import type { MskSizing } from "./msk-sizing";
import { createServiceRole } from "./service-role";
import { SecureBucket } from "./secure-bucket";

export interface MskConnectDeliveryArgs {
  names: { connector: string; role: string; plugin: string; workerConfig: string; logGroup: string; artifactBucket: pulumi.Input<string> };
  plugin: { source: PluginSource; sha256: string };
  clusterArn: pulumi.Output<string>;
  bootstrapBrokers: pulumi.Input<string>;
  topic: pulumi.Input<string>;
  topicName: string;
  bucket: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  prefix: string;
  subnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  sizing: MskSizing;
  keyArn: pulumi.Input<string>;
  accessLogBucket: pulumi.Input<string>;
  logRetentionDays: number;
  env: AwsEnvironment;
  tags: Record<string, string>;
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

/** Scale out above / in below this worker CPU (MSK Connect's autoscaling policy). */
export const CONNECT_SCALE_OUT_CPU = 80;
export const CONNECT_SCALE_IN_CPU = 20;
export const CONNECT_MCU_PER_WORKER = 1;

export class MskConnectDelivery extends pulumi.ComponentResource {
  public readonly connector: aws.mskconnect.Connector;
  public readonly connectorName: string;
  public readonly logGroup: aws.cloudwatch.LogGroup;

  constructor(name: string, args: MskConnectDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!/^[0-9a-f]{64}$/.test(args.plugin.sha256)) throw new RangeError(`connector plugin SHA-256 "${args.plugin.sha256}" is not 64 hex characters`);
    super("telemetry:aws:MskConnectDelivery", name, {}, opts);
    const parent = this;
    const source = args.plugin.source;

    let location: aws.types.input.mskconnect.CustomPluginLocationS3;
    if (source.kind === "s3") {
      location = { bucketArn: pulumi.interpolate`arn:${args.env.partition}:s3:::${source.bucket}`, fileKey: source.key };
    } else {
      const artifacts = new SecureBucket(
        `${name}-artifacts`,
        {
          bucketName: args.names.artifactBucket,
          encryption: { kind: "kms", keyArn: args.keyArn },
          expiry: [],
          accessLogs: { bucket: args.accessLogBucket, prefix: `${ACCESS_LOG_PREFIX}${MSK_ARTIFACT_ZONE}/` },
          protect: false,
          tags: args.tags,
        },
        { parent },
      );
      const object = new aws.s3.BucketObjectv2(
        `${name}-plugin-object`,
        {
          bucket: artifacts.name,
          key: artifactKey(source, args.plugin.sha256),
          source: source.kind === "file" ? new pulumi.asset.FileAsset(source.path) : new pulumi.asset.RemoteAsset(source.url),
          metadata: { sha256: args.plugin.sha256 },
          tags: args.tags,
        },
        { parent, dependsOn: artifacts.ready },
      );
      location = { bucketArn: artifacts.arn, fileKey: object.key, objectVersion: object.versionId };
    }
    const plugin = new aws.mskconnect.CustomPlugin(
      `${name}-plugin`,
      {
        // Plugins are immutable: the hash in the name makes a new artifact a new plugin.
        name: `${fitName(args.names.plugin, 64 - 13)}-${args.plugin.sha256.slice(0, 12)}`,
        contentType: source.contentType,
        description: `Aiven S3 sink for Apache Kafka (Apache-2.0), sha256 ${args.plugin.sha256}`,
        location: { s3: location },
        tags: args.tags,
      },
      { parent },
    );
    const workers = new aws.mskconnect.WorkerConfiguration(
      `${name}-workers`,
      { name: args.names.workerConfig, propertiesFileContent: s3SinkWorkerProperties(), description: "telemetry S3 sink worker defaults", tags: args.tags },
      { parent },
    );
    this.logGroup = createLogGroup(`${name}-logs`, { logGroupName: args.names.logGroup, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags }, { parent });
    this.connectorName = args.names.connector;
    const { role, policy } = createServiceRole(
      `${name}-role`,
      {
        roleName: args.names.role,
        service: "kafkaconnect.amazonaws.com",
        trustCondition: { StringEquals: { "aws:SourceAccount": args.env.accountId } },
        statements: [
          ...statementsForCluster(args.clusterArn, (arn) => connectSinkKafkaStatements(arn, args.topicName, args.names.connector)),
          ...s3WriteStatements(args.bucket.arn, [args.prefix]),
          ...kmsUseStatements(args.keyArn, "encrypt", [viaService("s3", args.env.region)]),
        ],
        tags: args.tags,
        description: "MSK Connect S3 sink: read the raw topic, write the RAW prefix",
      },
      { parent },
    );
    const tasks = Math.max(1, Math.min(args.sizing.partitions.raw, args.sizing.connectWorkers.maximum));
    this.connector = new aws.mskconnect.Connector(
      `${name}-connector`,
      {
        name: args.names.connector,
        kafkaconnectVersion: KAFKA_CONNECT_VERSION,
        capacity: {
          autoscaling: {
            mcuCount: CONNECT_MCU_PER_WORKER,
            minWorkerCount: args.sizing.connectWorkers.minimum,
            maxWorkerCount: args.sizing.connectWorkers.maximum,
            scaleOutPolicy: { cpuUtilizationPercentage: CONNECT_SCALE_OUT_CPU },
            scaleInPolicy: { cpuUtilizationPercentage: CONNECT_SCALE_IN_CPU },
          },
        },
        connectorConfiguration: pulumi
          .all([args.topic, args.bucket.name, args.env.region])
          .apply(([topic, bucketName, region]) => s3SinkConnectorConfig({ topic, bucketName, region, prefix: args.prefix, tasks })),
        kafkaCluster: { apacheKafkaCluster: { bootstrapServers: args.bootstrapBrokers, vpc: { securityGroups: [args.securityGroupId], subnets: args.subnetIds } } },
        kafkaClusterClientAuthentication: { authenticationType: "IAM" },
        kafkaClusterEncryptionInTransit: { encryptionType: "TLS" },
        plugins: [{ customPlugin: { arn: plugin.arn, revision: plugin.latestRevision } }],
        workerConfiguration: { arn: workers.arn, revision: workers.latestRevision },
        logDelivery: { workerLogDelivery: { cloudwatchLogs: { enabled: true, logGroup: this.logGroup.name } } },
        serviceExecutionRoleArn: role.arn,
        tags: args.tags,
      },
      { parent, dependsOn: [policy, ...args.dependsOn] as pulumi.Input<pulumi.Resource>[] },
    );
    this.registerOutputs({ connector: this.connector.arn });
  }
}
