/**
 * NodeFunction: a Node.js 22 Lambda on arm64 with its own role (scoped statements + its log stream
 * + the key for its environment variables), a log group with retention created before the function
 * (so Lambda never creates one without retention), and code from `dist/functions/<deployable>`.
 * Reused by every Lambda in the program (authorizer, processor, generator, producer, topic-admin, …).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "./environment";
import { fitName } from "../naming";
import { bundlePath } from "../../scripts/build-functions/deployables";
import { kmsUseStatements, viaService } from "./iam/kms";
import { logsStatements } from "./iam/logs";
import type { PolicyStatement } from "./iam/policy-document";
import { vpcAccessStatements, xrayStatements } from "./iam/wildcard-allow-list";
import { checkName, NAME_LIMITS } from "./limits";
import { createLogGroup } from "./log-group";
import { createServiceRole } from "./service-role";

export const LAMBDA_RUNTIME = "nodejs22.x";
export const LAMBDA_ARCHITECTURE = "arm64";
/** The bundle's entry: `index.js` exporting `handler`. */
export const LAMBDA_HANDLER = "index.handler";

export interface NodeFunctionArgs {
  /** Physical function name (≤ 64); the role is `<functionName>-role` fitted to 64. */
  functionName: string;
  /** Folder under functions/ (and dist/functions/) holding the deployable. */
  deployable: string;
  description: string;
  memoryMiB: number;
  timeoutSeconds: number;
  environment: Record<string, pulumi.Input<string>>;
  /** What the function may touch, scoped to named resources. */
  statements: PolicyStatement[];
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  env: AwsEnvironment;
  tags: Record<string, string>;
  reservedConcurrency?: number;
  /** Active X-Ray tracing (adds the X-Ray wildcard statement from the allow-list); default: `env.tracing`. */
  tracing?: boolean;
  /** Attach to a VPC (aws-msk: brokers are private). */
  vpc?: { subnetIds: pulumi.Input<string>[]; securityGroupIds: pulumi.Input<string>[] };
}

export class NodeFunction extends pulumi.ComponentResource {
  public readonly function: aws.lambda.Function;
  public readonly role: aws.iam.Role;
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly name: pulumi.Output<string>;
  public readonly arn: pulumi.Output<string>;

  constructor(name: string, args: NodeFunctionArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("lambdaFunction", args.functionName);
    if (args.timeoutSeconds < 1 || args.timeoutSeconds > 900) throw new RangeError(`${args.functionName}: timeout ${args.timeoutSeconds} s must be 1–900`);
    if (args.memoryMiB < 128 || args.memoryMiB > 10_240) throw new RangeError(`${args.functionName}: memory ${args.memoryMiB} MiB must be 128–10,240`);
    // Throws for a deployable without functions/<name>/handler.ts, before anything is registered.
    const code = new pulumi.asset.FileArchive(bundlePath(args.deployable));
    super("telemetry:aws:NodeFunction", name, {}, opts);
    const tracing = args.tracing ?? args.env.tracing;
    const child = { parent: this };
    this.logGroup = createLogGroup(
      `${name}-logs`,
      { logGroupName: `/aws/lambda/${args.functionName}`, retentionDays: args.logRetentionDays, kmsKeyArn: args.keyArn, tags: args.tags },
      child,
    );
    const { role, policy } = createServiceRole(
      `${name}-role`,
      {
        roleName: fitName(`${args.functionName}-role`, NAME_LIMITS.iamRole),
        service: "lambda.amazonaws.com",
        statements: [
          ...args.statements,
          ...logsStatements(this.logGroup.arn),
          // Environment variables are encrypted with the pipeline key; Lambda decrypts them with this role.
          ...kmsUseStatements(args.keyArn, "decrypt", [viaService("lambda", args.env.region)]),
          ...(tracing ? xrayStatements() : []),
          ...(args.vpc ? vpcAccessStatements() : []),
        ],
        tags: args.tags,
        description: `Lambda ${args.functionName}`,
      },
      child,
    );
    this.role = role;
    this.function = new aws.lambda.Function(
      `${name}-function`,
      {
        name: args.functionName,
        description: args.description,
        runtime: LAMBDA_RUNTIME,
        architectures: [LAMBDA_ARCHITECTURE],
        handler: LAMBDA_HANDLER,
        code,
        role: role.arn,
        memorySize: args.memoryMiB,
        timeout: args.timeoutSeconds,
        kmsKeyArn: args.keyArn,
        environment: { variables: { NODE_OPTIONS: "--enable-source-maps", ...args.environment } },
        // Text format keeps Embedded Metric Format lines intact (JSON format would wrap them).
        loggingConfig: { logFormat: "Text", logGroup: this.logGroup.name },
        reservedConcurrentExecutions: args.reservedConcurrency,
        tracingConfig: { mode: tracing ? "Active" : "PassThrough" },
        vpcConfig: args.vpc ? { subnetIds: args.vpc.subnetIds, securityGroupIds: args.vpc.securityGroupIds } : undefined,
        tags: args.tags,
      },
      // The role's permissions must exist before Lambda validates event sources against them.
      { parent: this, dependsOn: [policy, this.logGroup] },
    );
    this.name = this.function.name;
    this.arn = this.function.arn;
    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}
