/**
 * Builds the ingest function's deployable directory (dist/gcp-ingest): `index.js` bundled by esbuild
 * from handler.ts (our code inlined, npm packages left external) and a `package.json` naming those
 * packages at the versions installed here, which Cloud Build installs. The Pulumi component uploads
 * the directory as a zip (FileArchive). Run: `npx tsx functions/gcp-ingest/build-source.ts`.
 */
import { buildSync } from "esbuild";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
export const INGEST_DIST_DIR = join(ROOT, "dist", "gcp-ingest");
/** Packages the bundle imports at run time (kept external: they load protos/binaries from their own files). */
export const RUNTIME_PACKAGES = ["@google-cloud/functions-framework", "@google-cloud/firestore", "@google-cloud/pubsub", "google-auth-library", "kafkajs"] as const;

export function installedVersion(pkg: string, root = ROOT): string {
  return (JSON.parse(readFileSync(join(root, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
}

/** The package.json Cloud Build sees: exact versions, so the deployed function runs what was tested. */
export function deployPackageJson(root = ROOT): Record<string, unknown> {
  return {
    name: "telemetry-gcp-ingest",
    private: true,
    main: "index.js",
    engines: { node: "22" },
    dependencies: Object.fromEntries(RUNTIME_PACKAGES.map((pkg) => [pkg, installedVersion(pkg, root)])),
  };
}

export function buildIngestSource(outDir = INGEST_DIST_DIR): string {
  mkdirSync(outDir, { recursive: true });
  buildSync({
    entryPoints: [join(__dirname, "handler.ts")],
    bundle: true,
    platform: "node",
    target: "node22",
    format: "cjs",
    outfile: join(outDir, "index.js"),
    external: [...RUNTIME_PACKAGES],
    logLevel: "warning",
  });
  writeFileSync(join(outDir, "package.json"), `${JSON.stringify(deployPackageJson(), null, 2)}\n`);
  return outDir;
}

if (require.main === module) {
  process.stdout.write(`ingest function source written to ${buildIngestSource()}\n`);
}
