/**
 * SyntheticGenerator (seed 001): the generator Lambda (functions/generator) writing 2,000–25,000
 * realistic game events to the raw stream every 5 minutes, triggered by EventBridge Scheduler.
 * The variant deploys it only in stacks that do not hold production data (`protectData` false), so
 * dev stacks always have traffic for their dashboards and alarms and prod never sees synthetic events.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GENERATOR_ENV } from "../../functions/generator/run-config";
import type { AwsEnvironment } from "./environment";
import { kinesisWriteStatements } from "./iam/kinesis";
import { kmsUseStatements, viaService } from "./iam/kms";
import { lambdaInvokeStatements } from "./iam/lambda";
import { checkName } from "./limits";
import { NodeFunction } from "./node-function";
import { createServiceRole } from "./service-role";

/** Seed 001: EventBridge triggers the generator every 5 minutes. */
export const GENERATOR_SCHEDULE = "rate(5 minutes)";
export const GENERATOR_TIMEOUT_SECONDS = 120;

export interface SyntheticGeneratorArgs {
  functionName: string;
  scheduleName: string;
  schedulerRoleName: string;
  rawStream: { name: pulumi.Input<string>; arn: pulumi.Input<string> };
  keyArn: pulumi.Input<string>;
  logRetentionDays: number;
  env: AwsEnvironment;
  tags: Record<string, string>;
}

export class SyntheticGenerator extends pulumi.ComponentResource {
  public readonly fn: NodeFunction;
  public readonly schedule: aws.scheduler.Schedule;

  constructor(name: string, args: SyntheticGeneratorArgs, opts?: pulumi.ComponentResourceOptions) {
    checkName("schedulerSchedule", args.scheduleName);
    super("telemetry:aws:SyntheticGenerator", name, {}, opts);
    this.fn = new NodeFunction(
      `${name}-fn`,
      {
        functionName: args.functionName,
        deployable: "generator",
        description: "Synthetic game telemetry for non-production stacks (seed 001)",
        memoryMiB: 512,
        timeoutSeconds: GENERATOR_TIMEOUT_SECONDS,
        environment: { [GENERATOR_ENV.rawStream]: args.rawStream.name },
        statements: [...kinesisWriteStatements([args.rawStream.arn]), ...kmsUseStatements(args.keyArn, "encrypt", [viaService("kinesis", args.env.region)])],
        keyArn: args.keyArn,
        logRetentionDays: args.logRetentionDays,
        env: args.env,
        tags: args.tags,
        // One run at a time: a slow run must not overlap the next and double the load.
        reservedConcurrency: 1,
      },
      { parent: this },
    );
    const invoke = createServiceRole(
      `${name}-scheduler-role`,
      {
        roleName: args.schedulerRoleName,
        service: "scheduler.amazonaws.com",
        trustCondition: { StringEquals: { "aws:SourceAccount": args.env.accountId } },
        statements: lambdaInvokeStatements(this.fn.arn),
        tags: args.tags,
        description: "EventBridge Scheduler: invoke the synthetic generator",
      },
      { parent: this },
    );
    this.schedule = new aws.scheduler.Schedule(
      `${name}-schedule`,
      {
        name: args.scheduleName,
        description: "Synthetic telemetry every 5 minutes",
        scheduleExpression: GENERATOR_SCHEDULE,
        flexibleTimeWindow: { mode: "OFF" },
        state: "ENABLED",
        target: { arn: this.fn.arn, roleArn: invoke.role.arn, retryPolicy: { maximumRetryAttempts: 0 } },
      },
      { parent: this, dependsOn: [invoke.policy] },
    );
    this.registerOutputs({ function: this.fn.name, schedule: this.schedule.name });
  }
}
