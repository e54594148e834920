/**
 * BigQuery warehouse: the dataset, seed 003's `events` (exactly its DDL), `level_metrics`,
 * `user_daily_metrics`, the `events_landing` table Dataflow streams into, the dead-letter table, and
 * the scheduled queries (BigQuery Data Transfer) that dedup landing → events and run seed 003's
 * daily jobs from the SQL files in `sql/bigquery/`.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "../config";
import type { Names } from "../naming";
import { parseCreateTable, schemaJson, type TableDdl } from "./bigquery-ddl";
import { dedupSqlValues } from "./dedup-sql";
import { readSql, renderSql, type SqlFile } from "./sql-files";
import { sqlTableRef } from "./table-ids";

export const DAY_MS = 24 * 3600 * 1000;
/** Landing partitions only buffer rows until the MERGE has seen them (look-back ≤ a few hours). */
export const LANDING_RETENTION_DAYS = 3;
export const DEAD_LETTER_TABLE = "events_dead_letter";

/** Seed 003's nightly jobs (02:00 UTC) and what follows them; the DQ check runs after its inputs. */
export const SCHEDULED_QUERIES: ReadonlyArray<{ role: string; file: SqlFile; schedule: (config: TelemetryConfig) => string }> = [
  { role: "dedup-merge", file: "dedupMerge", schedule: (c) => `every ${c.gcp.dedupIntervalMinutes} minutes` },
  { role: "level-metrics", file: "computeLevelMetrics", schedule: () => "every day 02:00" },
  { role: "user-metrics", file: "computeUserMetrics", schedule: () => "every day 02:00" },
  { role: "data-quality", file: "dataQualityCheck", schedule: () => "every day 03:00" },
  { role: "export-silver", file: "exportSilver", schedule: () => "every day 03:30" },
  { role: "export-gold", file: "exportGold", schedule: () => "every day 03:30" },
];

/** The error-record schema the Pub/Sub → BigQuery template writes its dead letters with. */
export const PUBSUB_TEMPLATE_DEAD_LETTER_SCHEMA = JSON.stringify([
  { name: "timestamp", type: "TIMESTAMP", mode: "REQUIRED" },
  { name: "payloadString", type: "STRING", mode: "NULLABLE" },
  { name: "payloadBytes", type: "BYTES", mode: "NULLABLE" },
  {
    name: "attributes",
    type: "RECORD",
    mode: "REPEATED",
    fields: [
      { name: "key", type: "STRING", mode: "NULLABLE" },
      { name: "value", type: "STRING", mode: "NULLABLE" },
    ],
  },
  { name: "errorMessage", type: "STRING", mode: "NULLABLE" },
  { name: "stacktrace", type: "STRING", mode: "NULLABLE" },
]);

export interface GcpWarehouseArgs {
  names: Names;
  config: TelemetryConfig;
  datasetId: string;
  projectId: pulumi.Input<string>;
  projectNumber: pulumi.Input<string>;
  labels: Record<string, string>;
  silverBucket: gcp.storage.Bucket;
  goldBucket: gcp.storage.Bucket;
  /** Dead-letter table schema; undefined = created empty (the Kafka template writes its own). */
  deadLetterSchema?: string;
  kmsKeyName?: pulumi.Input<string>;
  kmsDependsOn?: pulumi.Resource[];
}

/** Parsed DDL of every table file, rendered with the values that do not depend on deploy outputs. */
export function warehouseDdl(): Record<"events" | "eventsLanding" | "levelMetrics" | "userDailyMetrics", TableDdl> {
  const values = { project: "project", dataset: "dataset", landing_retention_days: LANDING_RETENTION_DAYS };
  return {
    events: parseCreateTable(renderSql(readSql("events"), values)),
    eventsLanding: parseCreateTable(renderSql(readSql("eventsLanding"), values)),
    levelMetrics: parseCreateTable(renderSql(readSql("levelMetrics"), values)),
    userDailyMetrics: parseCreateTable(renderSql(readSql("userDailyMetrics"), values)),
  };
}

export class GcpWarehouse extends pulumi.ComponentResource {
  public readonly dataset: gcp.bigquery.Dataset;
  public readonly tables: Record<"events" | "eventsLanding" | "levelMetrics" | "userDailyMetrics" | "deadLetter", gcp.bigquery.Table>;
  public readonly scheduledQueries: gcp.bigquery.DataTransferConfig[];
  public readonly serviceAccount: gcp.serviceaccount.Account;

