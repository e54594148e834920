/** SQS statements scoped to one queue. */
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";

export function sqsSendStatements(queueArn: pulumi.Input<string>): PolicyStatement[] {
  return [{ Sid: "SendToQueue", Effect: "Allow", Action: ["sqs:GetQueueAttributes", "sqs:SendMessage"], Resource: [queueArn] }];
}
