/**
 * PipelineKey: the one customer-managed KMS key that encrypts the pipeline's streams, buckets,
 * tables, queues, topic, log groups and Lambda environment variables. Rotation on; alias for humans.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "./environment";
import { keyPolicyStatements } from "./iam/key-policy";
import { policyDocument } from "./iam/policy-document";
import { checkName } from "./limits";

export interface PipelineKeyArgs {
  /** Alias name without the `alias/` prefix, e.g. `tlm-dev-pipeline`. */
  aliasName: string;
  env: AwsEnvironment;
  tags: Record<string, string>;
  /** Protect the key from deletion (a deleted key makes every encrypted byte unreadable). */
  protect: boolean;
}

/** KMS waits this many days before deleting a key scheduled for deletion (the maximum). */
export const KEY_DELETION_WINDOW_DAYS = 30;

export class PipelineKey extends pulumi.ComponentResource {
  public readonly key: aws.kms.Key;
  public readonly alias: aws.kms.Alias;
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: PipelineKeyArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("kmsAlias", `alias/${args.aliasName}`);
    super("telemetry:aws:PipelineKey", name, {}, opts);
    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Game telemetry pipeline data key (${args.aliasName})`,
        enableKeyRotation: true,
        deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
        policy: policyDocument(keyPolicyStatements({ accountId: args.env.accountId, region: args.env.region })),
        tags: args.tags,
      },
      { parent: this, protect: args.protect, retainOnDelete: args.protect },
    );
    this.alias = new aws.kms.Alias(`${name}-alias`, { name: `alias/${args.aliasName}`, targetKeyId: this.key.keyId }, { parent: this });
    this.arn = this.key.arn;
    this.registerOutputs({ arn: this.arn, alias: this.alias.name });
  }
}
