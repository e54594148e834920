/**
 * DataLake: the RAW, SILVER and GOLD zone buckets (SSE-KMS with the pipeline key + bucket keys) and
 * the access-log bucket they log to. The log bucket uses SSE-S3 because S3 server access logging
 * cannot deliver into a bucket whose default encryption is SSE-KMS.
 */
import * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../config";
import type { DataLake as DataLakeContract, LakeZone } from "../contracts";
import type { AwsEnvironment } from "./environment";
import { accessLogDeliveryStatements } from "./iam/bucket-policy";
import { LAKE_PREFIXES, lakeBucketName, type LakeBucketName, lakeExpiryRules } from "./lake-layout";
import { checkName } from "./limits";
import { SecureBucket } from "./secure-bucket";

export const ACCESS_LOG_PREFIX = "access-logs/";

export interface DataLakeArgs {
  stack: string;
  env: AwsEnvironment;
  keyArn: pulumi.Input<string>;
  retention: TelemetryConfig["retention"];
  protect: boolean;
  tags: Record<string, string>;
  /** Other buckets of the stack (named by `lakeBucketName`) allowed to deliver access logs here, e.g. the heavy tier's. */
  extraLoggedZones?: readonly string[];
}

export class DataLake extends pulumi.ComponentResource {
  public readonly logBucket: SecureBucket;
  public readonly buckets: Record<LakeBucketName, SecureBucket>;
  /** The DataLake contract without catalog tables (LakeCatalog adds those). */
  public readonly zones: Pick<DataLakeContract, "raw" | "silver" | "gold" | "deadLetter">;

  constructor(name: string, args: DataLakeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:aws:DataLake", name, {}, opts);
    const bucketName = (zone: string) =>
      pulumi.all([args.env.accountId, args.env.region]).apply(([account, region]) => checkName("s3Bucket", lakeBucketName(args.stack, zone, account, region)));

    const zoneNames: LakeBucketName[] = ["raw", "silver", "gold"];
    this.logBucket = new SecureBucket(
      `${name}-access-logs`,
      {
        bucketName: bucketName("access-logs"),
        encryption: { kind: "s3" },
        expiry: [{ id: "expire-access-logs", prefix: ACCESS_LOG_PREFIX, days: args.retention.accessLogDays }],
        policyStatements: (arn) =>
          accessLogDeliveryStatements(
            arn,
            ACCESS_LOG_PREFIX,
            [...zoneNames, ...(args.extraLoggedZones ?? [])].map((zone) => pulumi.interpolate`arn:aws:s3:::${bucketName(zone)}`),
            args.env.accountId,
          ),
        protect: args.protect,
        tags: { ...args.tags, zone: "access-logs" },
      },
      { parent: this },
    );

    const zoneBucket = (zone: LakeBucketName) =>
      new SecureBucket(
        `${name}-${zone}`,
        {
          bucketName: bucketName(zone),
          encryption: { kind: "kms", keyArn: args.keyArn },
          expiry: lakeExpiryRules(zone, args.retention),
          accessLogs: { bucket: this.logBucket.name, prefix: `${ACCESS_LOG_PREFIX}${zone}/` },
          protect: args.protect,
          tags: { ...args.tags, zone },
        },
        { parent: this },
      );
    this.buckets = { raw: zoneBucket("raw"), silver: zoneBucket("silver"), gold: zoneBucket("gold") };

    const zone = (bucket: SecureBucket, prefix: string): LakeZone => ({ bucket: bucket.name, bucketId: bucket.arn, prefix });
    this.zones = {
      raw: zone(this.buckets.raw, LAKE_PREFIXES.raw),
      deadLetter: zone(this.buckets.raw, LAKE_PREFIXES.deadLetter),
      silver: zone(this.buckets.silver, LAKE_PREFIXES.silver),
      gold: zone(this.buckets.gold, LAKE_PREFIXES.gold),
    };
    this.registerOutputs({
      raw: this.buckets.raw.name,
      silver: this.buckets.silver.name,
      gold: this.buckets.gold.name,
      accessLogs: this.logBucket.name,
    });
  }
}
