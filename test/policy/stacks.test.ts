/**
 * Every rule over every stack file × every registered variant × every tier that variant lists:
 * zero violations. A variant that cannot plan yet fails here (it is never skipped).
 */
import assert from "node:assert/strict";
import { parseTelemetryConfig } from "../../components/config";
import { decodeTelemetryConfig } from "../../components/read-config";
import { VARIANT_BUILDERS } from "../../components/variants";
import { checkedFromPlan, contextFromConfig } from "../../policy/planned-resources";
import { evaluateRules, formatViolations } from "../../policy/rules";
import { availableStacks, loadStackConfig } from "../../scripts/plan/stack-config";
import { stackPlan } from "../support/stack-plans";

/** `--set`s turning `stack` into variant/tier, omitting what the stack file already says (shares the plan memo). */
function setsFor(stack: string, variant: string, tier: string): string[] {
  const own = parseTelemetryConfig(decodeTelemetryConfig(loadStackConfig(stack).flat));
  return [...(own.variant === variant ? [] : [`telemetry:variant=${variant}`]), ...(own.tier === tier ? [] : [`telemetry:tier=${tier}`])];
}

describe("guardrails over every stack × variant × tier", () => {
  const stacks = availableStacks();

  it("finds the stack files and variants to check", () => {
    assert.ok(stacks.includes("dev") && stacks.includes("prod"), `stacks: ${stacks.join(", ")}`);
    assert.ok(Object.keys(VARIANT_BUILDERS).length >= 4);
  });

  for (const stack of stacks) {
    for (const [variant, builder] of Object.entries(VARIANT_BUILDERS)) {
      for (const tier of builder.tiers) {
        it(`${stack} as ${variant}/${tier}: zero violations`, async () => {
          const plan = await stackPlan(stack, setsFor(stack, variant, tier));
          assert.ok(plan.resources.some((r) => r.custom), "the plan registers cloud resources");
          const violations = evaluateRules(plan.resources.map(checkedFromPlan), contextFromConfig(stack, plan.config));
          assert.equal(violations.length, 0, `${violations.length} violation(s) in ${stack} as ${variant}/${tier}:\n${formatViolations(violations)}`);
        });
      }
    }
  }

  // Config switches that add resources the stack files do not turn on: check those paths too
  // (on one stack and the variant's first tier, to keep the suite fast).
  const ownConfig = (stack: string) => parseTelemetryConfig(decodeTelemetryConfig(loadStackConfig(stack).flat));
  const SWITCHES: Array<{ variantPrefix: string; stacks: string[]; what: string; sets: (stack: string) => string[] }> = [
    { variantPrefix: "gcp-", stacks: ["gcp-dev"], what: "telemetry:gcp.cmek on", sets: (stack) => [`telemetry:gcp=${JSON.stringify({ ...ownConfig(stack).gcp, cmek: true })}`] },
    {
      variantPrefix: "aws-msk",
      stacks: ["dev"],
      what: "telemetry:msk.delivery = connect",
      sets: (stack) => [
        `telemetry:msk=${JSON.stringify({ ...ownConfig(stack).msk, delivery: "connect", connectorPluginSource: "s3://example-artifacts/s3-sink-connector.zip", connectorPluginSha256: "0".repeat(64) })}`,
      ],
    },
  ];
  for (const { variantPrefix, stacks: switchStacks, what, sets } of SWITCHES) {
    for (const [variant, builder] of Object.entries(VARIANT_BUILDERS).filter(([name]) => name.startsWith(variantPrefix))) {
      for (const tier of builder.tiers.slice(0, 1)) {
        for (const stack of switchStacks.filter((s) => stacks.includes(s))) {
          it(`${stack} as ${variant}/${tier} with ${what}: zero violations`, async () => {
            const plan = await stackPlan(stack, [...setsFor(stack, variant, tier), ...sets(stack)]);
            const violations = evaluateRules(plan.resources.map(checkedFromPlan), contextFromConfig(stack, plan.config));
            assert.equal(violations.length, 0, `${violations.length} violation(s):\n${formatViolations(violations)}`);
          });
        }
      }
    }
  }
});
