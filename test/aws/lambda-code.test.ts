/** Every Lambda's code is the bundle the build produces for a deployable that exists. */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as path from "node:path";
import { ofType } from "../support/resources";
import { lightTierPlan } from "../support/stack-plans";
import { T } from "./plan-queries";

const ROOT = path.resolve(__dirname, "..", "..");

for (const stack of ["dev", "prod"] as const) {
  describe(`aws-native Lambda code: ${stack}`, () => {
    it("each function is nodejs22.x on arm64 with code = dist/functions/<deployable> of an existing functions/<deployable>/handler.ts", async () => {
      const { resources } = await lightTierPlan(stack);
      const functions = ofType(resources, T.fn);
      assert.ok(functions.length >= 2);
      const deployables: string[] = [];
      for (const fn of functions) {
        assert.equal(fn.inputs.runtime, "nodejs22.x");
        assert.deepEqual(fn.inputs.architectures, ["arm64"]);
        assert.equal(fn.inputs.handler, "index.handler");
        const archivePath: string = await fn.inputs.code.path;
        const relative = path.relative(path.join(ROOT, "dist", "functions"), archivePath);
        assert.match(relative, /^[a-z][a-z0-9-]*$/, `${fn.name}: ${archivePath}`);
        assert.ok(existsSync(path.join(ROOT, "functions", relative, "handler.ts")), `functions/${relative}/handler.ts exists`);
        deployables.push(relative);
      }
      const expected = stack === "dev" ? ["authorizer", "generator", "processor"] : ["authorizer", "processor"];
      assert.deepEqual(deployables.sort(), expected);
    });
  });
}
