/**
 * The GOLD state machine's role: run queries in one Athena workgroup, read STAGING and write the GOLD
 * prefixes (Athena runs with the caller's permissions), maintain the GOLD Glue tables, run the one
 * enrichment job, invoke the gold-exporter Lambda, publish to the alert topic, and deliver its
 * execution logs.
 */
import * as pulumi from "@pulumi/pulumi";
import { kmsUseStatements, viaService } from "../../iam/kms";
import type { PolicyStatement } from "../../iam/policy-document";
import { s3ReadStatements } from "../../iam/s3";
import { glueCatalogStatements } from "./glue-catalog-policy";
import { s3ReadWriteDeleteStatements } from "./lake-object-policy";
import { scoped } from "./statement-ids";

export const ATHENA_QUERY_ACTIONS = ["athena:GetQueryExecution", "athena:GetQueryResults", "athena:GetWorkGroup", "athena:StartQueryExecution", "athena:StopQueryExecution"] as const;

/**
 * Step Functions delivers execution logs through CloudWatch Logs' vended-log API, whose actions take
 * no resource ARN (AWS documents `Resource: "*"`; they are on the wildcard allow-list).
 */
export const LOG_DELIVERY_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:DescribeLogGroups",
  "logs:DescribeResourcePolicies",
  "logs:GetLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:UpdateLogDelivery",
] as const;

export type GoldEnrichmentGrant =
  | { engine: "glue"; jobArn: pulumi.Input<string> }
  | { engine: "emr-serverless"; applicationArn: pulumi.Input<string>; executionRoleArn: pulumi.Input<string> };

export interface GoldBatchRoleInputs {
  athenaWorkgroupArn: pulumi.Input<string>;
  staging: { bucketArn: pulumi.Input<string>; prefix: string };
  gold: { bucketArn: pulumi.Input<string>; prefixes: string[] };
  catalog: { region: pulumi.Input<string>; accountId: pulumi.Input<string>; databases: pulumi.Input<string>[] };
  enrichment: GoldEnrichmentGrant;
  alertTopicArn: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  /** The gold-exporter Lambda the state machine invokes (unqualified ARN). */
  exporterFunctionArn?: pulumi.Input<string>;
}

function enrichmentStatements(grant: GoldEnrichmentGrant, region: pulumi.Input<string>, accountId: pulumi.Input<string>): PolicyStatement[] {
  if (grant.engine === "glue") {
    return [{ Sid: "RunEnrichmentJob", Effect: "Allow", Action: ["glue:BatchStopJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:StartJobRun"], Resource: [grant.jobArn] }];
  }
  return [
    {
      Sid: "RunEnrichmentJob",
      Effect: "Allow",
      Action: ["emr-serverless:CancelJobRun", "emr-serverless:GetJobRun", "emr-serverless:StartJobRun"],
      Resource: [grant.applicationArn, pulumi.interpolate`${grant.applicationArn}/jobruns/*`],
    },
    {
      Sid: "PassEnrichmentRole",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [grant.executionRoleArn],
      Condition: { StringEquals: { "iam:PassedToService": "emr-serverless.amazonaws.com" } },
    },
    {
      // `.sync` on EMR Serverless waits through a managed EventBridge rule Step Functions creates.
      Sid: "SyncEventRule",
      Effect: "Allow",
      Action: ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
      Resource: [pulumi.interpolate`arn:aws:events:${region}:${accountId}:rule/StepFunctionsGetEventsForEMRServerlessJobRule`],
    },
  ];
}

export function goldBatchRoleStatements(inputs: GoldBatchRoleInputs): PolicyStatement[] {
  const region = inputs.catalog.region;
  return [
    { Sid: "AthenaQueries", Effect: "Allow", Action: [...ATHENA_QUERY_ACTIONS], Resource: [inputs.athenaWorkgroupArn] },
    ...scoped("Staging", s3ReadStatements(inputs.staging.bucketArn, [inputs.staging.prefix])),
    ...scoped("Gold", s3ReadWriteDeleteStatements(inputs.gold.bucketArn, inputs.gold.prefixes)),
    ...glueCatalogStatements(inputs.catalog, "write"),
    ...enrichmentStatements(inputs.enrichment, region, inputs.catalog.accountId),
    { Sid: "PublishAlert", Effect: "Allow", Action: ["sns:Publish"], Resource: [inputs.alertTopicArn] },
    ...(inputs.exporterFunctionArn ? [{ Sid: "InvokeGoldExporter", Effect: "Allow" as const, Action: ["lambda:InvokeFunction"], Resource: [inputs.exporterFunctionArn] }] : []),
    // S3 (lake objects, Athena results) and SNS (the alert topic) encrypt with the pipeline key.
    ...scoped("PipelineKey", kmsUseStatements(inputs.keyArn, "both", [viaService("s3", region), viaService("sns", region)])),
    { Sid: "DeliverExecutionLogs", Effect: "Allow", Action: [...LOG_DELIVERY_ACTIONS], Resource: ["*"] },
  ];
}
