/**
 * What the Managed Flink application's service role may do (pure builders over ARNs): read the raw
 * channel, write the three outputs, read its code object version, write its own log stream, and —
 * inside a VPC (aws-msk) — manage its network interfaces.
 */
import * as pulumi from "@pulumi/pulumi";
import { KINESIS_READ_ACTIONS, KINESIS_WRITE_ACTIONS } from "../../iam/kinesis";
import { kafkaArns, statementsForCluster } from "../../iam/kafka-policy";
import { kmsUseStatements, viaService } from "../../iam/kms";
import { logStreamsArn } from "../../iam/logs";
import type { PolicyStatement } from "../../iam/policy-document";
import { scoped } from "./statement-ids";

const allow = (Sid: string, Action: string[], Resource: pulumi.Input<string>[]): PolicyStatement => ({ Sid, Effect: "Allow", Action, Resource });

/** Kinesis source + sinks: read `raw`, write each output (the sink describes its stream before writing). */
export function flinkKinesisStatements(rawStreamArn: pulumi.Input<string>, outputStreamArns: pulumi.Input<string>[]): PolicyStatement[] {
  if (outputStreamArns.length === 0) throw new RangeError("flinkKinesisStatements needs the output stream ARNs");
  return [
    allow("ReadRawStream", [...KINESIS_READ_ACTIONS], [rawStreamArn]),
    allow("WriteOutputStreams", [...KINESIS_WRITE_ACTIONS, "kinesis:DescribeStreamSummary", "kinesis:ListShards"], outputStreamArns),
  ];
}

export interface FlinkTopics {
  raw: string;
  outputs: string[];
  group: string;
}

/** MSK (IAM auth) source + sinks, scoped to this cluster's topics and the job's consumer group. */
export function flinkKafkaStatements(clusterArn: pulumi.Input<string>, topics: FlinkTopics): PolicyStatement[] {
  if (topics.outputs.length === 0) throw new RangeError("flinkKafkaStatements needs the output topics");
  return statementsForCluster(clusterArn, (arn) => {
    const arns = kafkaArns(arn);
    return [
      allow("KafkaConnect", ["kafka-cluster:Connect", "kafka-cluster:DescribeCluster", "kafka-cluster:WriteDataIdempotently"], [arns.cluster]),
      allow("KafkaReadRaw", ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"], [arns.topic(topics.raw)]),
      allow("KafkaConsumerGroup", ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"], [arns.group(topics.group)]),
      allow("KafkaWriteOutputs", ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"], topics.outputs.map((topic) => arns.topic(topic))),
    ];
  });
}

/** The code zip: exactly its object (any version — the application pins one). */
export function flinkCodeStatements(bucketArn: pulumi.Input<string>, key: string): PolicyStatement[] {
  return [allow("ReadCodeObject", ["s3:GetObject", "s3:GetObjectVersion"], [pulumi.interpolate`${bucketArn}/${key}`])];
}

/**
 * CloudWatch logging: Managed Flink checks the log group exists (DescribeLogGroups lists the account's
 * groups — scoped to this region and account) and writes to its stream.
 */
export function flinkLogStatements(logGroupArn: pulumi.Input<string>, region: pulumi.Input<string>, accountId: pulumi.Input<string>): PolicyStatement[] {
  return [
    allow("DescribeLogGroups", ["logs:DescribeLogGroups"], [pulumi.interpolate`arn:aws:logs:${region}:${accountId}:log-group:*`]),
    allow("WriteLogStream", ["logs:DescribeLogStreams", "logs:PutLogEvents"], [logStreamsArn(logGroupArn)]),
  ];
}

/**
 * An application in a VPC creates its own ENIs. Creation and deletion are scoped to this account's
 * network interfaces, subnets and security groups; the Describe* calls have no resource-level
 * permissions (listed in the wildcard allow-list).
 */
export function flinkVpcStatements(region: pulumi.Input<string>, accountId: pulumi.Input<string>): PolicyStatement[] {
  const ec2 = (resource: string) => pulumi.interpolate`arn:aws:ec2:${region}:${accountId}:${resource}`;
  return [
    allow("VpcDescribe", ["ec2:DescribeDhcpOptions", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSecurityGroups", "ec2:DescribeSubnets", "ec2:DescribeVpcs"], ["*"]),
    allow("VpcCreateInterfaces", ["ec2:CreateNetworkInterface"], [ec2("network-interface/*"), ec2("subnet/*"), ec2("security-group/*")]),
    allow("VpcManageInterfaces", ["ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface"], [ec2("network-interface/*")]),
  ];
}

export interface FlinkRoleInputs {
  source: { kind: "kinesis"; rawStreamArn: pulumi.Input<string>; outputStreamArns: pulumi.Input<string>[] } | { kind: "kafka"; clusterArn: pulumi.Input<string>; topics: FlinkTopics };
  code: { bucketArn: pulumi.Input<string>; key: string };
  logGroupArn: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  region: pulumi.Input<string>;
  accountId: pulumi.Input<string>;
  inVpc: boolean;
}

/** Every statement of the Flink role, Sids unique. */
export function flinkRoleStatements(inputs: FlinkRoleInputs): PolicyStatement[] {
  const { source } = inputs;
  const streams =
    source.kind === "kinesis" ? flinkKinesisStatements(source.rawStreamArn, source.outputStreamArns) : flinkKafkaStatements(source.clusterArn, source.topics);
  // Kinesis decrypts for the reader / encrypts for the writer with the pipeline key; S3 decrypts the code zip.
  const services = source.kind === "kinesis" ? [viaService("kinesis", inputs.region), viaService("s3", inputs.region)] : [viaService("s3", inputs.region)];
  return [
    ...streams,
    ...flinkCodeStatements(inputs.code.bucketArn, inputs.code.key),
    ...flinkLogStatements(inputs.logGroupArn, inputs.region, inputs.accountId),
    ...scoped("PipelineKey", kmsUseStatements(inputs.keyArn, source.kind === "kinesis" ? "both" : "decrypt", services)),
    ...(inputs.inVpc ? flinkVpcStatements(inputs.region, inputs.accountId) : []),
  ];
}
