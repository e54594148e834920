/**
 * SecureBucket: an S3 bucket with the pipeline's non-negotiables — default encryption (SSE-KMS with
 * bucket keys, or SSE-S3 where a service cannot write SSE-KMS), public access blocked, ownership
 * enforced (ACLs off), TLS-only policy, versioning, lifecycle, and server access logs.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { tlsOnlyStatements } from "./iam/bucket-policy";
import { policyDocument, type PolicyStatement } from "./iam/policy-document";
import { ABORT_MULTIPART_DAYS, NONCURRENT_VERSION_DAYS, type ExpiryRule } from "./lake-layout";

export type BucketEncryption = { kind: "kms"; keyArn: pulumi.Input<string> } | { kind: "s3" };

export interface SecureBucketArgs {
  bucketName: pulumi.Input<string>;
  encryption: BucketEncryption;
  expiry: ExpiryRule[];
  /** Where S3 writes this bucket's server access logs (absent only for the log bucket itself). */
  accessLogs?: { bucket: pulumi.Input<string>; prefix: string };
  /** Extra bucket-policy statements (e.g. log delivery), added to the TLS-only deny. */
  policyStatements?: (bucketArn: pulumi.Output<string>) => PolicyStatement[];
  protect: boolean;
  tags: Record<string, string>;
}

export class SecureBucket extends pulumi.ComponentResource {
  public readonly bucket: aws.s3.Bucket;
  public readonly name: pulumi.Output<string>;
  public readonly arn: pulumi.Output<string>;
  /** Resolves when the bucket's policy, encryption and public-access block exist (writers depend on it). */
  public readonly ready: pulumi.Resource[];

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    const ids = args.expiry.map((rule) => rule.id);
    if (new Set(ids).size !== ids.length) throw new RangeError(`bucket ${name}: lifecycle rule ids repeat (${ids.join(", ")})`);
    super("telemetry:aws:SecureBucket", name, {}, opts);
    const child = { parent: this };
    this.bucket = new aws.s3.Bucket(
      `${name}-bucket`,
      { bucket: args.bucketName, forceDestroy: !args.protect, tags: args.tags },
      { parent: this, protect: args.protect, retainOnDelete: args.protect },
    );
    this.name = this.bucket.bucket;
    this.arn = this.bucket.arn;
    const bucket = this.bucket.id;

    const ownership = new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } }, child);
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      child,
    );
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket,
        rules: [
          args.encryption.kind === "kms"
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: args.encryption.keyArn }, bucketKeyEnabled: true }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ],
      },
      child,
    );
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket, versioningConfiguration: { status: "Enabled" } }, child);
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket,
        rules: [
          ...args.expiry.map((rule) => ({ id: rule.id, status: "Enabled", filter: { prefix: rule.prefix }, expiration: { days: rule.days } })),
          {
            id: "noncurrent-and-incomplete",
            status: "Enabled",
            filter: { prefix: "" },
            noncurrentVersionExpiration: { noncurrentDays: NONCURRENT_VERSION_DAYS },
            abortIncompleteMultipartUpload: { daysAfterInitiation: ABORT_MULTIPART_DAYS },
            expiration: { expiredObjectDeleteMarker: true },
          },
        ],
      },
      { parent: this, dependsOn: [versioning] },
    );
    const policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket, policy: policyDocument([...tlsOnlyStatements(this.arn), ...(args.policyStatements?.(this.arn) ?? [])]) },
      // A policy put before the public-access block could be judged public; order them.
      { parent: this, dependsOn: [publicAccess, ownership] },
    );
    if (args.accessLogs) {
      new aws.s3.BucketLogging(
        `${name}-access-logs`,
        { bucket, targetBucket: args.accessLogs.bucket, targetPrefix: args.accessLogs.prefix, targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: "EventTime" } } },
        child,
      );
    }
    this.ready = [policy, encryption, publicAccess];
    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}
