/**
 * HeavyStorage: the heavy tier's two buckets and its Glue database.
 * - `staging`: the STAGING zone (seed 000: "Write enriched data into S3 Staging Zone"), SSE-KMS with the
 *   pipeline key, expiring like SILVER, server access logs into the lake's log bucket; its table
 *   `staging_events` is registered in the lake's Glue database.
 * - `artifacts`: deployable code the services load from S3 (the Flink zip, the Spark script) — versioned
 *   so the Flink application can pin the object version it runs; old versions expire after 30 days.
 * - the GOLD Glue database the Athena transforms create their Iceberg tables in.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../../config";
import type { LakeZone } from "../../contracts";
import { ACCESS_LOG_PREFIX } from "../data-lake";
import type { AwsEnvironment } from "../environment";
import { lakeBucketName } from "../lake-layout";
import { checkName } from "../limits";
import { SecureBucket } from "../secure-bucket";
import { PARQUET, STAGING_COLUMNS, STAGING_EVENTS_PREFIX, STAGING_PARTITION_KEYS, STAGING_PREFIX, STAGING_TABLE_NAME, stagingTableParameters } from "./staging-table";

export const HEAVY_BUCKET_ZONES = ["staging", "artifacts"] as const;

export interface HeavyStorageArgs {
  stack: string;
  env: AwsEnvironment;
  keyArn: pulumi.Input<string>;
  /** The lake's access-log bucket (H3's DataLake.logBucket). */
  accessLogBucket: pulumi.Input<string>;
  /** The lake's Glue database (the staging table lives next to raw_events / silver_events). */
  lakeDatabase: pulumi.Input<string>;
  goldDatabaseName: string;
  retention: TelemetryConfig["retention"];
  protect: boolean;
  tags: Record<string, string>;
}

export class HeavyStorage extends pulumi.ComponentResource {
  public readonly staging: SecureBucket;
  public readonly artifacts: SecureBucket;
  public readonly stagingZone: LakeZone & { table: pulumi.Output<string>; database: pulumi.Output<string> };
  public readonly stagingTable: aws.glue.CatalogTable;
  public readonly goldDatabase: aws.glue.CatalogDatabase;

  constructor(name: string, args: HeavyStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("glueDatabase", args.goldDatabaseName);
    super("telemetry:aws:HeavyStorage", name, {}, opts);
    const child = { parent: this };
    const bucketName = (zone: string) =>
      pulumi.all([args.env.accountId, args.env.region]).apply(([account, region]) => checkName("s3Bucket", lakeBucketName(args.stack, zone, account, region)));
    const accessLogs = (zone: string) => ({ bucket: args.accessLogBucket, prefix: `${ACCESS_LOG_PREFIX}${zone}/` });

    this.staging = new SecureBucket(
      `${name}-staging`,
      {
        bucketName: bucketName("staging"),
        encryption: { kind: "kms", keyArn: args.keyArn },
        expiry: [{ id: "expire-staging", prefix: STAGING_PREFIX, days: args.retention.zones.silver }],
        accessLogs: accessLogs("staging"),
        protect: args.protect,
        tags: { ...args.tags, zone: "staging" },
      },
      child,
    );
    this.artifacts = new SecureBucket(
      `${name}-artifacts`,
      {
        bucketName: bucketName("artifacts"),
        encryption: { kind: "kms", keyArn: args.keyArn },
        expiry: [],
        accessLogs: accessLogs("artifacts"),
        protect: args.protect,
        tags: { ...args.tags, zone: "artifacts" },
      },
      child,
    );

    this.stagingTable = new aws.glue.CatalogTable(
      `${name}-staging-table`,
      {
        name: checkName("glueTable", STAGING_TABLE_NAME),
        databaseName: args.lakeDatabase,
        tableType: "EXTERNAL_TABLE",
        description: "STAGING zone: SILVER events enriched with geo, device and date fields (Parquet, event_date partitions)",
        parameters: this.staging.name.apply(stagingTableParameters),
        partitionKeys: STAGING_PARTITION_KEYS,
        storageDescriptor: {
          location: pulumi.interpolate`s3://${this.staging.name}/${STAGING_EVENTS_PREFIX}`,
          inputFormat: PARQUET.inputFormat,
          outputFormat: PARQUET.outputFormat,
          serDeInfo: PARQUET.serDeInfo,
          columns: STAGING_COLUMNS,
        },
      },
      child,
    );
    this.goldDatabase = new aws.glue.CatalogDatabase(
      `${name}-gold-database`,
      { name: args.goldDatabaseName, description: "GOLD zone: daily level and user metrics (Iceberg tables created by the GOLD batch)", tags: args.tags },
      child,
    );
    this.stagingZone = {
      bucket: this.staging.name,
      bucketId: this.staging.arn,
      prefix: STAGING_PREFIX,
      table: this.stagingTable.name,
      database: pulumi.output(args.lakeDatabase),
    };
    this.registerOutputs({ staging: this.staging.name, artifacts: this.artifacts.name, goldDatabase: this.goldDatabase.name });
  }
}
