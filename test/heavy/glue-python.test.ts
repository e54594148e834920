/**
 * The Glue enrichment job's pure logic (jobs/glue/enrichment.py) with the machine's python3. The Spark
 * and awsglue parts of enrich_silver.py only run on Glue (docs/heavy-tier.md); the unittest suite checks
 * that the script imports them only inside main() and reads every argument it documents.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

describe("Glue enrichment Python (python3, no Spark)", function () {
  this.timeout(30_000);

  it("passes its unittest suite", () => {
    const result = spawnSync("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", "."], {
      cwd: join(__dirname, "../../jobs/glue"),
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
      encoding: "utf8",
    });
    assert.equal(result.status, 0, `python unittest failed:\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /Ran [1-9]\d* tests?/);
  });
});
