/** Bucket policy statements: TLS only, and S3 server access log delivery into the log bucket. */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";
import { objectArn } from "./s3";

/** Deny every request that does not arrive over TLS (bucket and objects). */
export function tlsOnlyStatements(bucketArn: pulumi.Input<string>): PolicyStatement[] {
  return [
    {
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: ["s3:*"],
      Resource: [bucketArn, objectArn(bucketArn, "")],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    },
  ];
}

/**
 * The S3 logging service may write server access logs under `prefix` — only for the pipeline's own
 * source buckets in this account (confused-deputy guard).
 */
export function accessLogDeliveryStatements(
  logBucketArn: pulumi.Input<string>,
  prefix: string,
  sourceBucketArns: pulumi.Input<string>[],
  accountId: pulumi.Input<string>,
): PolicyStatement[] {
  return [
    {
      Sid: "S3ServerAccessLogDelivery",
      Effect: "Allow",
      Principal: { Service: "logging.s3.amazonaws.com" },
      Action: ["s3:PutObject"],
      Resource: [objectArn(logBucketArn, prefix)],
      Condition: { ArnLike: { "aws:SourceArn": sourceBucketArns }, StringEquals: { "aws:SourceAccount": accountId } },
    },
  ];
}
