/**
 * The account, region and partition the stack deploys into (read once through the provider), and
 * the deployment-wide switches every AWS component honours.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AwsEnvironment {
  accountId: pulumi.Output<string>;
  region: pulumi.Output<string>;
  partition: pulumi.Output<string>;
  /** Active X-Ray tracing on the API stage and every Lambda function (`telemetry:tracing`). */
  tracing: boolean;
}

export function awsEnvironment(parent: pulumi.Resource, switches: { tracing: boolean }): AwsEnvironment {
  const opts = { parent };
  return {
    tracing: switches.tracing,
    accountId: aws.getCallerIdentityOutput({}, opts).accountId,
    region: aws.getRegionOutput({}, opts).region,
    partition: aws.getPartitionOutput({}, opts).partition,
  };
}
