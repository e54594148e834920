/**
 * IngestionApi: the REST API shell — `POST /v1/events` (and `/v1/<mode>/events` per extra auth
 * mode), a body validator with the JSON-schema model, the authorisers from `auth`, shaped error
 * responses, and a stage with JSON access logs, execution-error logs, metrics and throttling.
 * The back end is plugged in as an IngestIntegration (Kinesis service integration or a Lambda).
 */
import { createHash } from "node:crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AuthMode } from "../../config";
import type { ApiSizing } from "../../sizing";
import type { AwsEnvironment } from "../environment";
import { logStreamsArn } from "../iam/logs";
import { checkName } from "../limits";
import { createLogGroup } from "../log-group";
import { createServiceRole } from "../service-role";
import { accessLogFormat } from "./access-log-format";
import { ApiKeyAuthorizer } from "./api-key-authorizer";
import { CognitoAuthorizer } from "./cognito-authorizer";
import type { IngestIntegration } from "./integration";
import { ingestRequestSchema } from "./request-model";
import { ingestRoutes, type IngestRoute } from "./routes";

export interface IngestionApiNames {
  api: string;
  stage: string;
  accessLogGroup: string;
  apiKeyTable: string;
  authorizerFunction: string;
  authorizerInvokeRole: string;
  userPool: string;
  /** Role API Gateway uses to write CloudWatch logs (account-level setting). */
  cloudwatchRole: string;
}

export interface IngestionApiArgs {
  names: IngestionApiNames;
  auth: readonly AuthMode[];
  integration: IngestIntegration;
  throttling: ApiSizing;
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  env: AwsEnvironment;
  protect: boolean;
  tags: Record<string, string>;
  /** X-Ray tracing on the stage. */
  tracing?: boolean;
  /**
   * Set the region's API Gateway CloudWatch role (needed for stage logging). It is one setting per
   * account and region: leave on for the first stack in an account, off where another stack owns it.
   */
  manageAccountLogRole?: boolean;
}

/**
 * Whole-request rejections API Gateway produces itself, shaped like the shared error body. Gateway
 * response templates are plain substitution (no VTL): `$context.error.messageString` is the message
 * already JSON-quoted and escaped, so it is placed without quotes.
 */
export const GATEWAY_ERROR_RESPONSES = [
  { responseType: "BAD_REQUEST_BODY", statusCode: "400", code: "INVALID_REQUEST" },
  { responseType: "REQUEST_TOO_LARGE", statusCode: "413", code: "PAYLOAD_TOO_LARGE" },
  { responseType: "UNSUPPORTED_MEDIA_TYPE", statusCode: "415", code: "INVALID_REQUEST" },
] as const;

export function gatewayErrorTemplate(code: string): string {
  return `{"requestId":"$context.requestId","error":{"code":"${code}","message":$context.error.messageString}}`;
}

export class IngestionApi extends pulumi.ComponentResource {
  public readonly restApi: aws.apigateway.RestApi;
  public readonly stage: aws.apigateway.Stage;
  public readonly accessLogGroup: aws.cloudwatch.LogGroup;
  public readonly executionLogGroup: aws.cloudwatch.LogGroup;
  public readonly routes: IngestRoute[];
  public readonly methods: aws.apigateway.Method[] = [];
  public readonly integrations: aws.apigateway.Integration[] = [];
  public readonly apiKeyAuthorizer?: ApiKeyAuthorizer;
  public readonly cognitoAuthorizer?: CognitoAuthorizer;
  /** `https://…/<stage>/v1/events` */
  public readonly ingestUrl: pulumi.Output<string>;
  public readonly apiName: pulumi.Output<string>;
  public readonly stageName: pulumi.Output<string>;

