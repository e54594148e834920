/** The pure IAM statement builders: exact actions, resources scoped to what they were given. */
import assert from "node:assert/strict";
import { dynamoStatements } from "../../components/aws/iam/dynamodb";
import { kinesisReadStatements, kinesisWriteStatements } from "../../components/aws/iam/kinesis";
import { keyPolicyStatements, KEY_VIA_SERVICES } from "../../components/aws/iam/key-policy";
import { kmsUseStatements } from "../../components/aws/iam/kms";
import { logsStatements } from "../../components/aws/iam/logs";
import { accessLogDeliveryStatements, tlsOnlyStatements } from "../../components/aws/iam/bucket-policy";
import { s3ReadStatements, s3WriteStatements } from "../../components/aws/iam/s3";
import { sqsSendStatements } from "../../components/aws/iam/sqs";
import { lambdaInvokeStatements } from "../../components/aws/iam/lambda";
import {
  isAllowedWildcard,
  mskEventSourceNetworkStatements,
  putMetricDataStatements,
  vpcAccessStatements,
  WILDCARD_ALLOWED_ACTIONS,
  xrayStatements,
} from "../../components/aws/iam/wildcard-allow-list";
import { resolveOutput } from "../../scripts/plan/run-under-mocks";

const STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/dev-client-game_event-raw";
const BUCKET = "arn:aws:s3:::tlm-dev-raw-123456789012-us-east-1";
const KEY = "arn:aws:kms:us-east-1:123456789012:key/mrk-1";

/** Resolves Outputs inside statements (builders use pulumi.interpolate for derived ARNs). */
async function resolved<T>(value: T): Promise<any> {
  return JSON.parse(await resolveOutput(require("@pulumi/pulumi").jsonStringify(value)));
}

