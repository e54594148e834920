import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { configDocRows, topLevelDefaults } from "../../components/config-doc";
import { CONFIG_KEYS } from "../../components/config";
import { configReferenceMarkdown, pulumiYaml, README_END, README_START } from "../../scripts/config-reference";

const ROOT = join(__dirname, "..", "..");

describe("config reference and Pulumi.yaml are generated from the schema", () => {
  it("README's config reference matches the schema (regenerate: npx tsx scripts/config-reference.ts --write)", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf(README_START) + README_START.length, readme.indexOf(README_END)).trim();
    assert.equal(section, configReferenceMarkdown());
  });

  it("Pulumi.yaml matches the schema's defaults (regenerate: npx tsx scripts/config-reference.ts --write)", () => {
    assert.equal(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"), pulumiYaml());
  });

  it("Pulumi.yaml declares every telemetry key with a description and the program's default", () => {
    const project = parse(readFileSync(join(ROOT, "Pulumi.yaml"), "utf8"));
    assert.equal(project.runtime.name, "nodejs");
    const defaults = topLevelDefaults() as Record<string, unknown>;
    assert.deepEqual(Object.keys(project.config).sort(), CONFIG_KEYS.map((k) => `telemetry:${k}`).sort());
    for (const key of CONFIG_KEYS) {
      const entry = project.config[`telemetry:${key}`];
      assert.ok(entry.description && entry.description.length > 10, `telemetry:${key} has a description`);
      assert.deepEqual(entry.value, defaults[key], `telemetry:${key} default`);
    }
  });

  it("documents every leaf key with a description", () => {
    const rows = configDocRows();
    for (const row of rows) assert.ok(row.description.length > 0, `${row.key} has a description`);
    for (const key of ["telemetry:load.peakEventsPerSecond", "telemetry:retention.zones.raw", "telemetry:sizing.rawShards", "telemetry:msk.delivery"]) {
      assert.ok(rows.some((row) => row.key === key), `${key} is documented`);
    }
  });
});
