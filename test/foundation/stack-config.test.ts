import assert from "node:assert/strict";
import { ConfigError, parseTelemetryConfig } from "../../components/config";
import { decodeTelemetryConfig } from "../../components/read-config";
import { availableStacks, loadStackConfig } from "../../scripts/plan/stack-config";

describe("stack config loading (as the Pulumi CLI would)", () => {
  it("finds the project's stacks", () => {
    assert.deepEqual(availableStacks(), ["dev", "gcp-dev", "prod"]);
  });

  it("layers Pulumi.yaml values, the stack file and --set assignments", () => {
    const { flat } = loadStackConfig("prod", ["telemetry:variant=aws-msk", "telemetry:dedupWindowMinutes=45"]);
    assert.equal(flat["aws:region"], "us-east-1");
    assert.equal(flat["telemetry:variant"], "aws-msk");
    assert.equal(flat["telemetry:dedupWindowMinutes"], "45");
    const config = parseTelemetryConfig(decodeTelemetryConfig(flat));
    assert.equal(config.load.peakEventsPerSecond, 100_000);
    assert.equal(config.load.averageEventsPerSecond, 35_000);
    assert.equal(config.protectData, true);
    assert.equal(config.dedupWindowMinutes, 45);
    // A key the stack file does not set keeps the Pulumi.yaml (= program) default.
    assert.equal(config.silverStagingTable, false);
  });

  it("a --set of a structured key replaces it as `pulumi config set` does", () => {
    const { flat } = loadStackConfig("dev", ['telemetry:load={"peakEventsPerSecond":30000,"averageEventsPerSecond":6900}']);
    const config = parseTelemetryConfig(decodeTelemetryConfig(flat));
    assert.equal(config.load.peakEventsPerSecond, 30_000);
    assert.equal(config.load.averageEventBytes, 1024);
  });

  it("rejects an unknown stack naming the available ones", () => {
    assert.throws(() => loadStackConfig("staging"), (e: Error) => e instanceof ConfigError && /stack "staging" has no Pulumi\.staging\.yaml; available stacks: dev, gcp-dev, prod/.test(e.message));
    assert.throws(() => loadStackConfig("../etc"), ConfigError);
  });

  it("rejects a malformed --set", () => {
    assert.throws(() => loadStackConfig("dev", ["variant=aws-msk"]), /--set "variant=aws-msk" is invalid: expected namespace:key=value/);
  });

  it("every stack file parses into a valid config", () => {
    for (const stack of availableStacks()) parseTelemetryConfig(decodeTelemetryConfig(loadStackConfig(stack).flat));
  });
});
