/**
 * Security defaults over every aws-native resource: encryption at rest with the one CMK (SSE-S3
 * only on the access-log bucket, which S3 logging requires), public access blocked, TLS-only
 * policies, versioning, lifecycle and log retention from config, deletion protection in prod, tags
 * on every resource whose type takes them.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { ofType, one, policyDocument } from "../support/resources";
import { lightTierPlan } from "../support/stack-plans";
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { bucketFor, T } from "./plan-queries";

/** Whether the provider's Args for a type token take `tags` (read from @pulumi/aws's type definitions). */
function takesTags(type: string): boolean {
  const [, modulePath, className] = type.split(":");
  const [module, file] = modulePath.split("/");
  const dts = path.join(__dirname, "..", "..", "node_modules", "@pulumi", "aws", module, `${file}.d.ts`);
  assert.ok(existsSync(dts), `type definitions for ${type}`);
  const source = readFileSync(dts, "utf8");
  const args = source.slice(source.indexOf(`export interface ${className}Args {`));
  return /^\s+tags\?:/m.test(args.slice(0, args.indexOf("\n}")));
}

const bucketOf = (resources: PlannedResource[], type: string, bucketName: string) =>
  one(resources.filter((r) => r.type === type && r.inputs.bucket === bucketName), type);

