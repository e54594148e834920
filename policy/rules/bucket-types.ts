/** S3 bucket resource types and the companion resources that configure a bucket. */
import type { CheckedResource } from "./types";

export const S3_BUCKET_TYPES: ReadonlySet<string> = new Set(["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"]);

export const S3_SSE_TYPES: ReadonlySet<string> = new Set([
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
]);

export const S3_POLICY_TYPE = "aws:s3/bucketPolicy:BucketPolicy";
export const S3_PUBLIC_ACCESS_BLOCK_TYPE = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";

export function s3Buckets(resources: CheckedResource[]): CheckedResource[] {
  return resources.filter((r) => S3_BUCKET_TYPES.has(r.type));
}
