/**
 * WarehouseLoader: seed 004's loader (functions/warehouse-loader) as a NodeFunction on an EventBridge
 * Scheduler schedule. Each run lists the per-table files under the GOLD bucket's incoming prefix,
 * writes a COPY manifest, COPYs into a staging table (as the namespace's COPY role), merges into the
 * reporting table and moves the files to the loaded prefix — all through the Redshift Data API with
 * the namespace's Secrets-Manager-managed admin secret.
 */
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "../environment";
import { NodeFunction } from "../node-function";
import { GOLD_PREFIXES, WAREHOUSE_TABLES } from "./gold-layout";
import { warehouseLoaderStatements } from "./iam/warehouse-policy";
import { assertUniqueSids } from "./iam/statement-ids";
import { createRecurringSchedule } from "./schedule";

export const LOADER_DEPLOYABLE = "warehouse-loader";
/** A load polls Redshift until its statements finish; 15 minutes is Lambda's ceiling. */
export const LOADER_TIMEOUT_SECONDS = 900;
/** The Data API deadline stays inside the Lambda timeout, so a stuck statement fails the run visibly. */
export const LOADER_STATEMENT_TIMEOUT_MS = 780_000;
export const LOADER_MEMORY_MIB = 512;

export interface WarehouseLoaderArgs {
  names: { function: string; schedule: string; schedulerRole: string };
  lake: { bucket: pulumi.Input<string>; bucketArn: pulumi.Input<string> };
  redshift: { workgroupName: pulumi.Input<string>; workgroupArn: pulumi.Input<string>; database: string; adminSecretArn: pulumi.Input<string>; copyRoleArn: pulumi.Input<string> };
  scheduleExpression: string;
  keyArn: pulumi.Input<string>;
  env: AwsEnvironment;
  logRetentionDays: number;
  tags: Record<string, string>;
}

/** The loader's environment (functions/warehouse-loader/loader-config.ts validates it at start). */
export function loaderEnvironment(args: WarehouseLoaderArgs): Record<string, pulumi.Input<string>> {
  return {
    LAKE_BUCKET: args.lake.bucket,
    INCOMING_PREFIX: GOLD_PREFIXES.warehouseIncoming,
    MANIFEST_PREFIX: GOLD_PREFIXES.warehouseManifests,
    LOADED_PREFIX: GOLD_PREFIXES.warehouseLoaded,
    COPY_ROLE_ARN: args.redshift.copyRoleArn,
    REDSHIFT_WORKGROUP: args.redshift.workgroupName,
    REDSHIFT_DATABASE: args.redshift.database,
    REDSHIFT_SECRET_ARN: args.redshift.adminSecretArn,
    LOADER_TABLES: JSON.stringify(WAREHOUSE_TABLES),
    STATEMENT_TIMEOUT_MS: String(LOADER_STATEMENT_TIMEOUT_MS),
  };
}

export class WarehouseLoader extends pulumi.ComponentResource {
  public readonly fn: NodeFunction;
  public readonly schedule: aws.scheduler.Schedule;

  constructor(name: string, args: WarehouseLoaderArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:aws:WarehouseLoader", name, {}, opts);
    const child = { parent: this };
    this.fn = new NodeFunction(
      `${name}-function`,
      {
        functionName: args.names.function,
        deployable: LOADER_DEPLOYABLE,
        description: "Seed 004 warehouse loader: lake files → manifest → COPY → merge into Redshift",
        memoryMiB: LOADER_MEMORY_MIB,
        timeoutSeconds: LOADER_TIMEOUT_SECONDS,
        environment: loaderEnvironment(args),
        statements: assertUniqueSids(
          warehouseLoaderStatements({
            workgroupArn: args.redshift.workgroupArn,
            adminSecretArn: args.redshift.adminSecretArn,
            lake: { bucketArn: args.lake.bucketArn, prefixes: [GOLD_PREFIXES.warehouseIncoming, GOLD_PREFIXES.warehouseManifests, GOLD_PREFIXES.warehouseLoaded] },
            keyArn: args.keyArn,
            region: args.env.region,
          }),
        ),
        keyArn: args.keyArn,
        logRetentionDays: args.logRetentionDays,
        env: args.env,
        tags: args.tags,
        // Runs must not overlap: two loaders could COPY the same files before either moves them.
        reservedConcurrency: 1,
      },
      child,
    );
    this.schedule = createRecurringSchedule(
      `${name}-schedule`,
      {
        scheduleName: args.names.schedule,
        roleName: args.names.schedulerRole,
        description: `invoke ${args.names.function}`,
        expression: args.scheduleExpression,
        targetArn: this.fn.arn,
        // No table list: every configured table loads.
        input: "{}",
        statements: [{ Sid: "InvokeLoader", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [this.fn.arn] }],
        env: args.env,
        tags: args.tags,
      },
      child,
    ).schedule;
    this.registerOutputs({ function: this.fn.name });
  }
}