  constructor(name: string, args: GcpWarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
    const ddl = warehouseDdl();
    const sqlValues = dedupSqlValues(args.config, ddl.events.columns);
    super("telemetry:gcp:Warehouse", name, {}, opts);
    const { config, labels } = args;
    const encryption = args.kmsKeyName ? { kmsKeyName: args.kmsKeyName } : undefined;

    this.dataset = new gcp.bigquery.Dataset(
      `${name}-dataset`,
      {
        datasetId: args.datasetId,
        location: config.gcp.bigQueryLocation,
        description: "Game telemetry: seed 003 events, landing, dead letters and GOLD metrics.",
        deleteContentsOnDestroy: !config.protectData,
        labels,
        ...(encryption ? { defaultEncryptionConfiguration: encryption } : {}),
      },
      { parent: this, protect: config.protectData, dependsOn: args.kmsDependsOn },
    );

    const table = (role: string, table: TableDdl, expirationDays?: number) => {
      const expiry = table.options.partition_expiration_days ? Number(table.options.partition_expiration_days) : expirationDays;
      return new gcp.bigquery.Table(
        `${name}-${role}`,
        {
          datasetId: this.dataset.datasetId,
          tableId: table.table,
          schema: schemaJson(table.columns),
          ...(table.partitionBy
            ? { timePartitioning: { type: "DAY", field: table.partitionBy.column, ...(expiry ? { expirationMs: expiry * DAY_MS } : {}) } }
            : {}),
          requirePartitionFilter: table.options.require_partition_filter === "true",
          clusterings: table.clusterBy,
          deletionProtection: config.protectData,
          labels,
          ...(encryption ? { encryptionConfiguration: encryption } : {}),
        },
        { parent: this, protect: config.protectData },
      );
    };
    const gold = config.retention.zones.gold;
    this.tables = {
      events: table("events", ddl.events),
      eventsLanding: table("events-landing", ddl.eventsLanding),
      levelMetrics: table("level-metrics", ddl.levelMetrics, gold),
      userDailyMetrics: table("user-daily-metrics", ddl.userDailyMetrics, gold),
      deadLetter: new gcp.bigquery.Table(
        `${name}-dead-letter`,
        {
          datasetId: this.dataset.datasetId,
          tableId: DEAD_LETTER_TABLE,
          ...(args.deadLetterSchema ? { schema: args.deadLetterSchema } : {}),
          deletionProtection: config.protectData,
          labels,
          ...(encryption ? { encryptionConfiguration: encryption } : {}),
        },
        { parent: this, protect: config.protectData },
      ),
    };

    // The scheduled queries run as their own account: DML on this dataset, jobs in the project,
    // Parquet exports into SILVER and GOLD only.
    this.serviceAccount = new gcp.serviceaccount.Account(
      `${name}-queries`,
      { accountId: args.names.resource("sq", 30), displayName: "Telemetry scheduled queries" },
      { parent: this },
    );
    const member = this.serviceAccount.member;
    const grants: pulumi.Resource[] = [
      new gcp.bigquery.DatasetIamMember(`${name}-queries-data-editor`, { datasetId: this.dataset.datasetId, role: "roles/bigquery.dataEditor", member }, { parent: this }),
      new gcp.projects.IAMMember(`${name}-queries-job-user`, { project: args.projectId, role: "roles/bigquery.jobUser", member }, { parent: this }),
      ...[args.silverBucket, args.goldBucket].map(
        (bucket, index) =>
          new gcp.storage.BucketIAMMember(`${name}-queries-${index === 0 ? "silver" : "gold"}-writer`, { bucket: bucket.name, role: "roles/storage.objectAdmin", member }, { parent: this }),
      ),
      // The Data Transfer service agent mints tokens for the account when a query runs.
      new gcp.serviceaccount.IAMMember(
        `${name}-queries-dts-token-creator`,
        {
          serviceAccountId: this.serviceAccount.name,
          role: "roles/iam.serviceAccountTokenCreator",
          member: pulumi.interpolate`serviceAccount:service-${args.projectNumber}@gcp-sa-bigquerydatatransfer.iam.gserviceaccount.com`,
        },
        { parent: this },
      ),
    ];

    const rendered = pulumi
      .all([args.projectId, this.dataset.datasetId, args.silverBucket.name, args.goldBucket.name])
      .apply(([project, dataset, silver, goldBucket]) => ({ project, dataset, silver_bucket: silver, gold_bucket: goldBucket, landing_retention_days: LANDING_RETENTION_DAYS, ...sqlValues }));
    this.scheduledQueries = SCHEDULED_QUERIES.map(
      (query) =>
        new gcp.bigquery.DataTransferConfig(
          `${name}-query-${query.role}`,
          {
            displayName: args.names.resource(query.role, 100),
            dataSourceId: "scheduled_query",
            location: config.gcp.bigQueryLocation,
            schedule: query.schedule(config),
            serviceAccountName: this.serviceAccount.email,
            emailPreferences: { enableFailureEmail: true },
            params: { query: rendered.apply((values) => renderSql(readSql(query.file), values)) },
            ...(encryption ? { encryptionConfiguration: { kmsKeyName: args.kmsKeyName! } } : {}),
          },
          { parent: this, dependsOn: [...grants, ...Object.values(this.tables)] },
        ),
    );
    this.registerOutputs({ dataset: this.dataset.datasetId, tables: Object.keys(this.tables) });
  }

  /** `project.dataset.table` of a table of this warehouse (SQL spelling). */
  sqlRef(projectId: pulumi.Input<string>, table: gcp.bigquery.Table): pulumi.Output<string> {
    return pulumi.all([projectId, this.dataset.datasetId, table.tableId]).apply(([p, d, t]) => sqlTableRef(p, d, t));
  }
}
