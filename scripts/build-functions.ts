/**
 * `npm run build:functions` — bundles every deployable (functions/<name>/handler.ts) with esbuild into
 * dist/functions/<name>/index.js and prints the bundle sizes. Exits 1 if bundling fails.
 */
import { join } from "node:path";
import { REPO_ROOT, buildDeployables, listDeployables } from "./build-functions/deployables";

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<number> {
  const outDir = join(REPO_ROOT, "dist", "functions");
  const names = listDeployables();
  if (names.length === 0) {
    console.error("no deployable functions found (functions/*/handler.ts)");
    return 1;
  }
  try {
    for (const bundle of await buildDeployables(names, outDir)) {
      console.log(`${bundle.name.padEnd(24)} ${formatBytes(bundle.bytes).padStart(12)}  ${bundle.outfile}`);
    }
    return 0;
  } catch (error) {
    // esbuild's message lists every error with file:line.
    console.error(`bundling failed:\n${(error as Error).message}`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
