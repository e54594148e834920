import assert from "node:assert/strict";
import { checkHeavyName, HEAVY_NAME_RULES, heavyNames } from "../../components/aws/heavy/heavy-names";
import { namesFor } from "../../components/naming";

describe("heavy-tier physical names", () => {
  it("fits every name of a long stack name into its service's limit", () => {
    const stack = "production-eu-west-telemetry-with-a-very-long-stack-name";
    const names = heavyNames(namesFor(stack));
    assert.ok(names.stateMachine.length <= HEAVY_NAME_RULES.stateMachine.max);
    assert.ok(names.redshiftNamespace.length <= 64 && /^[a-z0-9-]+$/.test(names.redshiftNamespace));
    assert.ok(names.flinkRole.length <= 64);
    assert.ok(names.enrichmentSchedule.length <= 64);
    assert.match(names.rdsInstance, HEAVY_NAME_RULES.rdsIdentifier.pattern);
    assert.match(names.goldDatabase, /^[a-z0-9_]+$/);
  });

  it("keeps Flink's and Step Functions' log groups under the names the services use", () => {
    const names = heavyNames(namesFor("prod"));
    assert.equal(names.flinkLogGroup, `/aws/kinesis-analytics/${names.flinkApplication}`);
    assert.equal(names.stateMachineLogGroup, `/aws/vendedlogs/states/${names.stateMachine}`);
    assert.equal(names.goldDatabase, "tlm_prod_gold");
  });

  it("rejects a name outside a rule with the kind, the name and the rule", () => {
    assert.throws(() => checkHeavyName("redshift", "Upper-Case"), /redshift name "Upper-Case" does not match/);
    assert.throws(() => checkHeavyName("stateMachine", "x".repeat(81)), /stateMachine name "x+" has 81 characters; allowed 1–80/);
    assert.throws(() => checkHeavyName("rdsIdentifier", "1db"), /rdsIdentifier name "1db" does not match/);
  });
});
