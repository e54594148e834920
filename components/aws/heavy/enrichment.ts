/**
 * Enrichment: SILVER → STAGING with Spark, on AWS Glue 5 (default) or EMR Serverless
 * (`telemetry:heavy.enrichment`). The script `jobs/glue/enrich_silver.py` is uploaded into the
 * artifacts bucket; an EventBridge Scheduler schedule starts a run (`heavy.enrichmentSchedule`); the
 * GOLD state machine also runs it before the daily transforms. On Glue, job bookmarks make each run
 * read only SILVER objects that arrived since the last successful run.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "../environment";
import { createLogGroup } from "../log-group";
import { createServiceRole } from "../service-role";
import { enrichmentRoleStatements } from "./iam/enrichment-policy";
import { assertUniqueSids } from "./iam/statement-ids";
import { createRecurringSchedule, universalTarget } from "./schedule";
import { ENRICHMENT_ARTIFACTS } from "./artifact-paths";

export const ENRICHMENT_SCRATCH_PREFIX = "spark-temp/";
export const GLUE_VERSION = "5.0";
export const GLUE_WORKER_TYPE = "G.1X";
export const EMR_RELEASE_LABEL = "emr-7.5.0";
/** Selects enrich_silver.py's EMR Serverless path (plain Spark, partition rebuild instead of bookmarks). */
export const EMR_ENGINE_ARGUMENTS = ["--engine", "emr-serverless"] as const;
/** A run that takes longer than this is stuck (minutes). */
export const ENRICHMENT_TIMEOUT_MINUTES = 120;

export interface EnrichmentLocations {
  silverPath: string;
  stagingPath: string;
  stagingDatabase: string;
  stagingTable: string;
  geoLookupPath: string;
  deviceLookupPath: string;
}

/** The arguments jobs/glue/enrich_silver.py reads (REQUIRED_ARGS there, besides JOB_NAME), as `--name value` pairs. */
export function enrichmentScriptArguments(l: EnrichmentLocations): Record<string, string> {
  return {
    "--silver_path": l.silverPath,
    "--staging_path": l.stagingPath,
    "--staging_database": l.stagingDatabase,
    "--staging_table": l.stagingTable,
    "--geo_lookup_path": l.geoLookupPath,
    "--device_lookup_path": l.deviceLookupPath,
  };
}

export interface EnrichmentArgs {
  engine: "glue" | "emr-serverless";
  names: { job: string; role: string; schedule: string; schedulerRole: string; emrApplication: string };
  silver: { bucket: pulumi.Input<string>; bucketArn: pulumi.Input<string>; prefix: string };
  staging: { bucket: pulumi.Input<string>; bucketArn: pulumi.Input<string>; prefix: string; eventsPrefix: string; database: pulumi.Input<string>; table: pulumi.Input<string> };
  artifacts: { bucket: pulumi.Input<string>; bucketArn: pulumi.Input<string> };
  workers: number;
  scheduleExpression: string;
  keyArn: pulumi.Input<string>;
  env: AwsEnvironment;
  logRetentionDays: number;
  tags: Record<string, string>;
}

export type EnrichmentTarget =
  | { engine: "glue"; jobName: pulumi.Output<string>; jobArn: pulumi.Output<string> }
  | {
      engine: "emr-serverless";
      applicationId: pulumi.Output<string>;
      applicationArn: pulumi.Output<string>;
      executionRoleArn: pulumi.Output<string>;
      entryPoint: pulumi.Output<string>;
      entryPointArguments: pulumi.Output<string[]>;
      sparkSubmitParameters: pulumi.Output<string>;
    };

export class Enrichment extends pulumi.ComponentResource {
  public readonly target: EnrichmentTarget;
  public readonly role: aws.iam.Role;
  public readonly artifacts: aws.s3.BucketObjectv2[];
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly schedule: aws.scheduler.Schedule;

