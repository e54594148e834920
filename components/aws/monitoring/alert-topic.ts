/**
 * AlertTopic: the SNS topic every alarm notifies (KMS-encrypted with the pipeline key; CloudWatch
 * may publish only from this account) and the on-call email subscription from `alerts.email`.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "../environment";
import { policyDocument } from "../iam/policy-document";
import { checkName } from "../limits";

export interface AlertTopicArgs {
  topicName: string;
  keyArn: pulumi.Input<string>;
  email?: string;
  env: AwsEnvironment;
  tags: Record<string, string>;
}

export class AlertTopic extends pulumi.ComponentResource {
  public readonly topic: aws.sns.Topic;
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: AlertTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("snsTopic", args.topicName);
    super("telemetry:aws:AlertTopic", name, {}, opts);
    this.topic = new aws.sns.Topic(`${name}-topic`, { name: args.topicName, kmsMasterKeyId: args.keyArn, tags: args.tags }, { parent: this });
    this.arn = this.topic.arn;
    new aws.sns.TopicPolicy(
      `${name}-policy`,
      {
        arn: this.topic.arn,
        policy: policyDocument([
          {
            Sid: "CloudWatchAlarmsPublish",
            Effect: "Allow",
            Principal: { Service: "cloudwatch.amazonaws.com" },
            Action: ["sns:Publish"],
            Resource: [this.topic.arn],
            Condition: { StringEquals: { "aws:SourceAccount": args.env.accountId } },
          },
          {
            Sid: "DenyInsecureTransport",
            Effect: "Deny",
            Principal: "*",
            Action: ["sns:Publish"],
            Resource: [this.topic.arn],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          },
        ]),
      },
      { parent: this },
    );
    if (args.email) {
      new aws.sns.TopicSubscription(`${name}-email`, { topic: this.topic.arn, protocol: "email", endpoint: args.email }, { parent: this });
    }
    this.registerOutputs({ arn: this.arn });
  }
}
