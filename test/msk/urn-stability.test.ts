import assert from "node:assert/strict";
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { ofType } from "../support/resources";
import { stackPlan } from "../support/stack-plans";

/** The stores a swap must never replace, by type (their URNs must be identical in both variants). */
const STATEFUL_TYPES = [
  "aws:s3/bucket:Bucket", // lake zones + access logs
  "aws:glue/catalogDatabase:CatalogDatabase",
  "aws:glue/catalogTable:CatalogTable",
  "aws:athena/workgroup:Workgroup",
  "aws:kms/key:Key",
  "aws:sns/topic:Topic", // alert topic
] as const;

const withoutTags = ({ tags, tagsAll, ...inputs }: Record<string, unknown>) => {
  void tags;
  void tagsAll;
  return inputs;
};

describe("variant swap aws-native ↔ aws-msk (dev)", function () {
  this.timeout(120_000);
  let native: PlannedResource[];
  let msk: PlannedResource[];

  before(async () => {
    native = (await stackPlan("dev")).resources;
    msk = (await stackPlan("dev", ["telemetry:variant=aws-msk"])).resources;
  });

  it("keeps the lake buckets, catalog, key and alert topic under the same URNs with the same settings", () => {
    const mskByUrn = new Map(msk.map((r) => [r.urn, r]));
    for (const type of STATEFUL_TYPES) {
      const kept = ofType(native, type);
      assert.ok(kept.length > 0, `aws-native has ${type}`);
      for (const resource of kept) {
        const twin = mskByUrn.get(resource.urn);
        assert.ok(twin, `aws-msk lacks ${resource.urn}: a swap would replace it`);
        // Only the `variant` tag may differ: anything else would update or replace the store.
        assert.deepEqual(withoutTags(twin.inputs), withoutTags(resource.inputs), resource.urn);
      }
    }
  });

  it("keeps the dedup table (the only DynamoDB table the processor shares) and the API key table", () => {
    const tables = (resources: PlannedResource[]) => new Map(ofType(resources, "aws:dynamodb/table:Table").map((t) => [t.urn, t.inputs.name]));
    const before = tables(native);
    const after = tables(msk);
    for (const [urn, name] of before) assert.equal(after.get(urn), name, urn);
  });

  it("keeps the ingestion API (only its integration changes) and the monitoring base", () => {
    const urns = new Set(msk.map((r) => r.urn));
    for (const type of ["aws:apigateway/restApi:RestApi", "aws:apigateway/stage:Stage", "aws:cloudwatch/dashboard:Dashboard"]) {
      for (const r of ofType(native, type)) assert.ok(urns.has(r.urn), `aws-msk lacks ${r.urn}`);
    }
  });

  it("replaces the stream layer: no Kinesis stream in aws-msk, no MSK cluster in aws-native", () => {
    assert.ok(ofType(native, "aws:kinesis/stream:Stream").length === 3);
    assert.deepEqual(ofType(msk, "aws:kinesis/stream:Stream"), []);
    assert.deepEqual([...ofType(native, "aws:msk/cluster:Cluster"), ...ofType(native, "aws:msk/serverlessCluster:ServerlessCluster")], []);
  });

  it("gives the variant's own resources physical names aws-native does not use (create-before-delete cannot collide)", () => {
    // Types whose names are unique per account and region (an inline role policy's name is per role, so not here).
    const global: Record<string, string> = {
      "aws:lambda/function:Function": "name",
      "aws:iam/role:Role": "name",
      "aws:sqs/queue:Queue": "name",
      "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "name",
      "aws:dynamodb/table:Table": "name",
      "aws:cloudwatch/logGroup:LogGroup": "name",
      "aws:cloudwatch/metricAlarm:MetricAlarm": "name",
      "aws:s3/bucket:Bucket": "bucket",
    };
    const physical = (resources: PlannedResource[]) =>
      new Map(resources.filter((r) => global[r.type] && typeof r.inputs[global[r.type]] === "string").map((r) => [`${r.type}|${r.inputs[global[r.type]]}`, r.urn]));
    const nativeNames = physical(native);
    for (const [key, urn] of physical(msk)) {
      const nativeUrn = nativeNames.get(key);
      if (nativeUrn !== undefined) assert.equal(urn, nativeUrn, `${key} is used by two different resources across the swap`);
    }
  });
});
