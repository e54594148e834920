/**
 * A recurring EventBridge Scheduler schedule with its own role: the role may do exactly what the
 * target needs (start one state machine, invoke one function, start one job) and nothing else.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import type { AwsEnvironment } from "../environment";
import { checkName } from "../limits";
import type { PolicyStatement } from "../iam/policy-document";
import { createServiceRole } from "../service-role";

export interface RecurringScheduleArgs {
  scheduleName: string;
  roleName: string;
  description: string;
  /** `cron(…)` or `rate(…)`, evaluated in UTC. */
  expression: string;
  /** A state machine / function ARN, or a universal target `arn:aws:scheduler:::aws-sdk:<service>:<action>`. */
  targetArn: pulumi.Input<string>;
  input?: pulumi.Input<string>;
  statements: PolicyStatement[];
  env: AwsEnvironment;
  tags: Record<string, string>;
}

/** EventBridge Scheduler universal target for an AWS SDK action, e.g. `glue:startJobRun`. */
export function universalTarget(service: string, action: string): string {
  return `arn:aws:scheduler:::aws-sdk:${service}:${action}`;
}

/** Retries of a failed target call: 3 attempts within an hour (then the run is skipped and the next one catches up). */
export const SCHEDULE_RETRY = { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 } as const;

export function createRecurringSchedule(name: string, args: RecurringScheduleArgs, opts: pulumi.CustomResourceOptions): { schedule: aws.scheduler.Schedule; role: aws.iam.Role } {
  checkName("schedulerSchedule", args.scheduleName);
  if (!/^(cron|rate)\(.+\)$/.test(args.expression)) throw new RangeError(`schedule ${args.scheduleName}: expression "${args.expression}" must be cron(…) or rate(…)`);
  const { role, policy } = createServiceRole(
    `${name}-role`,
    {
      roleName: args.roleName,
      service: "scheduler.amazonaws.com",
      trustCondition: { StringEquals: { "aws:SourceAccount": args.env.accountId } },
      statements: args.statements,
      tags: args.tags,
      description: `EventBridge Scheduler: ${args.description}`,
    },
    opts,
  );
  const schedule = new aws.scheduler.Schedule(
    name,
    {
      name: args.scheduleName,
      description: args.description,
      scheduleExpression: args.expression,
      scheduleExpressionTimezone: "UTC",
      flexibleTimeWindow: { mode: "OFF" },
      target: { arn: args.targetArn, roleArn: role.arn, input: args.input, retryPolicy: { ...SCHEDULE_RETRY } },
    },
    { ...opts, dependsOn: [policy] },
  );
  return { schedule, role };
}
