/**
 * CognitoAuthorizer: a user pool for players / internal tools (custom attribute `game_id`, which the
 * request template puts into the ingest envelope), an app client without a secret (game clients
 * cannot keep one), and a COGNITO_USER_POOLS authoriser.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { checkName } from "../limits";

export interface CognitoAuthorizerArgs {
  restApiId: pulumi.Input<string>;
  userPoolName: string;
  protect: boolean;
  tags: Record<string, string>;
}

export class CognitoAuthorizer extends pulumi.ComponentResource {
  public readonly userPool: aws.cognito.UserPool;
  public readonly client: aws.cognito.UserPoolClient;
  public readonly authorizer: aws.apigateway.Authorizer;

  constructor(name: string, args: CognitoAuthorizerArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("cognitoUserPool", args.userPoolName);
    super("telemetry:aws:CognitoAuthorizer", name, {}, opts);
    this.userPool = new aws.cognito.UserPool(
      `${name}-pool`,
      {
        name: args.userPoolName,
        deletionProtection: args.protect ? "ACTIVE" : "INACTIVE",
        passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false, temporaryPasswordValidityDays: 3 },
        adminCreateUserConfig: { allowAdminCreateUserOnly: true },
        schemas: [{ name: "game_id", attributeDataType: "String", mutable: false, stringAttributeConstraints: { minLength: "1", maxLength: "64" } }],
        tags: args.tags,
      },
      { parent: this, protect: args.protect, retainOnDelete: args.protect },
    );
    this.client = new aws.cognito.UserPoolClient(
      `${name}-client`,
      {
        name: "game-clients",
        userPoolId: this.userPool.id,
        generateSecret: false,
        explicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        preventUserExistenceErrors: "ENABLED",
        enableTokenRevocation: true,
        readAttributes: ["custom:game_id"],
        writeAttributes: [],
      },
      { parent: this },
    );
    this.authorizer = new aws.apigateway.Authorizer(
      `${name}-authorizer`,
      { name: "cognito", restApi: args.restApiId, type: "COGNITO_USER_POOLS", providerArns: [this.userPool.arn], identitySource: "method.request.header.Authorization" },
      { parent: this },
    );
    this.registerOutputs({ userPool: this.userPool.id, client: this.client.id });
  }
}
