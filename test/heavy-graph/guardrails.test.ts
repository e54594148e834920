/** The policy pack's rules over the heavy tier built directly (Kinesis and MSK, every option on). */
import assert from "node:assert/strict";
import { checkedFromPlan, contextFromConfig } from "../../policy/planned-resources";
import { evaluateRules, formatViolations } from "../../policy/rules";
import { planHeavy } from "./heavy-fixture";

describe("guardrails over the heavy tier", () => {
  for (const [source, raw] of [
    ["kinesis", {}],
    ["msk", { heavy: { enrichment: "emr-serverless", rdsReporting: true } }],
  ] as const) {
    it(`${source}: zero violations`, async () => {
      const plan = await planHeavy(source, raw);
      const violations = evaluateRules(plan.resources.map(checkedFromPlan), contextFromConfig("prod", plan.config));
      assert.equal(violations.length, 0, `${violations.length} violation(s):\n${formatViolations(violations)}`);
    });
  }
});
