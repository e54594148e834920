/**
 * MskTopics: the pipeline's topics (raw, clean, dead-letter; + deduped in the heavy tier), created during `pulumi up` by the topic-admin
 * Lambda (in the VPC) through an `aws.lambda.Invocation` whose input is the topic specification —
 * any change to partitions or retention changes the input and so re-runs the reconciliation.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "./environment";
import { statementsForCluster, topicAdminKafkaStatements, type PipelineTopics } from "./iam/kafka-policy";
import { topicAdminRequest } from "./msk/topic-plan";
import type { MskSizing } from "./msk-sizing";
import { NodeFunction } from "./node-function";

export interface MskTopicsArgs {
  functionName: string;
  clusterArn: pulumi.Output<string>;
  topics: PipelineTopics;
  sizing: MskSizing;
  subnetIds: pulumi.Input<string>[];
  securityGroupId: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  env: AwsEnvironment;
  tags: Record<string, string>;
  /** What must exist before the admin can reach the brokers (cluster, endpoints, security-group rules). */
  dependsOn: pulumi.Input<pulumi.Resource>[];
}

export class MskTopics extends pulumi.ComponentResource {
  public readonly admin: NodeFunction;
  public readonly invocation: aws.lambda.Invocation;
  public readonly raw: pulumi.Output<string>;
  public readonly clean: pulumi.Output<string>;
  public readonly deadLetter: pulumi.Output<string>;

  constructor(name: string, args: MskTopicsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:aws:MskTopics", name, {}, opts);
    this.admin = new NodeFunction(
      `${name}-admin`,
      {
        functionName: args.functionName,
        deployable: "topic-admin",
        description: "Creates and grows the pipeline's Kafka topics (invoked by Pulumi)",
        memoryMiB: 256,
        timeoutSeconds: 120,
        environment: {},
        statements: statementsForCluster(args.clusterArn, (arn) => topicAdminKafkaStatements(arn, args.topics)),
        keyArn: args.keyArn,
        logRetentionDays: args.logRetentionDays,
        env: args.env,
        tags: args.tags,
        vpc: { subnetIds: args.subnetIds, securityGroupIds: [args.securityGroupId] },
      },
      { parent: this },
    );
    this.invocation = new aws.lambda.Invocation(
      `${name}-reconcile`,
      {
        functionName: this.admin.name,
        input: args.clusterArn.apply((arn) => JSON.stringify(topicAdminRequest(arn, args.topics, args.sizing))),
      },
      { parent: this, dependsOn: args.dependsOn },
    );
    // Readers and writers of a topic wait for the invocation that created it.
    const created = <T>(value: T) => this.invocation.result.apply(() => value);
    this.raw = created(args.topics.raw);
    this.clean = created(args.topics.clean);
    this.deadLetter = created(args.topics.deadLetter);
    this.registerOutputs({ raw: this.raw, clean: this.clean, deadLetter: this.deadLetter });
  }
}
