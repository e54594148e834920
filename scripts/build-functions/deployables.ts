import { build, type BuildOptions } from "esbuild";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

/**
 * Convention: every folder `functions/<name>/` holding a `handler.ts` that exports `handler` is a
 * deployable function, bundled to `dist/functions/<name>/index.js` (Lambda handler "index.handler").
 */
export const REPO_ROOT = resolve(__dirname, "..", "..");
export const HANDLER_FILE = "handler.ts";
export const BUNDLE_FILE = "index.js";
/** Lambda runtime the bundles target (nodejs22.x). */
export const BUNDLE_TARGET = "node22";

export function listDeployables(root: string = REPO_ROOT): string[] {
  const functionsDir = join(root, "functions");
  return readdirSync(functionsDir)
    .filter((name) => statSync(join(functionsDir, name)).isDirectory() && existsSync(join(functionsDir, name, HANDLER_FILE)))
    .sort();
}

/**
 * Directory holding a deployable's bundle (what the Pulumi program zips as the Lambda code). Throws
 * for a name that is not a deployable, listing the ones that are. Does not require the bundle to be
 * built yet (previews under mocks never read it).
 */
export function bundlePath(name: string, root: string = REPO_ROOT): string {
  const deployables = listDeployables(root);
  if (!deployables.includes(name)) {
    throw new Error(`"${name}" is not a deployable function; deployables (functions/*/${HANDLER_FILE}): ${deployables.join(", ")}`);
  }
  return join(root, "dist", "functions", name);
}

export interface BundleTuning {
  /** Default true. The bundle test turns it off: it halves build time and cannot change what resolves. */
  minify?: boolean;
}

/**
 * esbuild settings. Everything is bundled, the AWS SDK v3 clients included although nodejs22.x
 * ships an SDK: the bundle then runs exactly the SDK version the tests ran against (the runtime's
 * copy changes under us), cold starts read one file instead of resolving hundreds of modules, and
 * the size stays well under Lambda's 50 MB zip limit (sizes are printed by the build). Minified with
 * names kept and a source map, so stack traces stay readable with --enable-source-maps.
 */
export function bundleOptions(names: readonly string[], outDir: string, root: string = REPO_ROOT, tuning: BundleTuning = {}): BuildOptions {
  return {
    // One esbuild run for all functions: shared modules (the SDK) are parsed once; each entry still
    // gets its own self-contained bundle (no code splitting).
    entryPoints: Object.fromEntries(names.map((name) => [join(name, "index"), join(root, "functions", name, HANDLER_FILE)])),
    outdir: outDir,
    bundle: true,
    platform: "node",
    target: BUNDLE_TARGET,
    format: "cjs",
    sourcemap: true,
    minify: tuning.minify ?? true,
    keepNames: true,
    legalComments: "linked",
    logLevel: "silent",
  };
}

export interface BuiltBundle {
  name: string;
  outfile: string;
  bytes: number;
}

/** Bundles the named deployables into `<outDir>/<name>/index.js`; rejects with esbuild's errors on failure. */
export async function buildDeployables(
  names: readonly string[],
  outDir: string,
  root: string = REPO_ROOT,
  tuning: BundleTuning = {},
): Promise<BuiltBundle[]> {
  await build(bundleOptions(names, outDir, root, tuning));
  return names.map((name) => {
    const outfile = join(outDir, name, BUNDLE_FILE);
    return { name, outfile, bytes: statSync(outfile).size };
  });
}
