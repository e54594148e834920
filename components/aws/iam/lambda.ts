/** Lambda statements scoped to one function. */
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";

export function lambdaInvokeStatements(functionArn: pulumi.Input<string>): PolicyStatement[] {
  return [{ Sid: "InvokeFunction", Effect: "Allow", Action: ["lambda:InvokeFunction"], Resource: [functionArn] }];
}