for (const stack of ["dev", "prod"] as const) {
  describe(`aws-native security defaults: ${stack}`, () => {
    const plan = () => lightTierPlan(stack);

    it("zone buckets: SSE-KMS with the pipeline key and bucket keys; the log bucket SSE-S3", async () => {
      const { resources } = await plan();
      const buckets = ofType(resources, T.bucket);
      assert.equal(buckets.length, 4);
      for (const bucket of buckets) {
        const sse = bucketOf(resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", bucket.inputs.bucket).inputs.rules[0];
        if (bucket.inputs.bucket.startsWith(`tlm-${stack}-access-logs-`)) {
          assert.equal(sse.applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
        } else {
          assert.equal(sse.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
          assert.match(sse.applyServerSideEncryptionByDefault.kmsMasterKeyId, /^arn:aws:kms:us-east-1:123456789012:key\/mrk-/);
          assert.equal(sse.bucketKeyEnabled, true);
        }
      }
    });

    it("every bucket: public access blocked, ACLs off, TLS-only policy, versioning, lifecycle", async () => {
      const { resources, config } = await plan();
      for (const bucket of ofType(resources, T.bucket)) {
        const name = bucket.inputs.bucket;
        const pab = bucketOf(resources, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", name).inputs;
        assert.deepEqual([pab.blockPublicAcls, pab.blockPublicPolicy, pab.ignorePublicAcls, pab.restrictPublicBuckets], [true, true, true, true]);
        assert.equal(bucketOf(resources, "aws:s3/bucketOwnershipControls:BucketOwnershipControls", name).inputs.rule.objectOwnership, "BucketOwnerEnforced");
        assert.equal(bucketOf(resources, "aws:s3/bucketVersioning:BucketVersioning", name).inputs.versioningConfiguration.status, "Enabled");
        const deny = policyDocument(bucketOf(resources, "aws:s3/bucketPolicy:BucketPolicy", name)).Statement.find((s) => s.Sid === "DenyInsecureTransport")!;
        assert.deepEqual(deny.Condition, { Bool: { "aws:SecureTransport": "false" } });
        assert.deepEqual(deny.Resource, [`arn:aws:s3:::${name}`, `arn:aws:s3:::${name}/*`]);
        assert.equal(bucket.protect, config.protectData);
        assert.equal(bucket.retainOnDelete, config.protectData);
        assert.equal(bucket.inputs.forceDestroy, !config.protectData);
      }
    });

    it("lifecycle expiry per zone and prefix comes from retention.zones", async () => {
      const { resources, config } = await plan();
      const z = config.retention.zones;
      const expiry = (zone: string) =>
        Object.fromEntries(
          bucketOf(resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", bucketFor(resources, stack, zone).inputs.bucket)
            .inputs.rules.filter((r: any) => r.expiration?.days)
            .map((r: any) => [r.filter.prefix, r.expiration.days]),
        );
      assert.deepEqual(expiry("raw"), { "raw/": z.raw, "raw-errors/": z.raw, "dead-letter/": z.deadLetter, "dead-letter-errors/": z.deadLetter });
      assert.deepEqual(expiry("silver"), { "silver/": z.silver, "silver-errors/": z.silver });
      assert.deepEqual(expiry("gold"), { "gold/": z.gold, "athena-results/": 30 });
      assert.deepEqual(expiry("access-logs"), { "access-logs/": config.retention.accessLogDays });
    });

    it("zone buckets log server access into the log bucket, which accepts only their logs", async () => {
      const { resources } = await plan();
      const logBucket = bucketFor(resources, stack, "access-logs").inputs.bucket;
      const logging = ofType(resources, "aws:s3/bucketLogging:BucketLogging");
      assert.equal(logging.length, 3);
      for (const l of logging) {
        assert.equal(l.inputs.targetBucket, logBucket);
        assert.match(l.inputs.targetPrefix, /^access-logs\/(raw|silver|gold)\/$/);
      }
      const delivery = policyDocument(bucketOf(resources, "aws:s3/bucketPolicy:BucketPolicy", logBucket)).Statement.find((s) => s.Sid === "S3ServerAccessLogDelivery")!;
      assert.deepEqual(delivery.Condition!.ArnLike["aws:SourceArn"], ["raw", "silver", "gold"].map((zone) => `arn:aws:s3:::${bucketFor(resources, stack, zone).inputs.bucket}`));
    });

    it("the key rotates; tables, queue, topic, streams and log groups use it", async () => {
      const { resources, config } = await plan();
      const key = one(resources, T.key);
      assert.equal(key.inputs.enableKeyRotation, true);
      assert.equal(key.protect, config.protectData);
      for (const table of ofType(resources, T.table)) {
        assert.equal(table.inputs.serverSideEncryption.enabled, true);
        assert.match(table.inputs.serverSideEncryption.kmsKeyArn, /:key\/mrk-/);
        assert.equal(table.inputs.pointInTimeRecovery.enabled, true);
        assert.equal(table.inputs.deletionProtectionEnabled, config.protectData);
      }
      assert.match(one(resources, T.topic).inputs.kmsMasterKeyId, /:key\/mrk-/);
      assert.match(one(resources, T.queue).inputs.kmsMasterKeyId, /:key\/mrk-/);
      for (const fn of ofType(resources, T.fn)) assert.match(fn.inputs.kmsKeyArn, /:key\/mrk-/);
      for (const group of ofType(resources, T.logGroup)) assert.match(group.inputs.kmsKeyId, /:key\/mrk-/, group.inputs.name);
    });

    it("every log group has the configured retention; every Lambda logs into its own", async () => {
      const { resources, config } = await plan();
      const groups = ofType(resources, T.logGroup);
      for (const group of groups) assert.equal(group.inputs.retentionInDays, config.retention.logDays, group.inputs.name);
      for (const fn of ofType(resources, T.fn)) {
        assert.equal(fn.inputs.loggingConfig.logGroup, `/aws/lambda/${fn.inputs.name}`);
        assert.ok(groups.some((g) => g.inputs.name === fn.inputs.loggingConfig.logGroup));
      }
    });

    it("every resource whose type takes tags carries the base tags", async () => {
      const { resources } = await plan();
      const taggable = new Map<string, boolean>();
      let checked = 0;
      for (const r of resources.filter((x) => x.custom && x.type.startsWith("aws:"))) {
        if (!taggable.has(r.type)) taggable.set(r.type, takesTags(r.type));
        if (!taggable.get(r.type)) continue;
        checked++;
        for (const [k, v] of Object.entries({ project: "game-telemetry", stack, variant: "aws-native", tier: "light", "managed-by": "pulumi", environment: stack })) {
          assert.equal(r.inputs.tags?.[k], v, `${r.type} ${r.name} tag ${k}`);
        }
      }
      assert.ok(checked > 40, `checked ${checked} taggable resources`);
      assert.equal(takesTags("aws:iam/rolePolicy:RolePolicy"), false, "the detector distinguishes untaggable types");
    });
  });
}
