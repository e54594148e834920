import assert from "node:assert/strict";
import { fitName, namesFor } from "../../components/naming";
import { gcpLabels } from "../../components/tags";

describe("naming", () => {
  it("names streams as seed 000 does", () => {
    assert.equal(namesFor("prod").stream("raw"), "prod-client-game_event-raw");
  });

  it("fits long names into a limit with a stable hash suffix", () => {
    const long = `tlm-${"x".repeat(80)}-processor`;
    const fitted = fitName(long, 64);
    assert.equal(fitted.length, 64);
    assert.equal(fitted, fitName(long, 64));
    assert.notEqual(fitted, fitName(`${long}2`, 64));
    assert.match(fitted, /-[0-9a-f]{6}$/);
    assert.equal(fitName("short", 64), "short");
  });

  it("refuses a limit too small to hold a hash", () => {
    assert.throws(() => fitName("abc", 7), RangeError);
  });

  it("turns tags into valid GCP labels", () => {
    assert.deepEqual(gcpLabels({ "managed-by": "pulumi", Stack: "Prod-1", "9lives": "x", "cost.center": "Games/EU" }), {
      "managed-by": "pulumi",
      stack: "prod-1",
      lives: "x",
      cost_center: "games_eu",
    });
  });
});
