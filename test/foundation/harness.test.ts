import assert from "node:assert/strict";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks } from "../../scripts/plan/run-under-mocks";
import { one } from "../support/resources";

class Probe extends pulumi.ComponentResource {
  constructor(name: string) {
    super("telemetry:test:Probe", name, {}, {});
    const stream = new aws.kinesis.Stream(`${name}-raw`, { name: "probe-raw", shardCount: 1 }, { parent: this, protect: true });
    new aws.iam.Policy(`${name}-read`, { policy: pulumi.jsonStringify({ Statement: [{ Effect: "Allow", Action: ["kinesis:GetRecords"], Resource: stream.arn }] }) }, { parent: this, dependsOn: [stream] });
    this.registerOutputs({});
  }
}

describe("mock harness", () => {
  it("records every resource with resolved inputs, parent and options", async () => {
    const { resources } = await runUnderMocks(() => {
      new Probe("p");
    });
    const component = one(resources, "telemetry:test:Probe");
    const stream = one(resources, "aws:kinesis/stream:Stream");
    const policy = one(resources, "aws:iam/policy:Policy");
    assert.equal(stream.parent, component.urn);
    assert.equal(stream.protect, true);
    assert.equal(policy.protect, false);
    assert.deepEqual(policy.dependsOn, [stream.urn]);
    // Wiring by reference resolves to the mock's realistic ARN.
    assert.equal(JSON.parse(policy.inputs.policy).Statement[0].Resource, "arn:aws:kinesis:us-east-1:123456789012:stream/probe-raw");
  });

  it("fails a run that calls an unmocked invoke, naming it", async () => {
    await assert.rejects(
      runUnderMocks(async () => {
        await aws.ec2.getVpc({ default: true });
      }),
      /unmocked invoke aws:ec2\/getVpc:getVpc/,
    );
  });

  it("answers the allowed invokes with the mock account and region", async () => {
    const { result } = await runUnderMocks(async () => {
      const identity = await aws.getCallerIdentity();
      const region = await aws.getRegion();
      return { account: identity.accountId, region: region.region };
    });
    assert.deepEqual(result, { account: "123456789012", region: "us-east-1" });
  });

  it("fails a run whose program throws, with the program's message", async () => {
    await assert.rejects(
      runUnderMocks(() => {
        throw new Error("boom in component");
      }),
      /boom in component/,
    );
  });

  it("isolates consecutive runs", async () => {
    const first = await runUnderMocks(() => void new Probe("a"));
    const second = await runUnderMocks(() => void new Probe("b"));
    assert.ok(first.resources.every((r) => !r.name.startsWith("b")));
    assert.ok(second.resources.every((r) => !r.name.startsWith("a")));
    assert.equal(first.resources.length, second.resources.length);
  });
});
