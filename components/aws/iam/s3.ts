/** S3 statements scoped to one bucket and one key prefix. */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";

/** `arn:aws:s3:::bucket/prefix*` — the objects under a prefix ("" = the whole bucket). */
export function objectArn(bucketArn: pulumi.Input<string>, prefix: string): pulumi.Output<string> {
  return pulumi.interpolate`${bucketArn}/${prefix}*`;
}

function checkPrefix(prefix: string): void {
  if (prefix.startsWith("/") || (prefix.length > 0 && !prefix.endsWith("/"))) {
    throw new RangeError(`S3 prefix "${prefix}" must not start with "/" and must end with "/" (or be empty)`);
  }
}

/** What Firehose (and other writers) need to put objects under a prefix: the bucket-level calls plus object writes. */
export function s3WriteStatements(bucketArn: pulumi.Input<string>, prefixes: string[]): PolicyStatement[] {
  prefixes.forEach(checkPrefix);
  return [
    { Sid: "BucketLevel", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"], Resource: [bucketArn] },
    {
      Sid: "WriteObjects",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"],
      Resource: prefixes.map((prefix) => objectArn(bucketArn, prefix)),
    },
  ];
}

/** Read-only access to objects under the given prefixes. */
export function s3ReadStatements(bucketArn: pulumi.Input<string>, prefixes: string[]): PolicyStatement[] {
  prefixes.forEach(checkPrefix);
  return [
    { Sid: "ListBucket", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket"], Resource: [bucketArn] },
    { Sid: "ReadObjects", Effect: "Allow", Action: ["s3:GetObject"], Resource: prefixes.map((prefix) => objectArn(bucketArn, prefix)) },
  ];
}
