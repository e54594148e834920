/** The STAGING table the component registers matches what the Spark job writes (jobs/glue/enrichment.py). */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { STAGING_COLUMNS, STAGING_PARTITION_KEYS, stagingTableParameters } from "../../components/aws/heavy/staging-table";

const GLUE_DIR = path.resolve(__dirname, "..", "..", "jobs", "glue");

describe("STAGING table", () => {
  it("has exactly the job's STAGING_SCHEMA columns, in order, with event_date as the partition", () => {
    const schema: Array<[string, string]> = JSON.parse(
      execFileSync("python3", ["-c", "import json; from enrichment import STAGING_SCHEMA; print(json.dumps(STAGING_SCHEMA))"], { cwd: GLUE_DIR, encoding: "utf8" }),
    );
    const table = [...STAGING_COLUMNS, ...STAGING_PARTITION_KEYS].map((c) => [c.name, c.type]);
    assert.deepEqual(table, schema);
  });

  it("projects event_date partitions under the bucket's staging/events/ prefix", () => {
    const params = stagingTableParameters("tlm-prod-staging-123456789012-us-east-1");
    assert.equal(params["projection.event_date.type"], "date");
    assert.equal(params["projection.event_date.format"], "yyyy-MM-dd");
    assert.equal(params["storage.location.template"], "s3://tlm-prod-staging-123456789012-us-east-1/staging/events/event_date=${event_date}/");
  });
});
