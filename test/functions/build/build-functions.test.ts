import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { BUNDLE_FILE, BUNDLE_TARGET, REPO_ROOT, buildDeployables, bundleOptions, bundlePath, listDeployables } from "../../../scripts/build-functions/deployables";

describe("deployable functions bundle with esbuild", function () {
  this.timeout(120_000);
  let outDir: string;
  before(() => {
    outDir = mkdtempSync(join(tmpdir(), "bundles-"));
  });
  after(() => rmSync(outDir, { recursive: true, force: true }));

  it("discovers every functions/<name>/handler.ts", () => {
    const names = listDeployables();
    for (const name of ["authorizer", "generator", "processor"]) assert.ok(names.includes(name), `${name} missing from ${names}`);
    for (const name of names) assert.ok(existsSync(join(REPO_ROOT, "functions", name, "handler.ts")));
    assert.ok(!names.includes("core"), "core has no handler and is a library, not a deployable");
  });

  it("maps a name to dist/functions/<name> and refuses unknown names", () => {
    assert.equal(bundlePath("processor"), join(REPO_ROOT, "dist", "functions", "processor"));
    assert.throws(() => bundlePath("nope"), /"nope" is not a deployable function; deployables .*processor/);
  });

  it("targets node22 CommonJS with source maps, minified, bundling the SDK too", () => {
    const options = bundleOptions(["processor"], "/out");
    assert.equal(BUNDLE_TARGET, "node22");
    assert.deepEqual(
      [options.platform, options.target, options.format, options.sourcemap, options.minify, options.bundle, options.external],
      ["node", "node22", "cjs", true, true, true, undefined],
    );
  });

  it("every deployable builds to one CommonJS file exporting handler", async () => {
    const names = listDeployables();
    const bundles = await buildDeployables(names, outDir, REPO_ROOT, { minify: false });
    for (const bundle of bundles) {
      assert.equal(bundle.outfile, join(outDir, bundle.name, BUNDLE_FILE));
      assert.ok(existsSync(bundle.outfile + ".map"), `${bundle.name}: source map`);
    }
    // Load each bundle in plain node from the temp dir (no node_modules to fall back on, no tsx):
    // proves every import was bundled and the module initialises.
    const script = `for (const f of process.argv.slice(1)) console.log(typeof require(f).handler)`;
    const types = execFileSync(process.execPath, ["-e", script, ...bundles.map((b) => b.outfile)], { cwd: outDir, encoding: "utf8" });
    assert.deepEqual(types.trim().split("\n"), names.map(() => "function"));
  });
});
