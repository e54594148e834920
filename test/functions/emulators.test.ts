import { CreateBucketCommand, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { GetItemCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import assert from "node:assert/strict";
import { createHashKeyTable, startDynamo, startKinesis, startS3 } from "../support/emulators";
import { readStream } from "./support/kinesis-streams";
import { PutRecordCommand } from "@aws-sdk/client-kinesis";

describe("test/support/emulators", () => {
  it("dynalite keeps its data across a suspend/resume outage on the same port", async () => {
    const dynamo = await startDynamo();
    try {
      await createHashKeyTable(dynamo.client, "emu", "pk");
      await dynamo.client.send(new PutItemCommand({ TableName: "emu", Item: { pk: { S: "a" } } }));
      await dynamo.suspend();
      const oneTry = dynamo.newClient(1);
      await assert.rejects(oneTry.send(new GetItemCommand({ TableName: "emu", Key: { pk: { S: "a" } } })), /ECONNREFUSED/);
      await dynamo.resume();
      const { Item } = await oneTry.send(new GetItemCommand({ TableName: "emu", Key: { pk: { S: "a" } } }));
      assert.deepEqual(Item, { pk: { S: "a" } });
      oneTry.destroy();
    } finally {
      await dynamo.stop();
    }
  });

  it("kinesalite answers the SDK over HTTP/1.1", async () => {
    const kinesis = await startKinesis();
    try {
      await kinesis.createStream("emu", 1);
      await kinesis.client.send(new PutRecordCommand({ StreamName: "emu", PartitionKey: "k", Data: Buffer.from("hello") }));
      const records = await readStream(kinesis.client, "emu");
      assert.deepEqual(records.map(({ record }) => Buffer.from(record.Data!).toString()), ["hello"]);
    } finally {
      await kinesis.stop();
    }
  });

  it("s3rver stores and returns objects (path-style, S3RVER credentials)", async () => {
    const s3 = await startS3();
    try {
      await s3.client.send(new CreateBucketCommand({ Bucket: "emu-bucket" }));
      await s3.client.send(new PutObjectCommand({ Bucket: "emu-bucket", Key: "a/b.json", Body: "{}" }));
      const object = await s3.client.send(new GetObjectCommand({ Bucket: "emu-bucket", Key: "a/b.json" }));
      assert.equal(await object.Body!.transformToString(), "{}");
    } finally {
      await s3.stop();
    }
  });
});
