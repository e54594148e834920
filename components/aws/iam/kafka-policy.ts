/**
 * IAM statements for MSK IAM access control (pure). Every `kafka-cluster:*` action is granted on the
 * pipeline's own cluster, topic and group ARNs only:
 *   cluster  arn:aws:kafka:<region>:<account>:cluster/<cluster-name>/<cluster-uuid>
 *   topic    arn:aws:kafka:<region>:<account>:topic/<cluster-name>/<cluster-uuid>/<topic>
 *   group    arn:aws:kafka:<region>:<account>:group/<cluster-name>/<cluster-uuid>/<group>
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";

const CLUSTER_ARN = /^arn:(aws[a-z-]*):kafka:([a-z0-9-]+):(\d{12}):cluster\/([A-Za-z0-9-]+)\/([A-Za-z0-9-]+)$/;

export interface KafkaArns {
  cluster: string;
  topic(name: string): string;
  group(name: string): string;
}

export function kafkaArns(clusterArn: string): KafkaArns {
  const match = CLUSTER_ARN.exec(clusterArn);
  if (!match) throw new RangeError(`not an MSK cluster ARN: ${clusterArn}`);
  const [, partition, region, account, clusterName, clusterUuid] = match;
  const prefix = (kind: string) => `arn:${partition}:kafka:${region}:${account}:${kind}/${clusterName}/${clusterUuid}`;
  return { cluster: clusterArn, topic: (name) => `${prefix("topic")}/${name}`, group: (name) => `${prefix("group")}/${name}` };
}

export interface PipelineTopics {
  raw: string;
  clean: string;
  deadLetter: string;
  /** Heavy tier only: Flink's deduplicated output. */
  deduped?: string;
}

/** Every topic of the pipeline, in a stable order. */
export function allTopics(topics: PipelineTopics): string[] {
  return [topics.raw, topics.clean, topics.deadLetter, ...(topics.deduped ? [topics.deduped] : [])];
}

const allow = (Sid: string, Action: string[], Resource: string[]): PolicyStatement => ({ Sid, Effect: "Allow", Action, Resource });

/** Producer Lambda: idempotent writes to `raw`. */
export function producerKafkaStatements(clusterArn: string, topics: PipelineTopics): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    allow("KafkaConnect", ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"], [arns.cluster]),
    allow("KafkaWriteRaw", ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"], [arns.topic(topics.raw)]),
  ];
}

/** topic-admin Lambda: create / grow / configure the pipeline's topics; bootstrap brokers via the control plane. */
export function topicAdminKafkaStatements(clusterArn: string, topics: PipelineTopics): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    allow("KafkaBootstrap", ["kafka:GetBootstrapBrokers", "kafka:DescribeClusterV2"], [arns.cluster]),
    allow("KafkaConnect", ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"], [arns.cluster]),
    allow(
      "KafkaManageTopics",
      [
        "kafka-cluster:CreateTopic",
        "kafka-cluster:DescribeTopic",
        "kafka-cluster:AlterTopic",
        "kafka-cluster:DescribeTopicDynamicConfiguration",
        "kafka-cluster:AlterTopicDynamicConfiguration",
      ],
      allTopics(topics).map(arns.topic),
    ),
  ];
}

/** Processor Lambda on an MSK event source mapping: reads `raw` as `group`, writes `clean` and `dead-letter`. */
export function processorKafkaStatements(clusterArn: string, topics: PipelineTopics, group: string): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    // The event-source mapping discovers the cluster's brokers and network through the control plane.
    allow("KafkaEventSource", ["kafka:DescribeClusterV2", "kafka:GetBootstrapBrokers"], [arns.cluster]),
    allow("KafkaConnect", ["kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration", "kafka-cluster:WriteDataIdempotently"], [arns.cluster]),
    allow("KafkaReadRaw", ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"], [arns.topic(topics.raw)]),
    allow("KafkaConsumerGroup", ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"], [arns.group(group)]),
    allow("KafkaWriteOutputs", ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"], [arns.topic(topics.clean), arns.topic(topics.deadLetter)]),
  ];
}

/**
 * Firehose with MSK as source (private connectivity): reads one topic. Firehose names its consumer
 * group itself, so the group grant is every group of this cluster — never another cluster's.
 */
export function firehoseSourceKafkaStatements(clusterArn: string, topic: string): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    allow("KafkaControlPlane", ["kafka:GetBootstrapBrokers", "kafka:DescribeCluster", "kafka:DescribeClusterV2"], [arns.cluster]),
    allow("KafkaConnect", ["kafka-cluster:Connect"], [arns.cluster]),
    allow("KafkaReadTopic", ["kafka-cluster:DescribeTopic", "kafka-cluster:DescribeTopicDynamicConfiguration", "kafka-cluster:ReadData"], [arns.topic(topic)]),
    allow("KafkaFirehoseGroups", ["kafka-cluster:DescribeGroup"], [arns.group("*")]),
  ];
}

/** MSK Connect's internal topics and groups (offsets, configs, status) are prefixed like this. */
export const MSK_CONNECT_INTERNAL_PREFIX = "__amazon_msk_connect_";

/** MSK Connect S3 sink: reads `topic` as group `connect-<connector>`, keeps its internal topics. */
export function connectSinkKafkaStatements(clusterArn: string, topic: string, connectorName: string): PolicyStatement[] {
  const arns = kafkaArns(clusterArn);
  return [
    allow("KafkaConnect", ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster"], [arns.cluster]),
    allow("KafkaReadTopic", ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"], [arns.topic(topic)]),
    allow(
      "KafkaConnectInternalTopics",
      ["kafka-cluster:CreateTopic", "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:WriteData"],
      [arns.topic(`${MSK_CONNECT_INTERNAL_PREFIX}*`)],
    ),
    allow("KafkaConnectorGroups", ["kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"], [arns.group(`connect-${connectorName}`), arns.group(`${MSK_CONNECT_INTERNAL_PREFIX}*`)]),
  ];
}

/** Cluster policy (resource policy) letting Firehose create its private VPC connection (seed 001's msk-cluster-policy.json). */
export function firehoseClusterPolicy(clusterArn: string, accountId: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "FirehosePrivateConnectivity",
        Effect: "Allow",
        Principal: { Service: "firehose.amazonaws.com" },
        Action: ["kafka:CreateVpcConnection", "kafka:GetBootstrapBrokers", "kafka:DescribeCluster", "kafka:DescribeClusterV2"],
        Resource: clusterArn,
        Condition: { StringEquals: { "aws:SourceAccount": accountId } },
      },
    ],
  });
}

/** A syntactically valid cluster ARN used only to lay out statements before the real ARN is known. */
const LAYOUT_CLUSTER_ARN = "arn:aws:kafka:us-east-1:000000000000:cluster/layout/00000000-0000-0000-0000-000000000000-1";

/**
 * Statements for a cluster whose ARN is still an Output: the statements' shape (Sids, actions,
 * resource count) never depends on the ARN, so it is laid out now and each resource resolves later.
 * This lets a role be declared with its final policy at construction.
 */
export function statementsForCluster(clusterArn: pulumi.Input<string>, build: (clusterArn: string) => PolicyStatement[]): PolicyStatement[] {
  const arn = pulumi.output(clusterArn);
  return build(LAYOUT_CLUSTER_ARN).map((statement, i) => ({
    ...statement,
    Resource: statement.Resource.map((_, j) => arn.apply((real) => build(real)[i].Resource[j] as string)),
  }));
}
