/** Limits the program relies on, and the physical names it derives staying inside them. */
import assert from "node:assert/strict";
import { MAX_EVENTS_PER_REQUEST as CONTRACT_MAX_EVENTS, MAX_REQUEST_BYTES } from "../../functions/ingest-api/contract";
import { MAX_BYTES_PER_PUT, MAX_PARTITION_KEY_CHARS, MAX_RECORDS_PER_PUT } from "../../functions/kinesis/limits";
import {
  API_GATEWAY_MAX_PAYLOAD_BYTES,
  checkName,
  KINESIS_PARTITION_KEY_MAX_CHARS,
  KINESIS_PUT_RECORDS_MAX_BYTES,
  KINESIS_PUT_RECORDS_MAX_RECORDS,
  MAX_EVENTS_PER_REQUEST,
  NAME_LIMITS,
} from "../../components/aws/limits";
import { lakeBucketName } from "../../components/aws/lake-layout";
import { awsResourceNames } from "../../components/aws/resource-names";
import { namesFor } from "../../components/naming";
import { parseTelemetryConfig } from "../../components/config";
import { ingestRequestSchema } from "../../components/aws/ingestion/request-model";

describe("aws limits", () => {
  it("one request is one PutRecords call: 500 events ↔ 500 records, the same numbers everywhere", () => {
    assert.equal(MAX_EVENTS_PER_REQUEST, 500);
    assert.equal(CONTRACT_MAX_EVENTS, MAX_EVENTS_PER_REQUEST);
    assert.equal(KINESIS_PUT_RECORDS_MAX_RECORDS, 500);
    assert.equal(MAX_RECORDS_PER_PUT, KINESIS_PUT_RECORDS_MAX_RECORDS);
    assert.ok(MAX_EVENTS_PER_REQUEST <= KINESIS_PUT_RECORDS_MAX_RECORDS);
    assert.equal((ingestRequestSchema() as any).properties.events.maxItems, MAX_EVENTS_PER_REQUEST);
    assert.equal((ingestRequestSchema() as any).properties.events.minItems, 1);
  });

  it("PutRecords carries 5 MiB; a full request of 1 KB events fits, of 2 KB events too", () => {
    assert.equal(KINESIS_PUT_RECORDS_MAX_BYTES, 5 * 1024 * 1024);
    assert.equal(MAX_BYTES_PER_PUT, KINESIS_PUT_RECORDS_MAX_BYTES);
    // Envelope overhead per record: {"_ingest":{"game_id":"<≤64>","request_id":"<36>","received_at":"<13>"},"_event":} ≈ 170 B,
    // partition key ≤ 256 B. 500 × (2,048 + 170 + 256) = 1,237,000 B < 5,242,880 B.
    assert.ok(500 * (2048 + 170 + 256) < KINESIS_PUT_RECORDS_MAX_BYTES);
    // …but not 500 events at the 64 KiB record limit: 500 × 65,536 = 32 MiB (the whole call fails → 500, documented).
    const defaults = parseTelemetryConfig({});
    assert.ok(500 * defaults.event.maxRecordBytes > KINESIS_PUT_RECORDS_MAX_BYTES);
  });

  it("partition keys and payloads", () => {
    assert.equal(KINESIS_PARTITION_KEY_MAX_CHARS, 256);
    assert.equal(MAX_PARTITION_KEY_CHARS, KINESIS_PARTITION_KEY_MAX_CHARS);
    assert.equal(API_GATEWAY_MAX_PAYLOAD_BYTES, MAX_REQUEST_BYTES);
  });

  it("name lengths of the services whose limits we meet", () => {
    assert.equal(NAME_LIMITS.kinesisStream, 128);
    assert.equal(NAME_LIMITS.lambdaFunction, 64);
    assert.equal(NAME_LIMITS.iamRole, 64);
    assert.equal(NAME_LIMITS.sqsQueue, 80);
    assert.equal(NAME_LIMITS.dynamodbTable, 255);
    assert.equal(NAME_LIMITS.s3Bucket, 63);
    assert.equal(NAME_LIMITS.firehoseStream, 64);
  });

  it("checkName rejects names over the limit or with forbidden characters, naming kind and rule", () => {
    assert.equal(checkName("lambdaFunction", "a".repeat(64)), "a".repeat(64));
    assert.throws(() => checkName("lambdaFunction", "a".repeat(65)), /lambdaFunction name "a{65}" has 65 characters; allowed 1–64/);
    assert.throws(() => checkName("iamRole", "r".repeat(65)), /allowed 1–64/);
    assert.throws(() => checkName("sqsQueue", "q".repeat(81)), /allowed 1–80/);
    assert.throws(() => checkName("kinesisStream", "s".repeat(129)), /allowed 1–128/);
    assert.throws(() => checkName("s3Bucket", "Upper-Case-Bucket"), /does not match/);
    assert.throws(() => checkName("s3Bucket", "b".repeat(64)), /allowed 1–63/);
    assert.throws(() => checkName("dynamodbTable", "ab"), /does not match/);
    assert.throws(() => checkName("lambdaFunction", "has.dot"), /does not match/);
  });

  it("every derived name fits for a long stack name", () => {
    const stack = "a-very-long-stack-name-for-a-feature-branch-preview-environment";
    const names = awsResourceNames(namesFor(stack));
    assert.ok(names.processorFunction.length <= 64 && names.ingestRole.length <= 64 && names.onFailureQueue.length <= 80);
    assert.ok(names.rawDelivery.length <= 64);
    const bucket = lakeBucketName(stack, "access-logs", "123456789012", "ap-southeast-2");
    assert.ok(bucket.length <= 63, bucket);
    assert.equal(checkName("s3Bucket", bucket), bucket);
    assert.ok(bucket.endsWith("-123456789012-ap-southeast-2"), "account and region keep the name unique");
  });

  it("bucket names are lower-case even for upper-case stack names", () => {
    assert.equal(lakeBucketName("Dev_Stack", "raw", "123456789012", "us-east-1"), "tlm-dev-stack-raw-123456789012-us-east-1");
  });
});
