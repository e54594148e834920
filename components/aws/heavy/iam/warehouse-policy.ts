/**
 * Redshift-side IAM (pure): the role Redshift assumes for COPY (read the loader's files and
 * manifests), and what the warehouse-loader Lambda may do (run Data API statements on one
 * workgroup with the namespace's managed admin secret, move files under its lake prefixes).
 */
import * as pulumi from "@pulumi/pulumi";
import { kmsUseStatements, viaService } from "../../iam/kms";
import type { PolicyStatement } from "../../iam/policy-document";
import { s3ReadStatements } from "../../iam/s3";
import { s3ReadWriteDeleteStatements } from "./lake-object-policy";
import { scoped } from "./statement-ids";

/** Redshift Serverless assumes COPY roles as either principal (AWS documents both in the trust policy). */
export const REDSHIFT_SERVICE_PRINCIPALS = ["redshift.amazonaws.com", "redshift-serverless.amazonaws.com"] as const;

export function redshiftCopyStatements(lake: { bucketArn: pulumi.Input<string>; prefixes: string[] }, keyArn: pulumi.Input<string>, region: pulumi.Input<string>): PolicyStatement[] {
  return [
    ...scoped("LoaderFiles", s3ReadStatements(lake.bucketArn, lake.prefixes)),
    ...scoped("PipelineKey", kmsUseStatements(keyArn, "decrypt", [viaService("s3", region)])),
  ];
}

/**
 * Data API calls that start statements take the workgroup ARN; the calls that read a statement back
 * (Describe/Get/Cancel) take no resource and are limited to statements this role started
 * (`redshift-data:statement-owner-iam-userid` = the caller — on the wildcard allow-list with that condition).
 */
export const REDSHIFT_DATA_RUN_ACTIONS = ["redshift-data:BatchExecuteStatement", "redshift-data:ExecuteStatement"] as const;
export const REDSHIFT_DATA_READ_ACTIONS = ["redshift-data:CancelStatement", "redshift-data:DescribeStatement", "redshift-data:GetStatementResult"] as const;

export interface LoaderRoleInputs {
  workgroupArn: pulumi.Input<string>;
  adminSecretArn: pulumi.Input<string>;
  lake: { bucketArn: pulumi.Input<string>; prefixes: string[] };
  keyArn: pulumi.Input<string>;
  region: pulumi.Input<string>;
}

export function warehouseLoaderStatements(inputs: LoaderRoleInputs): PolicyStatement[] {
  return [
    { Sid: "RunStatements", Effect: "Allow", Action: [...REDSHIFT_DATA_RUN_ACTIONS], Resource: [inputs.workgroupArn] },
    {
      Sid: "ReadOwnStatements",
      Effect: "Allow",
      Action: [...REDSHIFT_DATA_READ_ACTIONS],
      Resource: ["*"],
      Condition: { StringEquals: { "redshift-data:statement-owner-iam-userid": "${aws:userid}" } },
    },
    { Sid: "ReadAdminSecret", Effect: "Allow", Action: ["secretsmanager:GetSecretValue"], Resource: [inputs.adminSecretArn] },
    ...scoped("Lake", s3ReadWriteDeleteStatements(inputs.lake.bucketArn, inputs.lake.prefixes)),
    // Lake objects are SSE-KMS; the admin secret is encrypted with the pipeline key too.
    ...scoped("PipelineKey", kmsUseStatements(inputs.keyArn, "both", [viaService("s3", inputs.region), viaService("secretsmanager", inputs.region)])),
  ];
}
