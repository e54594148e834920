/**
 * KinesisIngestIntegration: API Gateway → Kinesis PutRecords on the raw stream, no Lambda in the hot
 * path. Its role may only put records on that stream (and encrypt with the pipeline key through
 * Kinesis). Whole-call failures map to 5xx; per-record failures are reported in a 200.
 */
import * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "../environment";
import { kinesisWriteStatements } from "../iam/kinesis";
import { kmsUseStatements, viaService } from "../iam/kms";
import { createServiceRole } from "../service-role";
import type { IngestIntegration } from "./integration";
import { putRecordsRequestTemplate, putRecordsResponseTemplate, streamErrorResponseTemplate } from "./templates";

export interface KinesisIngestIntegrationArgs {
  streamName: pulumi.Input<string>;
  streamArn: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  roleName: string;
  env: AwsEnvironment;
  tags: Record<string, string>;
}

/**
 * Kinesis answers 4xx when the call is wrong for reasons the client cannot fix (stream missing,
 * access denied, KMS disabled, request over 5 MiB) → 500; 5xx when it is unavailable → 503 (retry).
 */
export const STREAM_ERROR_RESPONSES = [
  { statusCode: "500", selectionPattern: "4\\d{2}", errorCode: "STREAM_REJECTED" },
  { statusCode: "503", selectionPattern: "5\\d{2}", errorCode: "STREAM_UNAVAILABLE" },
] as const;

export class KinesisIngestIntegration extends pulumi.ComponentResource {
  public readonly integration: IngestIntegration;

  constructor(name: string, args: KinesisIngestIntegrationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:aws:KinesisIngestIntegration", name, {}, opts);
    const { role, policy } = createServiceRole(
      `${name}-role`,
      {
        roleName: args.roleName,
        service: "apigateway.amazonaws.com",
        statements: [...kinesisWriteStatements([args.streamArn]), ...kmsUseStatements(args.keyArn, "encrypt", [viaService("kinesis", args.env.region)])],
        tags: args.tags,
        description: "API Gateway: PutRecords on the raw stream",
      },
      { parent: this },
    );
    this.integration = {
      type: "AWS",
      uri: pulumi.interpolate`arn:aws:apigateway:${args.env.region}:kinesis:action/PutRecords`,
      credentials: role.arn,
      requestParameters: { "integration.request.header.Content-Type": "'application/x-amz-json-1.1'" },
      requestTemplates: { "application/json": pulumi.output(args.streamName).apply(putRecordsRequestTemplate) },
      // A body that is not application/json gets 415 instead of reaching Kinesis untransformed.
      passthroughBehavior: "NEVER",
      responses: [
        { statusCode: "200", responseTemplates: { "application/json": putRecordsResponseTemplate() } },
        ...STREAM_ERROR_RESPONSES.map((r) => ({
          statusCode: r.statusCode,
          selectionPattern: r.selectionPattern,
          responseTemplates: { "application/json": streamErrorResponseTemplate(r.errorCode) },
        })),
      ],
      methodStatusCodes: ["200", ...STREAM_ERROR_RESPONSES.map((r) => r.statusCode)],
      dependsOn: [policy],
    };
    this.registerOutputs({ role: role.arn });
  }
}