  constructor(name: string, args: EnrichmentArgs, opts?: pulumi.ComponentResourceOptions) {
    if (args.workers < 2) throw new RangeError(`enrichment workers ${args.workers} must be ≥ 2`);
    super("telemetry:aws:Enrichment", name, {}, opts);
    const child = { parent: this };
    const { env } = args;

    this.artifacts = Object.entries(ENRICHMENT_ARTIFACTS).map(
      ([role, file]) =>
        new aws.s3.BucketObjectv2(
          `${name}-${role.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
          { bucket: args.artifacts.bucket, key: file.key, source: new pulumi.asset.FileAsset(file.path), contentType: file.contentType, tags: args.tags },
          child,
        ),
    );
    const logGroupName = args.engine === "glue" ? `/aws-glue/jobs/${args.names.job}` : `/aws/emr-serverless/${args.names.emrApplication}`;
    this.logGroup = createLogGroup(`${name}-logs`, { logGroupName, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags }, child);
    const { role, policy } = createServiceRole(
      `${name}-role`,
      {
        roleName: args.names.role,
        service: args.engine === "glue" ? "glue.amazonaws.com" : "emr-serverless.amazonaws.com",
        trustCondition: { StringEquals: { "aws:SourceAccount": env.accountId } },
        statements: assertUniqueSids(
          enrichmentRoleStatements({
            engine: args.engine,
            silver: { bucketArn: args.silver.bucketArn, prefix: args.silver.prefix },
            staging: { bucketArn: args.staging.bucketArn, prefix: args.staging.prefix },
            artifacts: { bucketArn: args.artifacts.bucketArn, keys: Object.values(ENRICHMENT_ARTIFACTS).map((a) => a.key), scratchPrefix: ENRICHMENT_SCRATCH_PREFIX },
            catalog: { region: env.region, accountId: env.accountId, databases: [args.staging.database] },
            logGroupArn: this.logGroup.arn,
            keyArn: args.keyArn,
          }),
        ),
        tags: args.tags,
        description: `Spark enrichment SILVER → STAGING (${args.engine})`,
      },
      child,
    );
    this.role = role;

    const artifactUrl = (key: string) => pulumi.interpolate`s3://${args.artifacts.bucket}/${key}`;
    const scriptUrl = artifactUrl(ENRICHMENT_ARTIFACTS.script.key);
    const moduleUrl = artifactUrl(ENRICHMENT_ARTIFACTS.module.key);
    const scratchPath = artifactUrl(ENRICHMENT_SCRATCH_PREFIX);
    const scriptArgs = pulumi
      .all([
        args.silver.bucket,
        args.staging.bucket,
        args.staging.database,
        args.staging.table,
        artifactUrl(ENRICHMENT_ARTIFACTS.geoLookup.key),
        artifactUrl(ENRICHMENT_ARTIFACTS.deviceLookup.key),
      ])
      .apply(([silver, staging, stagingDatabase, stagingTable, geoLookupPath, deviceLookupPath]) =>
        enrichmentScriptArguments({
          silverPath: `s3://${silver}/${args.silver.prefix}`,
          stagingPath: `s3://${staging}/${args.staging.eventsPrefix}`,
          stagingDatabase,
          stagingTable,
          geoLookupPath,
          deviceLookupPath,
        }),
      );
    const dependsOn = [policy, ...this.artifacts];

    if (args.engine === "glue") {
      const job = new aws.glue.Job(
        `${name}-job`,
        {
          name: args.names.job,
          description: "Enrich SILVER events (geo, device, date fields) into the STAGING zone",
          roleArn: role.arn,
          glueVersion: GLUE_VERSION,
          workerType: GLUE_WORKER_TYPE,
          numberOfWorkers: args.workers,
          executionClass: "STANDARD",
          maxRetries: 1,
          timeout: ENRICHMENT_TIMEOUT_MINUTES,
          // One run at a time: bookmarks assume runs do not overlap (the state machine retries when busy).
          executionProperty: { maxConcurrentRuns: 1 },
          command: { name: "glueetl", pythonVersion: "3", scriptLocation: scriptUrl },
          defaultArguments: pulumi.all([scriptArgs, scratchPath, moduleUrl]).apply(([scriptArguments, tempDir, modulePath]) => ({
            ...scriptArguments,
            "--extra-py-files": modulePath,
            "--job-language": "python",
            "--job-bookmark-option": "job-bookmark-enable",
            "--enable-metrics": "true",
            "--enable-observability-metrics": "true",
            "--enable-continuous-cloudwatch-log": "true",
            "--continuous-log-logGroup": logGroupName,
            "--TempDir": tempDir,
          })),
          tags: args.tags,
        },
        { parent: this, dependsOn },
      );
      this.target = { engine: "glue", jobName: job.name, jobArn: job.arn };
      this.schedule = createRecurringSchedule(
        `${name}-schedule`,
        {
          scheduleName: args.names.schedule,
          roleName: args.names.schedulerRole,
          description: `start Glue job ${args.names.job}`,
          expression: args.scheduleExpression,
          targetArn: universalTarget("glue", "startJobRun"),
          input: pulumi.jsonStringify({ JobName: job.name }),
          statements: [{ Sid: "StartEnrichmentJob", Effect: "Allow", Action: ["glue:StartJobRun"], Resource: [job.arn] }],
          env,
          tags: args.tags,
        },
        child,
      ).schedule;
    } else {
      // Executors sized like Glue G.1X workers: 4 vCPU / 16 GB each, plus one driver.
      const application = new aws.emrserverless.Application(
        `${name}-application`,
        {
          name: args.names.emrApplication,
          type: "SPARK",
          releaseLabel: EMR_RELEASE_LABEL,
          architecture: "ARM64",
          autoStartConfiguration: { enabled: true },
          autoStopConfiguration: { enabled: true, idleTimeoutMinutes: 15 },
          maximumCapacity: { cpu: `${(args.workers + 1) * 4} vCPU`, memory: `${(args.workers + 1) * 16} GB` },
          monitoringConfiguration: { cloudwatchLoggingConfiguration: { enabled: true, logGroupName, encryptionKeyArn: args.keyArn } },
          tags: args.tags,
        },
        child,
      );
      // The same `--name value` pairs as the Glue job's arguments, plus the engine: the script then takes
      // its plain-Spark path (no awsglue on EMR, no bookmarks: it rebuilds recent event_date partitions).
      // The module ships with --py-files.
      const entryPointArguments = scriptArgs.apply((a) => [...Object.entries(a).flat(), ...EMR_ENGINE_ARGUMENTS]);
      const sparkSubmitParameters = pulumi.interpolate`--py-files ${moduleUrl}`;
      this.target = {
        engine: "emr-serverless",
        applicationId: application.id,
        applicationArn: application.arn,
        executionRoleArn: role.arn,
        entryPoint: scriptUrl,
        entryPointArguments,
        sparkSubmitParameters,
      };
      this.schedule = createRecurringSchedule(
        `${name}-schedule`,
        {
          scheduleName: args.names.schedule,
          roleName: args.names.schedulerRole,
          description: `start an EMR Serverless run on ${args.names.emrApplication}`,
          expression: args.scheduleExpression,
          targetArn: universalTarget("emrserverless", "startJobRun"),
          input: pulumi.jsonStringify({
            ApplicationId: application.id,
            ExecutionRoleArn: role.arn,
            // Scheduler fills in its execution id: a retried delivery does not start a second run.
            ClientToken: "<aws.scheduler.execution-id>",
            Name: args.names.job,
            JobDriver: { SparkSubmit: { EntryPoint: scriptUrl, EntryPointArguments: entryPointArguments, SparkSubmitParameters: sparkSubmitParameters } },
          }),
          statements: [
            { Sid: "StartEnrichmentRun", Effect: "Allow", Action: ["emr-serverless:StartJobRun"], Resource: [application.arn] },
            {
              Sid: "PassExecutionRole",
              Effect: "Allow",
              Action: ["iam:PassRole"],
              Resource: [role.arn],
              Condition: { StringEquals: { "iam:PassedToService": "emr-serverless.amazonaws.com" } },
            },
          ],
          env,
          tags: args.tags,
        },
        child,
      ).schedule;
    }
    this.registerOutputs({ engine: args.engine, role: role.arn });
  }
}