describe("aws IAM statement builders", () => {
  it("kinesis read: the poller actions on exactly the given stream", () => {
    const [s] = kinesisReadStatements(STREAM);
    assert.deepEqual(s.Resource, [STREAM]);
    assert.deepEqual([...s.Action].sort(), [
      "kinesis:DescribeStream",
      "kinesis:DescribeStreamSummary",
      "kinesis:GetRecords",
      "kinesis:GetShardIterator",
      "kinesis:ListShards",
      "kinesis:SubscribeToShard",
    ]);
    assert.ok(!s.Action.some((a) => a.startsWith("kinesis:Put")), "a reader cannot write");
  });

  it("kinesis write: PutRecord(s) only, on the given streams, and refuses none", () => {
    const [s] = kinesisWriteStatements([STREAM, `${STREAM}-2`]);
    assert.deepEqual(s.Action, ["kinesis:PutRecord", "kinesis:PutRecords"]);
    assert.deepEqual(s.Resource, [STREAM, `${STREAM}-2`]);
    assert.throws(() => kinesisWriteStatements([]), /at least one stream/);
  });

  it("s3 write: bucket-level calls on the bucket, object writes only under the prefixes", async () => {
    const [bucketLevel, objects] = await resolved(s3WriteStatements(BUCKET, ["raw/", "raw-errors/"]));
    assert.deepEqual(bucketLevel.Resource, [BUCKET]);
    assert.deepEqual(objects.Resource, [`${BUCKET}/raw/*`, `${BUCKET}/raw-errors/*`]);
    assert.deepEqual(objects.Action, ["s3:AbortMultipartUpload", "s3:GetObject", "s3:PutObject"]);
    assert.ok(!objects.Action.includes("s3:DeleteObject"), "writers never delete lake objects");
    assert.throws(() => s3WriteStatements(BUCKET, ["raw"]), /must end with "\/"/);
    assert.throws(() => s3WriteStatements(BUCKET, ["/raw/"]), /must not start with/);
  });

  it("s3 read: GetObject only under the prefixes", async () => {
    const [, objects] = await resolved(s3ReadStatements(BUCKET, ["silver/"]));
    assert.deepEqual(objects.Action, ["s3:GetObject"]);
    assert.deepEqual(objects.Resource, [`${BUCKET}/silver/*`]);
  });

  it("dynamodb: the listed actions (deduplicated, sorted) on the table only", () => {
    const table = "arn:aws:dynamodb:us-east-1:123456789012:table/tlm-dev-dedup";
    const [s] = dynamoStatements(table, ["dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:PutItem"]);
    assert.deepEqual(s.Action, ["dynamodb:GetItem", "dynamodb:PutItem"]);
    assert.deepEqual(s.Resource, [table]);
    assert.throws(() => dynamoStatements(table, []), /at least one action/);
  });

  it("kms: encrypt / decrypt / both, only through the named services", () => {
    assert.deepEqual(kmsUseStatements(KEY, "encrypt", ["kinesis.us-east-1.amazonaws.com"])[0].Action, ["kms:GenerateDataKey"]);
    assert.deepEqual(kmsUseStatements(KEY, "decrypt", ["kinesis.us-east-1.amazonaws.com"])[0].Action, ["kms:Decrypt"]);
    const [both] = kmsUseStatements(KEY, "both", ["s3.us-east-1.amazonaws.com"]);
    assert.deepEqual(both.Action, ["kms:Decrypt", "kms:GenerateDataKey"]);
    assert.deepEqual(both.Resource, [KEY]);
    assert.deepEqual(both.Condition, { StringEquals: { "kms:ViaService": ["s3.us-east-1.amazonaws.com"] } });
    assert.throws(() => kmsUseStatements(KEY, "both", []), /kms:ViaService/);
  });

  it("logs: stream writes under one log group", async () => {
    const group = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/tlm-dev-processor";
    const [s] = await resolved(logsStatements(group));
    assert.deepEqual(s.Action, ["logs:CreateLogStream", "logs:PutLogEvents"]);
    assert.deepEqual(s.Resource, [`${group}:*`]);
  });

  it("sqs and lambda: one named resource each", () => {
    assert.deepEqual(sqsSendStatements("arn:aws:sqs:us-east-1:1:q")[0].Resource, ["arn:aws:sqs:us-east-1:1:q"]);
    assert.deepEqual(lambdaInvokeStatements("arn:aws:lambda:us-east-1:1:function:f")[0], {
      Sid: "InvokeFunction",
      Effect: "Allow",
      Action: ["lambda:InvokeFunction"],
      Resource: ["arn:aws:lambda:us-east-1:1:function:f"],
    });
  });

  it("bucket policy: TLS-only denies every s3 action on bucket and objects when SecureTransport is false", async () => {
    const [s] = await resolved(tlsOnlyStatements(BUCKET));
    assert.equal(s.Effect, "Deny");
    assert.equal(s.Principal, "*");
    assert.deepEqual(s.Resource, [BUCKET, `${BUCKET}/*`]);
    assert.deepEqual(s.Condition, { Bool: { "aws:SecureTransport": "false" } });
  });

  it("access-log delivery: the logging service, only for the named source buckets of this account", async () => {
    const [s] = await resolved(accessLogDeliveryStatements("arn:aws:s3:::logs", "access-logs/", [BUCKET], "123456789012"));
    assert.deepEqual(s.Principal, { Service: "logging.s3.amazonaws.com" });
    assert.deepEqual(s.Resource, ["arn:aws:s3:::logs/access-logs/*"]);
    assert.deepEqual(s.Condition.ArnLike["aws:SourceArn"], [BUCKET]);
    assert.equal(s.Condition.StringEquals["aws:SourceAccount"], "123456789012");
  });

  it("key policy: root administers; services use the key only via the pipeline's services in this account", async () => {
    const statements = await resolved(keyPolicyStatements({ accountId: "123456789012", region: "us-east-1" }));
    const bySid = Object.fromEntries(statements.map((s: any) => [s.Sid, s]));
    assert.deepEqual(bySid.AccountAdministersKey.Principal, { AWS: "arn:aws:iam::123456789012:root" });
    const use = bySid.UseThroughPipelineServices;
    assert.equal(use.Condition.StringEquals["kms:CallerAccount"], "123456789012");
    assert.deepEqual(
      use.Condition.StringEquals["kms:ViaService"],
      KEY_VIA_SERVICES.map((s) => `${s}.us-east-1.amazonaws.com`),
    );
    for (const service of ["logs", "sns", "s3", "kinesis", "firehose", "dynamodb"]) {
      const covered = service === "logs" ? "CloudWatchLogsEncryptsPipelineLogGroups" in bySid : (KEY_VIA_SERVICES as readonly string[]).includes(service);
      assert.ok(covered, `${service} may use the key`);
    }
    assert.equal(
      bySid.CloudWatchLogsEncryptsPipelineLogGroups.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"],
      "arn:aws:logs:us-east-1:123456789012:log-group:*",
    );
    assert.equal(bySid.CloudWatchAlarmsPublishToAlertTopic.Condition.StringEquals["aws:SourceAccount"], "123456789012");
  });

  describe("wildcard allow-list", () => {
    it("covers exactly the statements that need a * resource", () => {
      for (const statement of [...xrayStatements(), ...vpcAccessStatements(), ...mskEventSourceNetworkStatements(), ...putMetricDataStatements("GameTelemetry/Pipeline")]) {
        assert.deepEqual(statement.Resource, ["*"]);
        assert.ok(isAllowedWildcard(statement), statement.Sid);
      }
    });
    it("refuses other actions and PutMetricData without its namespace condition", () => {
      assert.equal(isAllowedWildcard({ Action: ["kinesis:PutRecords"] }), false);
      assert.equal(isAllowedWildcard({ Action: ["xray:PutTraceSegments", "s3:GetObject"] }), false);
      assert.equal(isAllowedWildcard({ Action: ["cloudwatch:PutMetricData"] }), false);
      assert.equal(isAllowedWildcard({ Action: "cloudwatch:PutMetricData", Condition: { StringEquals: { "cloudwatch:namespace": "x" } } }), true);
    });
    it("gives every allowance a reason", () => {
      for (const allowance of WILDCARD_ALLOWED_ACTIONS) assert.ok(allowance.why.length > 20, allowance.action);
    });
  });
});
