/**
 * MskCluster: the aws-msk variant's Kafka cluster — provisioned (sized brokers, a configuration,
 * KMS at rest with the pipeline key, TLS client-broker and in-cluster, broker logs to CloudWatch,
 * enhanced monitoring) or MSK Serverless (AWS-managed encryption, always TLS) — IAM auth only,
 * in the private subnets behind the brokers security group. With Firehose delivery, multi-VPC
 * private connectivity and a cluster policy let Firehose read the topics.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { firehoseClusterPolicy } from "./iam/kafka-policy";
import { createLogGroup } from "./log-group";
import { serverProperties } from "./msk/server-properties";
import type { MskSizing } from "./msk-sizing";

export interface MskClusterArgs {
  /** Physical cluster name: 1–64 characters of letters, digits and `-`. */
  clusterName: string;
  sizing: MskSizing;
  kafkaVersion: string;
  subnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  /** Let Firehose read through private connectivity (cluster policy + multi-VPC connectivity). */
  allowFirehose: boolean;
  logRetentionDays: number;
  protect: boolean;
  tags: Record<string, string>;
}

/** Enhanced monitoring level: per-topic-per-broker adds bytes in/out per topic and broker (lag metrics come with the consumer-lag set). */
export const ENHANCED_MONITORING = "PER_TOPIC_PER_BROKER";
export const CLUSTER_NAME = /^[A-Za-z0-9-]{1,64}$/;

export class MskCluster extends pulumi.ComponentResource {
  public readonly arn: pulumi.Output<string>;
  public readonly clusterName: pulumi.Output<string>;
  /** IAM listener (SASL/IAM over TLS, port 9098) broker list. */
  public readonly bootstrapBrokers: pulumi.Output<string>;
  public readonly kind: "provisioned" | "serverless";
  public readonly brokerLogGroup?: aws.cloudwatch.LogGroup;
  /** Resources a reader (Firehose) must wait for. */
  public readonly readyForReaders: pulumi.Resource[] = [];

  constructor(name: string, args: MskClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!CLUSTER_NAME.test(args.clusterName)) throw new RangeError(`MSK cluster name "${args.clusterName}" must match ${CLUSTER_NAME}`);
    if (args.subnetIds.length !== args.sizing.availabilityZones) {
      throw new RangeError(`MSK cluster ${args.clusterName}: ${args.subnetIds.length} subnets for ${args.sizing.availabilityZones} AZs`);
    }
    super("telemetry:aws:MskCluster", name, {}, opts);
    const parent = this;
    const stateful = { parent, protect: args.protect };
    this.kind = args.sizing.clusterType;

    let cluster: aws.msk.Cluster | aws.msk.ServerlessCluster;
    if (args.sizing.clusterType === "provisioned") {
      const brokers = args.sizing.provisioned!;
      const configuration = new aws.msk.Configuration(
        `${name}-configuration`,
        { name: `${args.clusterName}-config`, kafkaVersions: [args.kafkaVersion], serverProperties: serverProperties(args.sizing), description: "telemetry pipeline broker settings" },
        { parent },
      );
      this.brokerLogGroup = createLogGroup(
        `${name}-broker-logs`,
        { logGroupName: `/aws/msk/${args.clusterName}`, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags },
        { parent },
      );
      cluster = new aws.msk.Cluster(
        `${name}-cluster`,
        {
          clusterName: args.clusterName,
          kafkaVersion: args.kafkaVersion,
          numberOfBrokerNodes: brokers.brokers,
          brokerNodeGroupInfo: {
            instanceType: brokers.instanceType,
            clientSubnets: args.subnetIds,
            securityGroups: [args.securityGroupId],
            storageInfo: { ebsStorageInfo: { volumeSize: brokers.storageGiB } },
            // Multi-VPC private connectivity is how Firehose reaches a private cluster.
            connectivityInfo: args.allowFirehose ? { vpcConnectivity: { clientAuthentication: { sasl: { iam: true } } } } : undefined,
          },
          clientAuthentication: { sasl: { iam: true }, unauthenticated: false },
          encryptionInfo: { encryptionAtRestKmsKeyArn: args.keyArn, encryptionInTransit: { clientBroker: "TLS", inCluster: true } },
          configurationInfo: { arn: configuration.arn, revision: configuration.latestRevision },
          enhancedMonitoring: ENHANCED_MONITORING,
          loggingInfo: { brokerLogs: { cloudwatchLogs: { enabled: true, logGroup: this.brokerLogGroup.name } } },
          tags: args.tags,
        },
        stateful,
      );
      this.bootstrapBrokers = (cluster as aws.msk.Cluster).bootstrapBrokersSaslIam;
    } else {
      cluster = new aws.msk.ServerlessCluster(
        `${name}-serverless`,
        {
          clusterName: args.clusterName,
          clientAuthentication: { sasl: { iam: { enabled: true } } },
          vpcConfigs: [{ subnetIds: args.subnetIds, securityGroupIds: [args.securityGroupId] }],
          tags: args.tags,
        },
        stateful,
      );
      this.bootstrapBrokers = (cluster as aws.msk.ServerlessCluster).bootstrapBrokersSaslIam;
    }
    this.arn = cluster.arn;
    this.clusterName = pulumi.output(args.clusterName);

    if (args.allowFirehose) {
      const policy = new aws.msk.ClusterPolicy(
        `${name}-firehose-policy`,
        { clusterArn: cluster.arn, policy: pulumi.all([cluster.arn, args.accountId]).apply(([arn, account]) => firehoseClusterPolicy(arn, account)) },
        { parent },
      );
      this.readyForReaders.push(policy);
    }
    this.readyForReaders.push(cluster);
    this.registerOutputs({ arn: this.arn, bootstrapBrokers: this.bootstrapBrokers });
  }
}
