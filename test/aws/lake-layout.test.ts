/** Lake layout (pure): prefixes, per-zone expiry from config, Firehose prefixes, Glue projection. */
import assert from "node:assert/strict";
import { parseTelemetryConfig } from "../../components/config";
import { errorOutputPrefix, hourPartitionedPrefix, LAKE_PREFIXES, lakeExpiryRules } from "../../components/aws/lake-layout";
import { hourProjectionParameters, LAKE_TABLES, SILVER_COLUMNS } from "../../components/aws/glue-tables";
import { DEDUP_KEY_SILVER_FIELDS } from "../../functions/core";

describe("aws lake layout", () => {
  const retention = parseTelemetryConfig({ retention: { zones: { raw: 10, silver: 20, gold: 30, deadLetter: 5 } } }).retention;

  it("expires each prefix after its zone's retention", () => {
    const days = (bucket: "raw" | "silver" | "gold") => Object.fromEntries(lakeExpiryRules(bucket, retention).map((r) => [r.prefix, r.days]));
    assert.deepEqual(days("raw"), { "raw/": 10, "raw-errors/": 10, "dead-letter/": 5, "dead-letter-errors/": 5 });
    assert.deepEqual(days("silver"), { "silver/": 20, "silver-errors/": 20 });
    assert.deepEqual(days("gold"), { "gold/": 30, "athena-results/": 30 });
  });

  it("no prefix is a prefix of another (lifecycle rules and IAM grants would overlap)", () => {
    const prefixes = Object.values(LAKE_PREFIXES);
    for (const a of prefixes) for (const b of prefixes) if (a !== b) assert.ok(!b.startsWith(a), `${a} / ${b}`);
  });

  it("Firehose writes arrival-hour partitions and typed error prefixes", () => {
    assert.equal(hourPartitionedPrefix("raw/"), "raw/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/");
    assert.match(errorOutputPrefix("raw-errors/"), /^raw-errors\/!\{firehose:error-output-type\}\/year=/);
  });

  it("partition projection enumerates the same year/month/day/hour layout Firehose writes", () => {
    const p = hourProjectionParameters("bucket", "raw/");
    assert.equal(p["storage.location.template"], "s3://bucket/raw/year=${year}/month=${month}/day=${day}/hour=${hour}/");
    assert.equal(p["projection.month.digits"], "2");
    assert.equal(p["projection.hour.range"], "0,23");
    // The template and Firehose's prefix name the same keys in the same order.
    const firehoseKeys = [...hourPartitionedPrefix("raw/").matchAll(/(\w+)=!/g)].map((m) => m[1]);
    const templateKeys = [...p["storage.location.template"].matchAll(/(\w+)=\$/g)].map((m) => m[1]);
    assert.deepEqual(firehoseKeys, templateKeys);
  });

  it("the SILVER table has a column for every SILVER envelope field the core defines", () => {
    // The core's scalar SILVER fields plus the `parameters` object (stored as JSON text).
    const coreFields = [...DEDUP_KEY_SILVER_FIELDS, "parameters"].sort();
    assert.deepEqual(SILVER_COLUMNS.map((c) => c.name).sort(), coreFields);
    assert.equal(SILVER_COLUMNS.find((c) => c.name === "event_hour")!.type, "int");
    assert.equal(LAKE_TABLES.silver.prefix, LAKE_PREFIXES.silver);
  });
});
