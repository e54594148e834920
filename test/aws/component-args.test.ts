/** Components refuse bad arguments before registering anything, with a message naming the problem. */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { KinesisEventStream } from "../../components/aws/kinesis-event-stream";
import { NodeFunction } from "../../components/aws/node-function";
import { SecureBucket } from "../../components/aws/secure-bucket";
import { StreamToLakeDelivery } from "../../components/aws/stream-to-lake-delivery";
import { runUnderMocks } from "../../scripts/plan/run-under-mocks";

const env = { accountId: pulumi.output("123456789012"), region: pulumi.output("us-east-1"), partition: pulumi.output("aws"), tracing: false };
const tags = { project: "game-telemetry" };
const keyArn = "arn:aws:kms:us-east-1:123456789012:key/mrk-1";

/** The build throws the named problem (checks run before `super()`, so the component is never registered). */
async function refuses(build: () => unknown, message: RegExp): Promise<void> {
  await assert.rejects(runUnderMocks(() => void build()), message);
}

describe("aws component argument checks", () => {
  it("EventStream: PROVISIONED needs shards; stream names must be Kinesis names", async () => {
    const names = { raw: "s-raw", clean: "s-clean", "dead-letter": "s-dl" };
    await refuses(
      () => new KinesisEventStream("s", { streamNames: names, sizing: { mode: "PROVISIONED", shardNeed: 2 }, retentionHours: 24, keyArn, protect: false, tags }),
      /PROVISIONED Kinesis sizing needs shards ≥ 1/,
    );
    await refuses(
      () => new KinesisEventStream("s", { streamNames: { ...names, raw: "bad name" }, sizing: { mode: "ON_DEMAND", shardNeed: 0.1 }, retentionHours: 24, keyArn, protect: false, tags }),
      /kinesisStream name "bad name" does not match/,
    );
  });

  it("NodeFunction: timeout, memory, and a deployable that exists", async () => {
    const base = {
      functionName: "tlm-test-fn",
      deployable: "processor",
      description: "d",
      memoryMiB: 256,
      timeoutSeconds: 10,
      environment: {},
      statements: [],
      keyArn,
      logRetentionDays: 14,
      env,
      tags,
    };
    await refuses(() => new NodeFunction("f", { ...base, timeoutSeconds: 901 }), /timeout 901 s must be 1–900/);
    await refuses(() => new NodeFunction("f", { ...base, memoryMiB: 64 }), /memory 64 MiB must be 128–10,240/);
    await refuses(() => new NodeFunction("f", { ...base, deployable: "no-such-function" }), /"no-such-function" is not a deployable function/);
    await refuses(() => new NodeFunction("f", { ...base, functionName: "x".repeat(65) }), /lambdaFunction name .* allowed 1–64/);
  });

  it("SecureBucket: lifecycle rule ids must not repeat", async () => {
    await refuses(
      () =>
        new SecureBucket("b", {
          bucketName: "b",
          encryption: { kind: "s3" },
          expiry: [
            { id: "x", prefix: "a/", days: 1 },
            { id: "x", prefix: "b/", days: 2 },
          ],
          protect: false,
          tags,
        }),
      /lifecycle rule ids repeat \(x, x\)/,
    );
  });

  it("StreamToLakeDelivery: data and error prefixes must differ; the name must fit Firehose's 64", async () => {
    const base = {
      deliveryName: "tlm-test-raw",
      source: { kind: "kinesis" as const, streamArn: "arn:aws:kinesis:us-east-1:123456789012:stream/s" },
      bucketArn: "arn:aws:s3:::b",
      prefix: "raw/",
      errorsPrefix: "raw-errors/",
      recordsEndWithNewline: false,
      keyArn,
      buffering: { bufferMiB: 64, bufferSeconds: 300 },
      logRetentionDays: 14,
      env,
      tags,
    };
    await refuses(() => new StreamToLakeDelivery("d", { ...base, errorsPrefix: "raw/" }), /data and error prefixes must differ/);
    await refuses(() => new StreamToLakeDelivery("d", { ...base, deliveryName: "d".repeat(65) }), /firehoseStream name .* allowed 1–64/);
  });
});
