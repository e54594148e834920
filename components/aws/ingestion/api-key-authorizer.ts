/**
 * ApiKeyAuthorizer: the REQUEST authorizer Lambda (functions/authorizer) and its DynamoDB table of
 * API-key hashes (hash key `key_hash`; keys are never stored in clear). API Gateway invokes it with
 * a role allowed to invoke only this function; decisions are cached per Authorization header.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { API_KEYS_PARTITION_KEY } from "../../../functions/authorizer/api-key-table";
import type { AwsEnvironment } from "../environment";
import { dynamoStatements } from "../iam/dynamodb";
import { kmsUseStatements, viaService } from "../iam/kms";
import { lambdaInvokeStatements } from "../iam/lambda";
import { checkName } from "../limits";
import { NodeFunction } from "../node-function";
import { createServiceRole } from "../service-role";

/** The authorizer reads its table name from this variable (functions/authorizer/handler.ts). */
export const AUTHORIZER_TABLE_ENV = "API_KEYS_TABLE";
/** Allow/deny decisions are cached this long per key (revocation takes effect within it). */
export const AUTHORIZER_CACHE_SECONDS = 300;
export const AUTHORIZER_IDENTITY_SOURCE = "method.request.header.Authorization";

export interface ApiKeyAuthorizerArgs {
  restApiId: pulumi.Input<string>;
  tableName: string;
  functionName: string;
  invokeRoleName: string;
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  env: AwsEnvironment;
  protect: boolean;
  tags: Record<string, string>;
}

export class ApiKeyAuthorizer extends pulumi.ComponentResource {
  public readonly table: aws.dynamodb.Table;
  public readonly fn: NodeFunction;
  public readonly authorizer: aws.apigateway.Authorizer;

  constructor(name: string, args: ApiKeyAuthorizerArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("dynamodbTable", args.tableName);
    super("telemetry:aws:ApiKeyAuthorizer", name, {}, opts);
    this.table = new aws.dynamodb.Table(
      `${name}-table`,
      {
        name: args.tableName,
        billingMode: "PAY_PER_REQUEST",
        hashKey: API_KEYS_PARTITION_KEY,
        attributes: [{ name: API_KEYS_PARTITION_KEY, type: "S" }],
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn: args.keyArn },
        deletionProtectionEnabled: args.protect,
        tags: args.tags,
      },
      { parent: this, protect: args.protect, retainOnDelete: args.protect },
    );
    this.fn = new NodeFunction(
      `${name}-fn`,
      {
        functionName: args.functionName,
        deployable: "authorizer",
        description: "API-key REQUEST authorizer for POST /v1/events",
        memoryMiB: 256,
        timeoutSeconds: 5,
        environment: { [AUTHORIZER_TABLE_ENV]: this.table.name },
        statements: [
          ...dynamoStatements(this.table.arn, ["dynamodb:GetItem"]),
          ...kmsUseStatements(args.keyArn, "decrypt", [viaService("dynamodb", args.env.region)]),
        ],
        keyArn: args.keyArn,
        logRetentionDays: args.logRetentionDays,
        env: args.env,
        tags: args.tags,
      },
      { parent: this },
    );
    const invoke = createServiceRole(
      `${name}-invoke-role`,
      {
        roleName: args.invokeRoleName,
        service: "apigateway.amazonaws.com",
        statements: lambdaInvokeStatements(this.fn.arn),
        tags: args.tags,
        description: "API Gateway: invoke the API-key authorizer",
      },
      { parent: this },
    );
    this.authorizer = new aws.apigateway.Authorizer(
      `${name}-authorizer`,
      {
        name: "api-key",
        restApi: args.restApiId,
        type: "REQUEST",
        authorizerUri: this.fn.function.invokeArn,
        authorizerCredentials: invoke.role.arn,
        identitySource: AUTHORIZER_IDENTITY_SOURCE,
        authorizerResultTtlInSeconds: AUTHORIZER_CACHE_SECONDS,
      },
      { parent: this, dependsOn: [invoke.policy] },
    );
    this.registerOutputs({ table: this.table.name, function: this.fn.name });
  }
}
