/**
 * LakeCatalog: the Glue database with RAW and SILVER tables (partition projection) and the Athena
 * workgroup (enforced configuration, SSE-KMS results inside the lake, bytes-scanned cutoff).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { glueIdentifier, checkName } from "./limits";
import {
  athenaBytesScannedCutoff,
  hourProjectionParameters,
  HOUR_PARTITION_KEYS,
  JSON_SERDE,
  LAKE_TABLES,
  TEXT_INPUT_FORMAT,
  TEXT_OUTPUT_FORMAT,
} from "./glue-tables";
import { LAKE_PREFIXES } from "./lake-layout";

export interface LakeCatalogArgs {
  stack: string;
  rawBucket: pulumi.Input<string>;
  silverBucket: pulumi.Input<string>;
  /** Bucket holding `athena-results/` (the GOLD bucket). */
  resultsBucket: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  load: { averageEventsPerSecond: number; averageEventBytes: number };
  tags: Record<string, string>;
}

export class LakeCatalog extends pulumi.ComponentResource {
  public readonly database: aws.glue.CatalogDatabase;
  public readonly rawTable: aws.glue.CatalogTable;
  public readonly silverTable: aws.glue.CatalogTable;
  public readonly workgroup: aws.athena.Workgroup;

  constructor(name: string, args: LakeCatalogArgs, opts?: pulumi.ComponentResourceOptions) {
    const databaseName = checkName("glueDatabase", glueIdentifier(`tlm_${args.stack}_lake`));
    const workgroupName = checkName("athenaWorkgroup", `tlm-${args.stack}-analytics`);
    super("telemetry:aws:LakeCatalog", name, {}, opts);
    const child = { parent: this };
    this.database = new aws.glue.CatalogDatabase(
      `${name}-database`,
      { name: databaseName, description: "Game telemetry lake: RAW and SILVER zones", tags: args.tags },
      child,
    );
    const table = (zone: "raw" | "silver", bucket: pulumi.Input<string>) => {
      const spec = LAKE_TABLES[zone];
      return new aws.glue.CatalogTable(
        `${name}-${zone}-table`,
        {
          name: checkName("glueTable", spec.name),
          databaseName: this.database.name,
          tableType: "EXTERNAL_TABLE",
          description: `${zone.toUpperCase()} zone events (GZIP NDJSON, arrival-hour partitions)`,
          parameters: pulumi.output(bucket).apply((b) => hourProjectionParameters(b, spec.prefix)),
          partitionKeys: HOUR_PARTITION_KEYS,
          storageDescriptor: {
            location: pulumi.interpolate`s3://${bucket}/${spec.prefix}`,
            inputFormat: TEXT_INPUT_FORMAT,
            outputFormat: TEXT_OUTPUT_FORMAT,
            compressed: true,
            serDeInfo: JSON_SERDE,
            columns: spec.columns,
          },
        },
        child,
      );
    };
    this.rawTable = table("raw", args.rawBucket);
    this.silverTable = table("silver", args.silverBucket);
    this.workgroup = new aws.athena.Workgroup(
      `${name}-workgroup`,
      {
        name: workgroupName,
        description: "Analytics queries over the telemetry lake",
        forceDestroy: true,
        configuration: {
          enforceWorkgroupConfiguration: true,
          publishCloudwatchMetricsEnabled: true,
          bytesScannedCutoffPerQuery: athenaBytesScannedCutoff(args.load),
          resultConfiguration: {
            outputLocation: pulumi.interpolate`s3://${args.resultsBucket}/${LAKE_PREFIXES.athenaResults}`,
            encryptionConfiguration: { encryptionOption: "SSE_KMS", kmsKeyArn: args.keyArn },
          },
        },
        tags: args.tags,
      },
      child,
    );
    this.registerOutputs({ database: this.database.name, workgroup: this.workgroup.name });
  }
}
