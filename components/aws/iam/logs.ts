/** CloudWatch Logs statements scoped to one log group's streams. */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";

/** `<log group ARN>:*` — the log streams of a group (the provider's ARN has no trailing `:*`). */
export function logStreamsArn(logGroupArn: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`${logGroupArn}:*`;
}

export function logsStatements(logGroupArn: pulumi.Input<string>): PolicyStatement[] {
  return [{ Sid: "WriteLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [logStreamsArn(logGroupArn)] }];
}
