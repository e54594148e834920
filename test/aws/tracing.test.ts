import assert from "node:assert/strict";
import { configPlan } from "../support/stack-plans";
import { ofType, one, policyDocument } from "../support/resources";

const FUNCTION = "aws:lambda/function:Function";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";

function xrayGranted(resources: Awaited<ReturnType<typeof configPlan>>["resources"], roleUrnPrefix: string): boolean {
  return ofType(resources, ROLE_POLICY)
    .filter((p) => p.parent?.startsWith(roleUrnPrefix) ?? false)
    .some((p) => policyDocument(p).Statement.some((s) => [s.Action].flat().includes("xray:PutTraceSegments")));
}

describe("telemetry:tracing (AWS X-Ray)", () => {
  for (const variant of ["aws-native", "aws-msk"]) {
    it(`${variant}: on → every Lambda traces actively with the X-Ray grant, and the API stage traces`, async () => {
      const { resources } = await configPlan({ variant, tracing: true });
      const functions = ofType(resources, FUNCTION);
      assert.ok(functions.length >= 2);
      for (const fn of functions) {
        assert.deepEqual(fn.inputs.tracingConfig, { mode: "Active" }, fn.name);
        assert.ok(xrayGranted(resources, fn.parent!), `${fn.name}: its role may write traces`);
      }
      assert.equal(one(resources, "aws:apigateway/stage:Stage").inputs.xrayTracingEnabled, true);
    });

    it(`${variant}: off (default) → pass-through, no X-Ray grant, stage not traced`, async () => {
      const { resources } = await configPlan({ variant });
      for (const fn of ofType(resources, FUNCTION)) {
        assert.deepEqual(fn.inputs.tracingConfig, { mode: "PassThrough" }, fn.name);
        assert.ok(!xrayGranted(resources, fn.parent!), `${fn.name}: no X-Ray grant`);
      }
      assert.equal(one(resources, "aws:apigateway/stage:Stage").inputs.xrayTracingEnabled, false);
    });
  }
});
