/** DynamoDB statements scoped to one table. */
import type * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";

export type DynamoAction =
  | "dynamodb:GetItem"
  | "dynamodb:BatchGetItem"
  | "dynamodb:Query"
  | "dynamodb:PutItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:DeleteItem"
  | "dynamodb:BatchWriteItem"
  | "dynamodb:ConditionCheckItem"
  | "dynamodb:DescribeTable";

export function dynamoStatements(tableArn: pulumi.Input<string>, actions: DynamoAction[]): PolicyStatement[] {
  if (actions.length === 0) throw new RangeError("dynamoStatements needs at least one action");
  return [{ Sid: "Table", Effect: "Allow", Action: [...new Set(actions)].sort(), Resource: [tableArn] }];
}
