/**
 * GoldBatch: an EventBridge Scheduler schedule starts a Step Functions state machine that runs the
 * enrichment job, then the GOLD SQL files (sql/gold) on Athena in the lake's workgroup, checks data
 * quality and exports aggregates, then selects the run date's per-player aggregates and invokes the
 * gold-exporter Lambda (functions/gold-exporter), which writes them into the DynamoDB fast-access
 * table; any failure publishes to the alert topic and fails the execution.
 * The definition comes from the pure builder in components/heavy/state-machine.ts; this component
 * only resolves the names it needs and scopes the role to them.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { goldStateMachineDefinitionJson, type EnrichmentStep } from "../../heavy/state-machine";
import type { AwsEnvironment } from "../environment";
import { LAKE_PREFIXES } from "../lake-layout";
import { createLogGroup } from "../log-group";
import { createServiceRole } from "../service-role";
import { GOLD_PREFIXES, s3Url } from "./gold-layout";
import { goldBatchRoleStatements, type GoldEnrichmentGrant } from "./iam/gold-batch-policy";
import { assertUniqueSids } from "./iam/statement-ids";
import type { EnrichmentTarget } from "./enrichment";
import { createRecurringSchedule } from "./schedule";
import { NodeFunction } from "../node-function";
import { goldExporterStatements } from "./iam/gold-exporter-policy";

export const EXPORTER_DEPLOYABLE = "gold-exporter";
/** A day of 1M+ players is ~40k BatchWriteItem requests; minutes at 8 in flight, well inside 15. */
export const EXPORTER_TIMEOUT_SECONDS = 900;
export const EXPORTER_MEMORY_MIB = 512;

export interface GoldExporterEnvironmentInputs {
  tableName: pulumi.Input<string>;
  resultBucket: pulumi.Input<string>;
  ttlDays: number;
}

/** The exporter's environment (functions/gold-exporter/exporter-config.ts validates it at start). */
export function exporterEnvironment(inputs: GoldExporterEnvironmentInputs): Record<string, pulumi.Input<string>> {
  return {
    TABLE_NAME: inputs.tableName,
    RESULT_BUCKET: inputs.resultBucket,
    RESULT_PREFIX: LAKE_PREFIXES.athenaResults,
    TTL_DAYS: String(inputs.ttlDays),
  };
}

export interface GoldBatchArgs {
  names: { stateMachine: string; role: string; logGroup: string; schedule: string; schedulerRole: string; exporterFunction: string };
  athenaWorkgroup: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  goldBucket: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  staging: { bucketArn: pulumi.Input<string>; prefix: string; database: pulumi.Input<string>; table: pulumi.Input<string> };
  goldDatabase: pulumi.Input<string>;
  enrichment: EnrichmentTarget;
  /** The DynamoDB fast-access table (keys player_id / metric_date, TTL expires_at) and how long its items live. */
  playerTable: { name: pulumi.Input<string>; arn: pulumi.Input<string>; ttlDays: number };
  alertTopicArn: pulumi.Input<string>;
  scheduleExpression: string;
  keyArn: pulumi.Input<string>;
  env: AwsEnvironment;
  logRetentionDays: number;
  tags: Record<string, string>;
}

export class GoldBatch extends pulumi.ComponentResource {
  public readonly stateMachine: aws.sfn.StateMachine;
  public readonly role: aws.iam.Role;
  public readonly schedule: aws.scheduler.Schedule;
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly exporter: NodeFunction;

  constructor(name: string, args: GoldBatchArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!Number.isInteger(args.playerTable.ttlDays) || args.playerTable.ttlDays < 1) throw new RangeError(`playerTable.ttlDays ${args.playerTable.ttlDays} must be a whole number ≥ 1`);
    super("telemetry:aws:GoldBatch", name, {}, opts);
    const child = { parent: this };
    const { env } = args;
    this.logGroup = createLogGroup(`${name}-logs`, { logGroupName: args.names.logGroup, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags }, child);

    // The workgroup writes query results (the player-daily SELECT's CSV included) under the GOLD bucket's athena-results/.
    this.exporter = new NodeFunction(
      `${name}-exporter`,
      {
        functionName: args.names.exporterFunction,
        deployable: EXPORTER_DEPLOYABLE,
        description: "GOLD per-player daily aggregates (Athena result CSV) → DynamoDB fast-access table",
        memoryMiB: EXPORTER_MEMORY_MIB,
        timeoutSeconds: EXPORTER_TIMEOUT_SECONDS,
        environment: exporterEnvironment({ tableName: args.playerTable.name, resultBucket: args.goldBucket.name, ttlDays: args.playerTable.ttlDays }),
        statements: assertUniqueSids(
          goldExporterStatements({
            tableArn: args.playerTable.arn,
            results: { bucketArn: args.goldBucket.arn, prefix: LAKE_PREFIXES.athenaResults },
            keyArn: args.keyArn,
            region: env.region,
          }),
        ),
        keyArn: args.keyArn,
        logRetentionDays: args.logRetentionDays,
        env,
        tags: args.tags,
      },
      child,
    );

