/** `telemetry:gcp` validation: bad values fail with the key, the value and what is allowed. */
import assert from "node:assert/strict";
import { ConfigError, parseTelemetryConfig } from "../../components/config";

function errorOf(gcp: Record<string, unknown>): string {
  try {
    parseTelemetryConfig({ variant: "gcp-native", gcp });
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.message;
  }
  throw new Error("expected a ConfigError");
}

describe("gcp: telemetry:gcp config", () => {
  it("fills defaults", () => {
    const { gcp } = parseTelemetryConfig({ variant: "gcp-native" });
    assert.deepEqual(gcp, { region: "us-central1", bigQueryLocation: "US", cmek: false, dataflowMachineType: "n2-standard-2", subnetCidr: "10.40.0.0/20", dedupIntervalMinutes: 15 });
  });

  it("names key, value and allowed range or form", () => {
    assert.equal(errorOf({ subnetCidr: "10.0.0.0/8" }), 'telemetry:gcp.subnetCidr = "10.0.0.0/8" is invalid: must be an IPv4 CIDR from /16 to /24, e.g. 10.40.0.0/20');
    assert.equal(errorOf({ dedupIntervalMinutes: 5 }), "telemetry:gcp.dedupIntervalMinutes = 5 is invalid: must be ≥ 15");
    assert.equal(errorOf({ kafkaVcpus: 2 }), "telemetry:gcp.kafkaVcpus = 2 is invalid: must be ≥ 3");
    assert.match(errorOf({ zone: "a" }), /unknown field\(s\) zone; allowed fields: region, bigQueryLocation, cmek, /);
  });
});
