/**
 * The gold-exporter Lambda's own statements (NodeFunction adds its log stream and the environment
 * key): put items into the one fast-access table, read Athena result files under the workgroup's
 * result prefix, and use the pipeline key only through DynamoDB (table CMK) and S3 (SSE-KMS results).
 */
import type * as pulumi from "@pulumi/pulumi";
import { dynamoStatements } from "../../iam/dynamodb";
import { kmsUseStatements, viaService } from "../../iam/kms";
import type { PolicyStatement } from "../../iam/policy-document";
import { objectArn } from "../../iam/s3";
import { scoped } from "./statement-ids";

export interface GoldExporterRoleInputs {
  tableArn: pulumi.Input<string>;
  results: { bucketArn: pulumi.Input<string>; prefix: string };
  keyArn: pulumi.Input<string>;
  region: pulumi.Input<string>;
}

export function goldExporterStatements(inputs: GoldExporterRoleInputs): PolicyStatement[] {
  const { prefix } = inputs.results;
  if (prefix.length === 0 || prefix.startsWith("/") || !prefix.endsWith("/")) {
    throw new RangeError(`Athena result prefix "${prefix}" must be non-empty, not start with "/" and end with "/"`);
  }
  return [
    ...scoped("PlayerDaily", dynamoStatements(inputs.tableArn, ["dynamodb:BatchWriteItem"])),
    { Sid: "ReadQueryResults", Effect: "Allow", Action: ["s3:GetObject"], Resource: [objectArn(inputs.results.bucketArn, prefix)] },
    ...scoped("PipelineKey", kmsUseStatements(inputs.keyArn, "both", [viaService("dynamodb", inputs.region), viaService("s3", inputs.region)])),
  ];
}
