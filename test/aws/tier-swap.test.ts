import assert from "node:assert/strict";
import { stackPlan } from "../support/stack-plans";

/** Stateful or data-path resources that must keep their URN when a stack switches tier. */
const KEPT_TYPES = [
  "aws:s3/bucket:Bucket",
  "aws:glue/catalogDatabase:CatalogDatabase",
  "aws:glue/catalogTable:CatalogTable",
  "aws:kinesis/stream:Stream",
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
  "aws:dynamodb/table:Table",
  "aws:sns/topic:Topic",
  "aws:kms/key:Key",
  "aws:msk/cluster:Cluster",
  "aws:msk/serverlessCluster:ServerlessCluster",
];

for (const variant of ["aws-native", "aws-msk"]) {
  describe(`${variant}: switching prod between the light and heavy tiers`, () => {
    it("keeps every light-tier bucket, catalog entry, stream, delivery, table, topic, key and cluster under the same URN", async () => {
      const light = await stackPlan("prod", [`telemetry:variant=${variant}`, "telemetry:tier=light"]);
      const heavy = await stackPlan("prod", [`telemetry:variant=${variant}`, "telemetry:tier=heavy"]);
      const heavyUrns = new Set(heavy.resources.map((r) => r.urn));
      const lightKept = light.resources.filter((r) => KEPT_TYPES.includes(r.type));
      assert.ok(lightKept.length >= 8, `found ${lightKept.length} stateful resources`);
      const lost = lightKept.filter((r) => !heavyUrns.has(r.urn)).map((r) => `${r.type} ${r.name}`);
      assert.deepEqual(lost, []);
    });

    it("delivers SILVER through the same Firehose in both tiers", async () => {
      const silver = (plan: Awaited<ReturnType<typeof stackPlan>>) =>
        plan.resources.filter((r) => r.type === "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream" && String(r.inputs.name).includes("clean-to-silver"));
      const light = silver(await stackPlan("prod", [`telemetry:variant=${variant}`, "telemetry:tier=light"]));
      const heavy = silver(await stackPlan("prod", [`telemetry:variant=${variant}`, "telemetry:tier=heavy"]));
      assert.equal(light.length, 1);
      assert.deepEqual(heavy.map((r) => r.urn), light.map((r) => r.urn));
    });
  });
}
