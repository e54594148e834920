/** A CloudWatch log group with retention (every log group the pipeline owns goes through here). */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkName } from "./limits";

export interface LogGroupArgs {
  logGroupName: pulumi.Input<string>;
  retentionDays: number;
  /** Encrypt with the pipeline key (the key policy lets CloudWatch Logs use it). */
  kmsKeyArn?: pulumi.Input<string>;
  tags: Record<string, string>;
}

export function createLogGroup(name: string, args: LogGroupArgs, opts: pulumi.CustomResourceOptions): aws.cloudwatch.LogGroup {
  if (typeof args.logGroupName === "string") checkName("logGroup", args.logGroupName);
  return new aws.cloudwatch.LogGroup(
    name,
    { name: args.logGroupName, retentionInDays: args.retentionDays, kmsKeyId: args.kmsKeyArn, tags: args.tags },
    opts,
  );
}
