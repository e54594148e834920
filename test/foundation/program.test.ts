import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { resolveOutput, runUnderMocks } from "../../scripts/plan/run-under-mocks";
import { loadStackConfig } from "../../scripts/plan/stack-config";
import { stackPlan } from "../support/stack-plans";

describe("index.ts (the Pulumi program entry point)", () => {
  it("reads the stack's config through Pulumi and exports the stack outputs", async () => {
    const { flat } = loadStackConfig("dev");
    const { resources, result } = await runUnderMocks(async () => {
      pulumi.runtime.setAllConfig(flat);
      // The program module runs on import, as under `pulumi up`; one import per process.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const program = require("../../index") as Record<string, pulumi.Output<unknown> | string>;
      const exported: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(program)) exported[key] = await resolveOutput(value as pulumi.Output<unknown>);
      return exported;
    }, { stack: "dev" });
    assert.deepEqual(Object.keys(result).sort(), ["alertDestination", "apiKeyStore", "buckets", "dashboards", "ingestUrl", "streams", "tier", "variant"]);
    assert.equal(result.variant, "aws-native");
    assert.match(String(result.ingestUrl), /^https:\/\/.+\/v1\/events$/);
    assert.equal(result.apiKeyStore, "tlm-dev-api-keys");
    // The program builds the same graph as the offline plan of the same stack.
    const plan = await stackPlan("dev");
    assert.deepEqual(resources.map((r) => r.urn).sort(), plan.resources.map((r) => r.urn).sort());
  });
});
