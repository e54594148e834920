/**
 * Local files the heavy tier uploads to its artifacts bucket, and their object keys. The Flink zip is
 * built by `scripts/package-flink.ts --out dist/flink/app.zip` (it is not in the repo); the Spark job,
 * its module and the lookup tables are source files. Previews under mocks never read them;
 * `pulumi up` needs the zip built first.
 */
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "..", "..", "..");
const GLUE_DIR = path.join(REPO_ROOT, "jobs", "glue");

export const FLINK_APP_ZIP = path.join(REPO_ROOT, "dist", "flink", "app.zip");

export interface Artifact {
  /** Local file. */
  path: string;
  /** Object key in the artifacts bucket. */
  key: string;
  contentType: string;
}

/** The Spark enrichment's files: entry script, its pure module (--extra-py-files / --py-files), the geo and device lookups. */
export const ENRICHMENT_ARTIFACTS = {
  script: { path: path.join(GLUE_DIR, "enrich_silver.py"), key: "glue/enrich_silver.py", contentType: "text/x-python" },
  module: { path: path.join(GLUE_DIR, "enrichment.py"), key: "glue/enrichment.py", contentType: "text/x-python" },
  geoLookup: { path: path.join(GLUE_DIR, "lookups", "geo.csv"), key: "glue/lookups/geo.csv", contentType: "text/csv" },
  deviceLookup: { path: path.join(GLUE_DIR, "lookups", "devices.csv"), key: "glue/lookups/devices.csv", contentType: "text/csv" },
} as const satisfies Record<string, Artifact>;
