import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

function plan(...args: string[]) {
  const run = spawnSync(TSX, [join(ROOT, "scripts", "plan.ts"), ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr.replace(/^npm warn.*\n/gm, "") };
}

describe("npm run plan (CLI contract)", () => {
  const badConfigs: Array<[string[], RegExp]> = [
    [["dev", "--set", "telemetry:variant=azure"], /^telemetry:variant = "azure" is invalid: allowed values: "aws-native", "aws-msk", "gcp-native", "gcp-kafka"$/m],
    [["dev", "--set", "telemetry:dedupWindowMinutes=0"], /^telemetry:dedupWindowMinutes = 0 is invalid: must be ≥ 1$/m],
    [["dev", "--set", 'telemetry:load={"peakEventsPerSecond":-1}'], /^telemetry:load\.peakEventsPerSecond = -1 is invalid: must be ≥ 1$/m],
    [["dev", "--set", "telemetry:bogus=1"], /^telemetry:bogus is not a known key; allowed keys: /m],
    [["dev", "--set", "nonsense"], /^--set "nonsense" is invalid: expected namespace:key=value/m],
    [["qa"], /^stack "qa" has no Pulumi\.qa\.yaml; available stacks: dev, gcp-dev, prod$/m],
    [[], /^missing <stack>\nusage: npm run plan -- <stack>/m],
    [["dev", "--frobnicate"], /^unknown option --frobnicate\nusage: /m],
  ];
  for (const [args, message] of badConfigs) {
    it(`exits 2 with the message and no stack trace for: ${args.join(" ") || "(no arguments)"}`, () => {
      const run = plan(...args);
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.doesNotMatch(run.stderr, /\n\s+at /, "no stack trace");
      assert.equal(run.stdout, "");
    });
  }

  it("--json prints exactly one JSON object with stack, config, sizing and typed resources", () => {
    const run = plan("dev", "--json");
    assert.equal(run.status, 0, run.stderr);
    const doc = JSON.parse(run.stdout);
    assert.equal(doc.stack, "dev");
    assert.equal(doc.config.variant, "aws-native");
    assert.equal(typeof doc.sizing.kinesis.mode, "string");
    assert.ok(doc.resources.length > 20);
    for (const r of doc.resources) {
      assert.match(r.type, /^[a-z]+:[\w/]+:\w+$|^telemetry:[\w-]+:\w+$/);
      assert.equal(typeof r.name, "string");
      assert.ok(r.parent === null || typeof r.parent === "string");
    }
    assert.ok(doc.resources.some((r: { type: string }) => r.type === "aws:kinesis/stream:Stream"));
  });

  it("prints the tree, counts per type and the derived sizing for people", () => {
    const run = plan("prod");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Stack prod: variant aws-native, tier \w+, \d+ resources$/m);
    assert.match(run.stdout, /^Counts per type:$/m);
    // 100,000 events/s × 1 KiB = 97.66 MiB/s; need = max(97.66, 100) = 100 shards; × 1.2 headroom = 120.
    assert.match(run.stdout, /kinesis: PROVISIONED, 120 shards \(need 100\.00 shards at peak\)/);
  });
});
