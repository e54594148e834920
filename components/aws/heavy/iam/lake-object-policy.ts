/**
 * S3 statements the heavy tier's batch roles need beyond the shared read/write builders: object
 * reads and writes *with deletes* under named prefixes (Spark and Athena rewrite partitions and
 * Iceberg files; the loader moves loaded files), and reads of single artifact objects.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "../../iam/policy-document";
import { objectArn } from "../../iam/s3";

function checkPrefixes(prefixes: string[]): void {
  if (prefixes.length === 0) throw new RangeError("at least one prefix is needed");
  for (const prefix of prefixes) {
    if (prefix.length === 0 || prefix.startsWith("/") || !prefix.endsWith("/")) {
      throw new RangeError(`S3 prefix "${prefix}" must be non-empty, not start with "/" and end with "/"`);
    }
  }
}

/** List the bucket (only under the prefixes) and read, write and delete objects under them. */
export function s3ReadWriteDeleteStatements(bucketArn: pulumi.Input<string>, prefixes: string[]): PolicyStatement[] {
  checkPrefixes(prefixes);
  return [
    { Sid: "BucketLevel", Effect: "Allow", Action: ["s3:GetBucketLocation", "s3:ListBucket", "s3:ListBucketMultipartUploads"], Resource: [bucketArn] },
    {
      Sid: "ObjectsReadWriteDelete",
      Effect: "Allow",
      Action: ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:GetObject", "s3:ListMultipartUploadParts", "s3:PutObject"],
      Resource: prefixes.map((prefix) => objectArn(bucketArn, prefix)),
    },
  ];
}

/** Read exactly these object keys (scripts, zips). */
export function s3ObjectReadStatements(bucketArn: pulumi.Input<string>, keys: pulumi.Input<string>[]): PolicyStatement[] {
  if (keys.length === 0) throw new RangeError("at least one object key is needed");
  return [{ Sid: "ReadArtifacts", Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: keys.map((key) => pulumi.interpolate`${bucketArn}/${key}`) }];
}