    const grant: GoldEnrichmentGrant =
      args.enrichment.engine === "glue"
        ? { engine: "glue", jobArn: args.enrichment.jobArn }
        : { engine: "emr-serverless", applicationArn: args.enrichment.applicationArn, executionRoleArn: args.enrichment.executionRoleArn };
    const { role, policy } = createServiceRole(
      `${name}-role`,
      {
        roleName: args.names.role,
        service: "states.amazonaws.com",
        trustCondition: { StringEquals: { "aws:SourceAccount": env.accountId } },
        statements: assertUniqueSids(
          goldBatchRoleStatements({
            athenaWorkgroupArn: args.athenaWorkgroup.arn,
            staging: { bucketArn: args.staging.bucketArn, prefix: args.staging.prefix },
            gold: { bucketArn: args.goldBucket.arn, prefixes: [GOLD_PREFIXES.tables, GOLD_PREFIXES.aggregates, LAKE_PREFIXES.athenaResults] },
            catalog: { region: env.region, accountId: env.accountId, databases: [args.goldDatabase, args.staging.database] },
            enrichment: grant,
            alertTopicArn: args.alertTopicArn,
            keyArn: args.keyArn,
            exporterFunctionArn: this.exporter.arn,
          }),
        ),
        tags: args.tags,
        description: `GOLD batch state machine ${args.names.stateMachine}`,
      },
      child,
    );
    this.role = role;

    const enrichmentStep: pulumi.Output<EnrichmentStep> =
      args.enrichment.engine === "glue"
        ? args.enrichment.jobName.apply((jobName) => ({ engine: "glue" as const, jobName }))
        : pulumi
            .all([args.enrichment.applicationId, args.enrichment.executionRoleArn, args.enrichment.entryPoint, args.enrichment.entryPointArguments, args.enrichment.sparkSubmitParameters])
            .apply(([applicationId, executionRoleArn, entryPoint, entryPointArguments, sparkSubmitParameters]) => ({
              engine: "emr-serverless" as const,
              applicationId,
              executionRoleArn,
              entryPoint,
              entryPointArguments,
              sparkSubmitParameters,
            }));
    const definition = pulumi
      .all([args.alertTopicArn, args.athenaWorkgroup.name, args.goldBucket.name, args.goldDatabase, args.staging.database, args.staging.table, enrichmentStep, this.exporter.arn])
      .apply(([alertTopicArn, athenaWorkgroup, goldBucket, goldDatabase, stagingDatabase, stagingTable, enrichment, exporterArn]) =>
        goldStateMachineDefinitionJson({
          alertTopicArn,
          athenaWorkgroup,
          // The workgroup enforces its own (SSE-KMS) result location.
          sql: {
            gold_database: goldDatabase,
            staging_database: stagingDatabase,
            staging_table: stagingTable,
            gold_location: s3Url(goldBucket, GOLD_PREFIXES.tables),
            aggregates_location: s3Url(goldBucket, GOLD_PREFIXES.aggregates),
          },
          enrichment,
          playerDailyExport: { functionArn: exporterArn },
        }),
      );

    this.stateMachine = new aws.sfn.StateMachine(
      `${name}-state-machine`,
      {
        name: args.names.stateMachine,
        type: "STANDARD",
        roleArn: role.arn,
        definition,
        loggingConfiguration: { level: "ERROR", includeExecutionData: true, logDestination: pulumi.interpolate`${this.logGroup.arn}:*` },
        tracingConfiguration: { enabled: false },
        tags: args.tags,
      },
      { parent: this, dependsOn: [policy] },
    );

    this.schedule = createRecurringSchedule(
      `${name}-schedule`,
      {
        scheduleName: args.names.schedule,
        roleName: args.names.schedulerRole,
        description: `start the GOLD batch ${args.names.stateMachine}`,
        expression: args.scheduleExpression,
        targetArn: this.stateMachine.arn,
        // No run_date: the state machine processes the day before the execution started.
        input: "{}",
        statements: [{ Sid: "StartGoldBatch", Effect: "Allow", Action: ["states:StartExecution"], Resource: [this.stateMachine.arn] }],
        env,
        tags: args.tags,
      },
      child,
    ).schedule;
    this.registerOutputs({ stateMachine: this.stateMachine.arn, exporter: this.exporter.arn });
  }
}
