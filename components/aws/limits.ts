/**
 * AWS service limits this program relies on, in one place so each is stated once and tested.
 * Sources: the service quotas pages of API Gateway, Kinesis Data Streams, Lambda, IAM, SQS, DynamoDB,
 * S3, CloudWatch Logs and Glue (values that cannot be raised by a quota request).
 */
import { MAX_EVENTS_PER_REQUEST } from "../../functions/ingest-api/contract";
import { MiB } from "../sizing";

export { MAX_EVENTS_PER_REQUEST };

/** Kinesis PutRecords: at most 500 records per call … */
export const KINESIS_PUT_RECORDS_MAX_RECORDS = 500;
/** … and at most 5 MiB per call (data + partition keys). */
export const KINESIS_PUT_RECORDS_MAX_BYTES = 5 * MiB;
/** One Kinesis record's data blob (default maximum record size). */
export const KINESIS_MAX_RECORD_BYTES = 1 * MiB;
/** A Kinesis partition key: 1–256 Unicode characters. */
export const KINESIS_PARTITION_KEY_MAX_CHARS = 256;
/** API Gateway REST API payload limit. */
export const API_GATEWAY_MAX_PAYLOAD_BYTES = 10 * MiB;
/** API Gateway REST integration timeout default / maximum without a quota increase. */
export const API_GATEWAY_INTEGRATION_TIMEOUT_MS = 29_000;

/** Name length limits of the physical names this program chooses. */
export const NAME_LIMITS = {
  kinesisStream: 128,
  firehoseStream: 64,
  lambdaFunction: 64,
  iamRole: 64,
  iamPolicy: 128,
  sqsQueue: 80,
  dynamodbTable: 255,
  s3Bucket: 63,
  logGroup: 512,
  snsTopic: 256,
  glueDatabase: 255,
  glueTable: 255,
  athenaWorkgroup: 128,
  cloudwatchAlarm: 255,
  cloudwatchDashboard: 255,
  kmsAlias: 256,
  apiGatewayName: 1024,
  cognitoUserPool: 128,
  schedulerSchedule: 64,
} as const;

export type NamedKind = keyof typeof NAME_LIMITS;

/** Characters each kind of name may use (where the service restricts them). */
const NAME_PATTERNS: Partial<Record<NamedKind, RegExp>> = {
  kinesisStream: /^[A-Za-z0-9_.-]+$/,
  firehoseStream: /^[A-Za-z0-9_.-]+$/,
  lambdaFunction: /^[A-Za-z0-9_-]+$/,
  iamRole: /^[\w+=,.@-]+$/,
  sqsQueue: /^[A-Za-z0-9_-]+$/,
  dynamodbTable: /^[A-Za-z0-9_.-]{3,}$/,
  // Lower-case letters, digits, dots and hyphens; starts and ends with a letter or digit.
  s3Bucket: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  glueDatabase: /^[a-z0-9_]+$/,
  glueTable: /^[a-z0-9_]+$/,
  athenaWorkgroup: /^[A-Za-z0-9._-]+$/,
  schedulerSchedule: /^[0-9a-zA-Z._-]+$/,
};

/**
 * Returns `name` when it is a valid physical name of `kind`; throws a RangeError naming the kind,
 * the name and the rule otherwise (a bad name must fail the plan, not the deployment).
 */
export function checkName(kind: NamedKind, name: string): string {
  const max = NAME_LIMITS[kind];
  if (name.length === 0 || name.length > max) {
    throw new RangeError(`${kind} name "${name}" has ${name.length} characters; allowed 1–${max}`);
  }
  const pattern = NAME_PATTERNS[kind];
  if (pattern && !pattern.test(name)) {
    throw new RangeError(`${kind} name "${name}" does not match ${pattern}`);
  }
  return name;
}

/** Glue and Athena identifiers: lower-case, `_` instead of `-`. */
export function glueIdentifier(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_]/g, "_");
}
