/** The generated taggable-type lists match the installed provider declarations. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { GENERATED_PATH, providerVersions, renderTaggableTypes, scanTaggableTypes } from "../../policy/generate-taggable-types";

describe("policy/taggable-types.generated.ts", () => {
  const scanned = scanTaggableTypes();

  it("is up to date with @pulumi/aws and @pulumi/gcp (regenerate: npx tsx policy/generate-taggable-types.ts)", () => {
    assert.equal(readFileSync(GENERATED_PATH, "utf8"), renderTaggableTypes(scanned, providerVersions()));
  });

  it("lists the resources the pipeline tags and leaves out those without tags/labels", () => {
    for (const type of ["aws:kinesis/stream:Stream", "aws:s3/bucket:Bucket", "aws:lambda/function:Function", "aws:iam/role:Role", "aws:msk/cluster:Cluster"]) assert.ok(scanned.awsTagged.includes(type), type);
    for (const type of ["aws:iam/rolePolicy:RolePolicy", "aws:s3/bucketPolicy:BucketPolicy", "aws:lambda/permission:Permission"]) assert.ok(!scanned.awsTagged.includes(type), type);
    for (const type of ["gcp:storage/bucket:Bucket", "gcp:pubsub/topic:Topic", "gcp:bigquery/table:Table"]) assert.ok(scanned.gcpLabelled.includes(type), type);
    assert.ok(!scanned.gcpLabelled.includes("gcp:monitoring/notificationChannel:NotificationChannel"), "a channel's labels are its settings");
  });
});
