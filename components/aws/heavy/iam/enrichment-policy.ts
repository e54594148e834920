/**
 * The Spark enrichment role (Glue job or EMR Serverless job runs): read SILVER, rewrite STAGING
 * partitions, read the script / module / lookups, use a scratch prefix, update the STAGING table in the catalog, log to its
 * own log group, and — on Glue — publish job metrics in the "Glue" namespace only.
 */
import type * as pulumi from "@pulumi/pulumi";
import { kmsUseStatements, viaService } from "../../iam/kms";
import { logsStatements } from "../../iam/logs";
import type { PolicyStatement } from "../../iam/policy-document";
import { s3ReadStatements } from "../../iam/s3";
import { putMetricDataStatements } from "../../iam/wildcard-allow-list";
import { glueCatalogStatements } from "./glue-catalog-policy";
import { s3ObjectReadStatements, s3ReadWriteDeleteStatements } from "./lake-object-policy";
import { scoped } from "./statement-ids";

export const GLUE_METRICS_NAMESPACE = "Glue";

export interface EnrichmentRoleInputs {
  engine: "glue" | "emr-serverless";
  silver: { bucketArn: pulumi.Input<string>; prefix: string };
  staging: { bucketArn: pulumi.Input<string>; prefix: string };
  artifacts: { bucketArn: pulumi.Input<string>; keys: string[]; scratchPrefix: string };
  catalog: { region: pulumi.Input<string>; accountId: pulumi.Input<string>; databases: pulumi.Input<string>[] };
  logGroupArn: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
}

export function enrichmentRoleStatements(inputs: EnrichmentRoleInputs): PolicyStatement[] {
  return [
    ...scoped("Silver", s3ReadStatements(inputs.silver.bucketArn, [inputs.silver.prefix])),
    ...scoped("Staging", s3ReadWriteDeleteStatements(inputs.staging.bucketArn, [inputs.staging.prefix])),
    ...scoped("Job", s3ObjectReadStatements(inputs.artifacts.bucketArn, inputs.artifacts.keys)),
    ...scoped("Scratch", s3ReadWriteDeleteStatements(inputs.artifacts.bucketArn, [inputs.artifacts.scratchPrefix])),
    // The job's S3 sink updates the STAGING table's schema and partitions (enableUpdateCatalog).
    ...glueCatalogStatements(inputs.catalog, "write"),
    ...logsStatements(inputs.logGroupArn),
    // The lake buckets and the artifacts bucket are SSE-KMS with the pipeline key.
    ...scoped("PipelineKey", kmsUseStatements(inputs.keyArn, "both", [viaService("s3", inputs.catalog.region)])),
    ...(inputs.engine === "glue" ? putMetricDataStatements(GLUE_METRICS_NAMESPACE) : []),
  ];
}
