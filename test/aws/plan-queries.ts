/** Queries over a planned aws stack shared by the aws graph tests (the plans themselves are memoised in test/support). */
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { ofType, one, policyDocument } from "../support/resources";

export type Statement = { Sid?: string; Effect: string; Action: string[] | string; Resource: string[] | string; Condition?: Record<string, Record<string, any>>; Principal?: any };

export const T = {
  stream: "aws:kinesis/stream:Stream",
  firehose: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  fn: "aws:lambda/function:Function",
  esm: "aws:lambda/eventSourceMapping:EventSourceMapping",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  bucket: "aws:s3/bucket:Bucket",
  table: "aws:dynamodb/table:Table",
  queue: "aws:sqs/queue:Queue",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
  integration: "aws:apigateway/integration:Integration",
  method: "aws:apigateway/method:Method",
  key: "aws:kms/key:Key",
  topic: "aws:sns/topic:Topic",
} as const;

export const asList = <V>(value: V | V[]): V[] => (Array.isArray(value) ? value : [value]);

/** The stream whose physical name ends with `-<channel>`. */
export function streamNamed(resources: PlannedResource[], channel: "raw" | "clean" | "dead-letter"): PlannedResource {
  return one(resources.filter((r) => r.type === T.stream && String(r.inputs.name).endsWith(`-client-game_event-${channel}`)), T.stream);
}

export const arnOfStream = (s: PlannedResource) => `arn:aws:kinesis:us-east-1:123456789012:stream/${s.inputs.name}`;
export const arnOfBucket = (b: PlannedResource) => `arn:aws:s3:::${b.inputs.bucket}`;
export const arnOfTable = (t: PlannedResource) => `arn:aws:dynamodb:us-east-1:123456789012:table/${t.inputs.name}`;
export const arnOfRole = (name: string) => `arn:aws:iam::123456789012:role/${name}`;
export const arnOfFunction = (f: PlannedResource) => `arn:aws:lambda:us-east-1:123456789012:function:${f.inputs.name}`;
export const arnOfLogGroup = (l: PlannedResource) => `arn:aws:logs:us-east-1:123456789012:log-group:${l.inputs.name}`;

/** The zone bucket whose physical name starts with `tlm-<stack>-<zone>-`. */
export function bucketFor(resources: PlannedResource[], stack: string, zone: string): PlannedResource {
  return one(resources.filter((r) => r.type === T.bucket && String(r.inputs.bucket).startsWith(`tlm-${stack}-${zone}-`)), T.bucket);
}

/** The statements of the inline policy attached to the role with this ARN. */
export function roleStatements(resources: PlannedResource[], roleArn: string): Statement[] {
  const roleName = roleArn.split("/").pop()!;
  const policies = ofType(resources, T.rolePolicy).filter((p) => p.inputs.role === roleName);
  if (policies.length !== 1) throw new Error(`expected one inline policy on role ${roleName}, found ${policies.length}`);
  return policyDocument(policies[0]).Statement as Statement[];
}

/** Statements granting `action` (exact). */
export function granting(statements: Statement[], action: string): Statement[] {
  return statements.filter((s) => s.Effect === "Allow" && asList(s.Action).includes(action));
}

/** Every resource any Allow statement grants `action` on. */
export function resourcesFor(statements: Statement[], action: string): string[] {
  return granting(statements, action).flatMap((s) => asList(s.Resource)).sort();
}

export function fnNamed(resources: PlannedResource[], physicalSuffix: string): PlannedResource {
  return one(resources.filter((r) => r.type === T.fn && String(r.inputs.name).endsWith(physicalSuffix)), T.fn);
}
