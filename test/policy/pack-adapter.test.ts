/** The @pulumi/policy adapter: rules reach the pack as validations that report what the rules find. */
import assert from "node:assert/strict";
import { unknownCheckingProxy } from "@pulumi/policy";
import type { PolicyResource, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { plainProps, toPackPolicies } from "../../policy/pack-adapter";
import { RULES } from "../../policy/rules";
import { contextForStack, stackFromUrn } from "../../policy/stack-context";
import { UNKNOWN } from "../../policy/rules/types";
import { DEV, PROD } from "./fixtures";

// The engine's marker for an unknown string during preview (internal to @pulumi/policy).
const UNKNOWN_STRING: string = require("@pulumi/policy/proxy").unknownStringValue;

const urn = (type: string, name: string, stack = "dev") => `urn:pulumi:${stack}::game-telemetry::${type}::${name}`;
const opts = (protect = false) => ({ protect, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] });

function resourceArgs(type: string, name: string, props: Record<string, unknown>, protect = false): ResourceValidationArgs {
  return { type, name, urn: urn(type, name), props: unknownCheckingProxy(props), opts: opts(protect), stackTags: new Map() } as unknown as ResourceValidationArgs;
}

function policyResource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, PolicyResource[]> = {}): PolicyResource {
  return { type, name, urn: urn(type, name), props: unknownCheckingProxy(props), opts: opts(), dependencies: [], propertyDependencies } as unknown as PolicyResource;
}

describe("policy pack adapter", () => {
  const policies = toPackPolicies(RULES, (u) => (stackFromUrn(u) === "prod" ? PROD : DEV));
  const byName = (name: string) => policies.find((p) => p.name === name)!;
  /** Runs a resource policy's validation and collects what it reports. */
  const validate = async (name: string, args: ResourceValidationArgs): Promise<string[]> => {
    const reports: string[] = [];
    const validation = (byName(name) as ResourceValidationPolicy).validateResource as ResourceValidation;
    await validation(args, (message) => reports.push(message));
    return reports;
  };

  it("offers one mandatory policy per rule, resource rules as validateResource and stack rules as validateStack", () => {
    assert.deepEqual(policies.map((p) => p.name), RULES.map((r) => r.name));
    for (const [i, rule] of RULES.entries()) {
      assert.equal(policies[i].enforcementLevel, "mandatory");
      assert.equal(rule.kind === "resource" ? "validateResource" in policies[i] : "validateStack" in policies[i], true, rule.name);
    }
  });

  it("a resource policy reports the rule's messages for the resource's props", async () => {
    const reports = await validate("encryption-at-rest", resourceArgs("aws:kinesis/stream:Stream", "raw", { encryptionType: "NONE" }));
    assert.deepEqual(reports, ['Kinesis stream must set encryptionType "KMS"', "Kinesis stream must name its KMS key (kmsKeyId)"]);
  });

  it("an input unknown during preview is skipped rather than aborting the policy", async () => {
    assert.deepEqual(await validate("encryption-at-rest", resourceArgs("aws:kinesis/stream:Stream", "raw", { encryptionType: "KMS", kmsKeyId: UNKNOWN_STRING })), []);
    assert.deepEqual(plainProps(unknownCheckingProxy({ a: { b: UNKNOWN_STRING, c: [1, UNKNOWN_STRING] } })), { a: { b: UNKNOWN, c: [1, UNKNOWN] } });
  });

  it("the context comes from the URN's stack: protect is required in prod, not in dev", async () => {
    const run = async (stack: string, protect: boolean) => {
      const args = { ...resourceArgs("aws:dynamodb/table:Table", "dedup", {}, protect), urn: urn("aws:dynamodb/table:Table", "dedup", stack) };
      return (await validate("protect-stateful-stores", args)).length;
    };
    assert.equal(await run("prod", false), 1);
    assert.equal(await run("prod", true), 0);
    assert.equal(await run("dev", false), 0);
  });

  it("a stack policy links a bucket's companion through Pulumi's property dependencies and reports against the bucket", async () => {
    const bucket = policyResource("aws:s3/bucket:Bucket", "lake-raw", { bucket: UNKNOWN_STRING });
    const pab = policyResource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "lake-raw-pab", { bucket: UNKNOWN_STRING, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: false }, { bucket: [bucket] });
    const reports: Array<[string, string | undefined]> = [];
    const policy = byName("s3-public-access-block") as StackValidationPolicy;
    await policy.validateStack({ resources: [bucket, pab], stackTags: new Map() } as unknown as StackValidationArgs, (m, u) => reports.push([m, u]));
    assert.equal(reports.length, 1);
    assert.match(reports[0][0], /restrictPublicBuckets/);
    assert.equal(reports[0][1], bucket.urn);
  });

  it("the pack reads each stack's facts from its committed Pulumi.<stack>.yaml", () => {
    assert.deepEqual(contextForStack("prod"), { stack: "prod", protectData: true, gcpCmek: false });
    assert.equal(contextForStack("dev").protectData, false);
    assert.throws(() => contextForStack("nosuchstack"), /no Pulumi\.nosuchstack\.yaml/);
  });

  it("stackFromUrn reads the stack and rejects what is not a URN", () => {
    assert.equal(stackFromUrn("urn:pulumi:gcp-dev::game-telemetry::gcp:pubsub/topic:Topic::raw"), "gcp-dev");
    assert.throws(() => stackFromUrn("arn:aws:s3:::x"), /cannot read the stack/);
  });
});