  constructor(name: string, args: IngestionApiArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("apiGatewayName", args.names.api);
    const routes = ingestRoutes(args.auth);
    if (args.throttling.rateLimit <= 0 || args.throttling.burstLimit < 1) {
      throw new RangeError(`API throttling must be positive (rate ${args.throttling.rateLimit}, burst ${args.throttling.burstLimit})`);
    }
    super("telemetry:aws:IngestionApi", name, {}, opts);
    const child = { parent: this };
    this.routes = routes;
    this.restApi = new aws.apigateway.RestApi(
      `${name}-api`,
      { name: args.names.api, description: "Game telemetry ingestion", endpointConfiguration: { types: "REGIONAL" }, tags: args.tags },
      child,
    );
    const restApi = this.restApi.id;
    this.apiName = this.restApi.name;

    const model = new aws.apigateway.Model(
      `${name}-model`,
      { restApi, name: "IngestRequest", contentType: "application/json", schema: JSON.stringify(ingestRequestSchema()) },
      child,
    );
    const validator = new aws.apigateway.RequestValidator(`${name}-validator`, { restApi, name: "body", validateRequestBody: true, validateRequestParameters: false }, child);

    if (args.auth.includes("apiKey")) {
      this.apiKeyAuthorizer = new ApiKeyAuthorizer(
        `${name}-api-key`,
        {
          restApiId: restApi,
          tableName: args.names.apiKeyTable,
          functionName: args.names.authorizerFunction,
          invokeRoleName: args.names.authorizerInvokeRole,
          keyArn: args.keyArn,
          logRetentionDays: args.logRetentionDays,
          env: args.env,
          protect: args.protect,
          tags: args.tags,
        },
        child,
      );
    }
    if (args.auth.includes("cognito")) {
      this.cognitoAuthorizer = new CognitoAuthorizer(`${name}-cognito`, { restApiId: restApi, userPoolName: args.names.userPool, protect: args.protect, tags: args.tags }, child);
    }

    // One Resource per distinct path prefix, shared between routes (`/v1` exists once).
    const resources = new Map<string, aws.apigateway.Resource>();
    const resourceFor = (segments: string[]): aws.apigateway.Resource => {
      const key = segments.join("/");
      const existing = resources.get(key);
      if (existing) return existing;
      const parentId = segments.length === 1 ? this.restApi.rootResourceId : resourceFor(segments.slice(0, -1)).id;
      const resource = new aws.apigateway.Resource(`${name}-res-${segments.join("-")}`, { restApi, parentId, pathPart: segments[segments.length - 1] }, child);
      resources.set(key, resource);
      return resource;
    };

    const integration = args.integration;
    const routeResources: pulumi.Resource[] = [];
    for (const route of routes) {
      const resource = resourceFor(route.segments);
      const id = `${name}-${route.mode.toLowerCase()}`;
      const auth = this.authorizationFor(route.mode);
      const method = new aws.apigateway.Method(
        `${id}-method`,
        {
          restApi,
          resourceId: resource.id,
          httpMethod: "POST",
          authorization: auth.authorization,
          authorizerId: auth.authorizerId,
          requestValidatorId: validator.id,
          requestModels: { "application/json": model.name },
        },
        child,
      );
      const integrationResource = new aws.apigateway.Integration(
        `${id}-integration`,
        {
          restApi,
          resourceId: resource.id,
          httpMethod: method.httpMethod,
          type: integration.type,
          integrationHttpMethod: "POST",
          uri: integration.uri,
          credentials: integration.credentials,
          requestParameters: integration.requestParameters,
          requestTemplates: integration.requestTemplates,
          passthroughBehavior: integration.passthroughBehavior,
          timeoutMilliseconds: integration.timeoutMilliseconds,
        },
        { parent: this, dependsOn: integration.dependsOn },
      );
      const methodResponses = integration.methodStatusCodes.map(
        (statusCode) =>
          new aws.apigateway.MethodResponse(`${id}-response-${statusCode}`, { restApi, resourceId: resource.id, httpMethod: method.httpMethod, statusCode, responseModels: { "application/json": "Empty" } }, child),
      );
      const integrationResponses = integration.responses.map(
        (response) =>
          new aws.apigateway.IntegrationResponse(
            `${id}-integration-response-${response.statusCode}`,
            {
              restApi,
              resourceId: resource.id,
              httpMethod: method.httpMethod,
              statusCode: response.statusCode,
              selectionPattern: response.selectionPattern,
              responseTemplates: response.responseTemplates,
            },
            { parent: this, dependsOn: [integrationResource, ...methodResponses] },
          ),
      );
      this.methods.push(method);
      this.integrations.push(integrationResource);
      routeResources.push(method, integrationResource, ...methodResponses, ...integrationResponses);
    }

    const gatewayResponses = GATEWAY_ERROR_RESPONSES.map(
      (r) =>
        new aws.apigateway.Response(
          `${name}-gateway-${r.responseType.toLowerCase().replace(/_/g, "-")}`,
          {
            restApiId: restApi,
            responseType: r.responseType,
            statusCode: r.statusCode,
            responseTemplates: { "application/json": gatewayErrorTemplate(r.code) },
          },
          child,
        ),
    );

    // Redeploy whenever what the stage serves changes.
    const fingerprint = pulumi
      .all([integration.uri, integration.requestTemplates ?? {}, JSON.stringify(routes), JSON.stringify(integration.responses.map((r) => [r.statusCode, r.selectionPattern]))])
      .apply((parts) => createHash("sha256").update(JSON.stringify(parts)).digest("hex"));
    const deployment = new aws.apigateway.Deployment(
      `${name}-deployment`,
      { restApi, description: "telemetry ingestion", triggers: { redeployment: fingerprint } },
      { parent: this, dependsOn: [...routeResources, ...gatewayResponses, model, validator] },
    );

    this.accessLogGroup = createLogGroup(
      `${name}-access-logs`,
      { logGroupName: args.names.accessLogGroup, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags },
      child,
    );
    // API Gateway would create this group itself — without retention; own it instead.
    this.executionLogGroup = createLogGroup(
      `${name}-execution-logs`,
      { logGroupName: pulumi.interpolate`API-Gateway-Execution-Logs_${restApi}/${args.names.stage}`, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags },
      child,
    );
    const accountSetting = args.manageAccountLogRole === false ? [] : [this.accountLogRole(name, args)];

    this.stage = new aws.apigateway.Stage(
      `${name}-stage`,
      {
        restApi,
        deployment: deployment.id,
        stageName: args.names.stage,
        accessLogSettings: { destinationArn: this.accessLogGroup.arn, format: accessLogFormat() },
        xrayTracingEnabled: args.tracing ?? false,
        tags: args.tags,
      },
      { parent: this, dependsOn: [...accountSetting, this.executionLogGroup] },
    );
    new aws.apigateway.MethodSettings(
      `${name}-method-settings`,
      {
        restApi,
        stageName: this.stage.stageName,
        methodPath: "*/*",
        settings: {
          metricsEnabled: true,
          loggingLevel: "ERROR",
          dataTraceEnabled: false,
          throttlingRateLimit: args.throttling.rateLimit,
          throttlingBurstLimit: args.throttling.burstLimit,
        },
      },
      child,
    );
    this.stageName = this.stage.stageName;
    this.ingestUrl = pulumi.interpolate`${this.stage.invokeUrl}${routes[0].path}`;
    this.registerOutputs({ ingestUrl: this.ingestUrl, api: this.restApi.id, stage: this.stage.stageName });
  }

