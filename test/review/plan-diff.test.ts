/** The offline plan diff: by URN, by input, and loud about stateful replacements. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diffPlans, diffValues, formatPlanDiff, parsePlanDocument, type PlanDocument, type PlanDocumentResource } from "../../scripts/review/plan-diff";

const urn = (type: string, name: string, parents = "telemetry:index:Pipeline") => `urn:pulumi:dev::game-telemetry::${parents}$${type}::${name}`;
const r = (type: string, name: string, inputs: Record<string, unknown>, extra: Partial<PlanDocumentResource> = {}): PlanDocumentResource => ({ type, name, urn: urn(type, name), inputs, ...extra });
const plan = (...resources: PlanDocumentResource[]): PlanDocument => ({ stack: "dev", resources });

const BUCKET = "aws:s3/bucket:Bucket";
const STREAM = "aws:kinesis/stream:Stream";
const TABLE = "aws:dynamodb/table:Table";

describe("plan diff", () => {
  it("finds added, removed and changed resources by URN", () => {
    const diff = diffPlans(
      plan(r(STREAM, "raw", { name: "dev-raw", retentionPeriod: 24 }), r("aws:cloudwatch/metricAlarm:MetricAlarm", "lag-alarm", {})),
      plan(r(STREAM, "raw", { name: "dev-raw", retentionPeriod: 48 }), r("aws:sns/topic:Topic", "alerts", {})),
    );
    assert.deepEqual(diff.added.map((a) => a.name), ["alerts"]);
    assert.deepEqual(diff.removed.map((a) => a.name), ["lag-alarm"]);
    assert.deepEqual(diff.changed, [{ urn: urn(STREAM, "raw"), type: STREAM, name: "raw", changes: [{ path: "retentionPeriod", before: 24, after: 48 }] }]);
    assert.deepEqual(diff.statefulRisks, [], "retention changes in place");
  });

  it("reports leaf paths, inside nested blocks, lists and JSON documents", () => {
    const before = { tags: { stack: "dev" }, subnets: ["a", "b"], policy: JSON.stringify({ Statement: [{ Action: "s3:GetObject", Resource: "arn:aws:s3:::x/*" }] }) };
    const after = { tags: { stack: "dev", owner: "data" }, subnets: ["a"], policy: JSON.stringify({ Statement: [{ Action: "s3:PutObject", Resource: "arn:aws:s3:::x/*" }] }) };
    assert.deepEqual(diffValues(before, after), [
      { path: "policy{json}.Statement[0].Action", before: "s3:GetObject", after: "s3:PutObject" },
      { path: "subnets[1]", before: "b", after: undefined },
      { path: "tags.owner", before: undefined, after: "data" },
    ]);
  });

  it("flags a stateful replacement by its replacing inputs: bucket name, table hash key", () => {
    const diff = diffPlans(
      plan(r(BUCKET, "lake-raw", { bucket: "tlm-dev-raw" }), r(TABLE, "dedup", { name: "tlm-dev-dedup", hashKey: "pk", billingMode: "PAY_PER_REQUEST" })),
      plan(r(BUCKET, "lake-raw", { bucket: "tlm-dev-raw-2" }), r(TABLE, "dedup", { name: "tlm-dev-dedup", hashKey: "key", billingMode: "PAY_PER_REQUEST" })),
    );
    assert.deepEqual(
      diff.statefulRisks.map((risk) => [risk.kind, risk.name, risk.reason]),
      [
        ["replaced", "lake-raw", 'changing bucket "tlm-dev-raw" → "tlm-dev-raw-2" replaces it (delete + create)'],
        ["replaced", "dedup", 'changing hashKey "pk" → "key" replaces it (delete + create)'],
      ],
    );
  });

  it("flags a removed stateful resource, and a URN change (re-parenting) as delete + create", () => {
    const moved = { ...r(STREAM, "raw", { name: "dev-raw" }), urn: urn(STREAM, "raw", "telemetry:index:Pipeline$telemetry:aws:EventStream") };
    const diff = diffPlans(plan(r(STREAM, "raw", { name: "dev-raw" }), r(BUCKET, "lake-gold", {})), plan(moved));
    assert.equal(diff.statefulRisks.length, 2);
    assert.match(diff.statefulRisks[0].reason, /URN changed .*add an alias/);
    assert.match(diff.statefulRisks[1].reason, /no longer in the program/);
  });

  it("shows protect being turned off", () => {
    const diff = diffPlans(plan(r(BUCKET, "lake-raw", {}, { protect: true })), plan(r(BUCKET, "lake-raw", {}, { protect: false })));
    assert.deepEqual(diff.changed[0].changes, [{ path: "(protect)", before: true, after: false }]);
  });

  it("formats a Markdown comment whose caution banner appears only when data is at risk", () => {
    const risky = formatPlanDiff(diffPlans(plan(r(STREAM, "raw", { name: "a" })), plan(r(STREAM, "raw", { name: "b" }))));
    assert.match(risky, /STATEFUL RESOURCES REPLACED OR DELETED: 1/);
    assert.match(risky, /- `name`: "a" → "b"/);
    const calm = formatPlanDiff(diffPlans(plan(r(STREAM, "raw", { name: "a" })), plan(r(STREAM, "raw", { name: "a" }))));
    assert.doesNotMatch(calm, /STATEFUL/);
    assert.match(calm, /0 to add, 0 to remove, 0 to change/);
  });

  it("refuses a base file that is not a plan document, saying how to make one", () => {
    assert.throws(() => parsePlanDocument("not json", "base.json"), /base.json is not JSON.*--json/);
    assert.throws(() => parsePlanDocument(JSON.stringify({ stack: "dev", resources: [{ name: "x" }] }), "base.json"), /not a plan document/);
    assert.equal(parsePlanDocument(JSON.stringify(plan(r(STREAM, "raw", {}))), "b").resources.length, 1);
  });

  it("npm run plan -- <stack> --diff <missing file> exits 2 with the reason", () => {
    const dir = mkdtempSync(join(tmpdir(), "plan-diff-"));
    const bad = join(dir, "base.json");
    writeFileSync(bad, "{}");
    for (const [file, message] of [[join(dir, "absent.json"), /no such file/], [bad, /not a plan document/]] as const) {
      const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/plan.ts", "dev", "--diff", file], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stderr, message);
    }
  });
});
