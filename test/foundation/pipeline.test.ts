import assert from "node:assert/strict";
import { ConfigError, TIERS, VARIANTS, parseTelemetryConfig } from "../../components/config";
import { builderFor } from "../../components/pipeline";
import { VARIANT_BUILDERS } from "../../components/variants";
import { planConfig } from "../../scripts/plan/plan-stack";
import { refusedPipeline } from "../support/stack-plans";

describe("TelemetryPipeline variant selection", () => {
  it("registers a builder for every variant", () => {
    assert.deepEqual(Object.keys(VARIANT_BUILDERS).sort(), [...VARIANTS].sort());
    for (const variant of VARIANTS) assert.ok(VARIANT_BUILDERS[variant].tiers.length > 0, `${variant} supports some tier`);
  });

  it("refuses a variant/tier combination the registry lacks, before creating any resource", async () => {
    for (const variant of VARIANTS) {
      for (const tier of TIERS) {
        if (VARIANT_BUILDERS[variant].tiers.includes(tier)) continue;
        const config = parseTelemetryConfig({ variant, tier });
        assert.throws(() => builderFor(config), (e: Error) => e instanceof ConfigError && e.message.startsWith(`telemetry:tier = "${tier}" is not available for telemetry:variant = "${variant}"; variant/tier combinations allowed in this build: `));
        const { caught, resources } = await refusedPipeline(config);
        assert.ok(caught instanceof ConfigError);
        assert.deepEqual(resources, [], "nothing registered");
        await assert.rejects(planConfig(config, "test"), ConfigError);
      }
    }
  });
});