  private authorizationFor(mode: AuthMode): { authorization: string; authorizerId?: pulumi.Input<string> } {
    switch (mode) {
      case "apiKey":
        return { authorization: "CUSTOM", authorizerId: this.apiKeyAuthorizer!.authorizer.id };
      case "cognito":
        return { authorization: "COGNITO_USER_POOLS", authorizerId: this.cognitoAuthorizer!.authorizer.id };
      case "iam":
        return { authorization: "AWS_IAM" };
    }
  }

  /** The account-level CloudWatch role, allowed to write only this API's access and execution log groups. */
  private accountLogRole(name: string, args: IngestionApiArgs): aws.apigateway.Account {
    const { role, policy } = createServiceRole(
      `${name}-cloudwatch-role`,
      {
        roleName: args.names.cloudwatchRole,
        service: "apigateway.amazonaws.com",
        statements: [
          {
            Sid: "WriteStageLogs",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            Resource: [logStreamsArn(this.accessLogGroup.arn), logStreamsArn(this.executionLogGroup.arn)],
          },
          {
            Sid: "FindStageLogGroups",
            Effect: "Allow",
            Action: ["logs:DescribeLogGroups"],
            Resource: [pulumi.interpolate`arn:aws:logs:${args.env.region}:${args.env.accountId}:log-group:*`],
          },
        ],
        tags: args.tags,
        description: "API Gateway account setting: write stage logs",
      },
      { parent: this },
    );
    return new aws.apigateway.Account(`${name}-account`, { cloudwatchRoleArn: role.arn }, { parent: this, dependsOn: [policy] });
  }
}
