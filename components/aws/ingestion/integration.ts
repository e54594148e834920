/**
 * What the ingestion API shell needs from a back end: how `POST /v1/events` integrates. aws-native
 * plugs in the Kinesis PutRecords service integration; aws-msk plugs in a producer Lambda (proxy).
 * Data, not resources: the shell creates one Integration per method from it.
 */
import type * as pulumi from "@pulumi/pulumi";

export interface IngestIntegrationResponse {
  statusCode: string;
  /** Regex over the back end's HTTP status (AWS integrations); absent = the default response. */
  selectionPattern?: string;
  responseTemplates?: Record<string, pulumi.Input<string>>;
}

export interface IngestIntegration {
  type: "AWS" | "AWS_PROXY";
  /** e.g. `arn:aws:apigateway:<region>:kinesis:action/PutRecords` or a Lambda invoke ARN. */
  uri: pulumi.Input<string>;
  /** Role API Gateway assumes to call the back end. */
  credentials: pulumi.Input<string>;
  requestTemplates?: Record<string, pulumi.Input<string>>;
  requestParameters?: Record<string, pulumi.Input<string>>;
  passthroughBehavior?: "NEVER" | "WHEN_NO_MATCH" | "WHEN_NO_TEMPLATES";
  timeoutMilliseconds?: number;
  /** Integration responses (AWS type); empty for proxy integrations. */
  responses: IngestIntegrationResponse[];
  /** Status codes declared as method responses. */
  methodStatusCodes: string[];
  /** Resources that must exist before the integration (e.g. the credentials role's policy). */
  dependsOn: pulumi.Resource[];
}
