/**
 * Packages the PyFlink job (jobs/flink) as the zip Managed Service for Apache Flink expects of a Python
 * application:
 *
 *   main.py                 run option `python` = "main.py"
 *   telemetry_job/*.py      the job's modules
 *   connectors.json         the pinned connector coordinates
 *   lib/*.jar               connector jars (main.py puts every lib/*.jar on pipeline.jars)
 *   PACKAGE-MANIFEST.json   what is inside, the run options, and which jars are still missing
 *
 *   tsx scripts/package-flink.ts --out dist/flink/app.zip [--source kinesis|kafka] [--jars-dir DIR] [--fetch-jars]
 *
 * Jars: `--jars-dir` adds the *.jar files a build produced (e.g. the Kafka variant's Maven uber jar);
 * `--fetch-jars` downloads the source's self-contained jars from Maven Central (checked against
 * Maven's .sha1). Without either the zip is still written, and its manifest lists the coordinates the
 * user's build must add under lib/ — Managed Flink cannot start the job until they are there.
 * The zip is deterministic (see jobs/flink/build/zip-writer.ts).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { FLINK_PYTHON_ENTRY } from "../jobs/flink/build/application-properties";
import { writeZip } from "../jobs/flink/build/zip-writer";

export const FLINK_JOB_DIR = resolve(__dirname, "../jobs/flink");
export const SOURCE_KINDS = ["kinesis", "kafka"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface ConnectorCoordinate {
  groupId: string;
  artifactId: string;
  version: string;
  selfContained: boolean;
  why: string;
}

export interface ConnectorsFile {
  flinkRuntime: string;
  repository: string;
  sources: Record<SourceKind, ConnectorCoordinate[]>;
}

export interface PackageFile {
  /** Path inside the zip. */
  zipPath: string;
  /** File on disk. */
  sourcePath: string;
}

export function readConnectors(jobDir = FLINK_JOB_DIR): ConnectorsFile {
  return JSON.parse(readFileSync(join(jobDir, "connectors.json"), "utf8"));
}

export function jarFileName(c: ConnectorCoordinate): string {
  return `${c.artifactId}-${c.version}.jar`;
}

export function mavenJarUrl(repository: string, c: ConnectorCoordinate): string {
  return `${repository}/${c.groupId.replace(/\./g, "/")}/${c.artifactId}/${c.version}/${jarFileName(c)}`;
}

/** Python sources of the job: main.py and the telemetry_job package (tests, caches and build tooling excluded). */
function pythonFiles(jobDir: string): PackageFile[] {
  const files: PackageFile[] = [{ zipPath: FLINK_PYTHON_ENTRY, sourcePath: join(jobDir, FLINK_PYTHON_ENTRY) }];
  const packageDir = join(jobDir, "telemetry_job");
  for (const name of readdirSync(packageDir)) {
    if (name.endsWith(".py")) files.push({ zipPath: `telemetry_job/${name}`, sourcePath: join(packageDir, name) });
  }
  return files;
}

/** Every file of the package in zip order (sorted by zip path), excluding the generated manifest. */
export function flinkPackageFiles(options: { jobDir?: string; jarsDir?: string } = {}): PackageFile[] {
  const jobDir = options.jobDir ?? FLINK_JOB_DIR;
  const files = [...pythonFiles(jobDir), { zipPath: "connectors.json", sourcePath: join(jobDir, "connectors.json") }];
  if (options.jarsDir !== undefined) {
    if (!existsSync(options.jarsDir)) throw new Error(`--jars-dir ${options.jarsDir} does not exist`);
    for (const name of readdirSync(options.jarsDir)) {
      if (name.endsWith(".jar")) files.push({ zipPath: `lib/${name}`, sourcePath: join(options.jarsDir, name) });
    }
  }
  return files.sort((a, b) => (a.zipPath < b.zipPath ? -1 : a.zipPath > b.zipPath ? 1 : 0));
}

export interface PackageManifest {
  runtime: string;
  source: SourceKind;
  /** The `kinesis.analytics.flink.run.options` property group the application needs. */
  runOptions: { python: string };
  /** The job's own property group (docs/heavy-tier.md lists its keys). */
  propertyGroup: "telemetry";
  files: string[];
  includedJars: string[];
  /** Connector coordinates whose jar is not in lib/: the user's build must add them before deploying. */
  missingJars: Array<ConnectorCoordinate & { expectedAt: string }>;
}

export function packageManifest(files: PackageFile[], source: SourceKind, connectors: ConnectorsFile): PackageManifest {
  const jars = files.filter((f) => f.zipPath.startsWith("lib/")).map((f) => basename(f.zipPath));
  const needed = connectors.sources[source];
  // An uber jar from the user's build replaces the individual jars: any jar beyond the pinned names counts as one.
  const hasUberJar = jars.some((jar) => !needed.some((c) => jarFileName(c) === jar));
  const missing = hasUberJar ? [] : needed.filter((c) => !jars.includes(jarFileName(c)));
  return {
    runtime: connectors.flinkRuntime,
    source,
    runOptions: { python: FLINK_PYTHON_ENTRY },
    propertyGroup: "telemetry",
    files: files.map((f) => f.zipPath),
    includedJars: jars,
    missingJars: missing.map((c) => ({ ...c, expectedAt: `lib/${jarFileName(c)}` })),
  };
}

export function buildFlinkPackage(options: { source: SourceKind; jobDir?: string; jarsDir?: string }): { zip: Buffer; manifest: PackageManifest } {
  const files = flinkPackageFiles(options);
  const manifest = packageManifest(files, options.source, readConnectors(options.jobDir));
  const entries = files.map((f) => ({ name: f.zipPath, data: readFileSync(f.sourcePath) }));
  entries.push({ name: "PACKAGE-MANIFEST.json", data: Buffer.from(JSON.stringify(manifest, null, 2) + "\n") });
  return { zip: writeZip(entries), manifest };
}

/** Downloads the source's self-contained jars into `dir`, verifying Maven's SHA-1; refuses ones that need a Maven build. */
export async function fetchConnectorJars(source: SourceKind, dir: string, connectors = readConnectors()): Promise<void> {
  const needsBuild = connectors.sources[source].filter((c) => !c.selfContained);
  if (needsBuild.length > 0) {
    throw new Error(
      `the ${source} connectors need their transitive dependencies (${needsBuild.map((c) => `${c.groupId}:${c.artifactId}:${c.version}`).join(", ")}): ` +
        `build one uber jar with Maven and pass its folder with --jars-dir (docs/heavy-tier.md)`,
    );
  }
  mkdirSync(dir, { recursive: true });
  for (const c of connectors.sources[source]) {
    const url = mavenJarUrl(connectors.repository, c);
    const [jar, sha1] = await Promise.all([fetch(url), fetch(`${url}.sha1`)]);
    if (!jar.ok || !sha1.ok) throw new Error(`download of ${url} failed: HTTP ${jar.status} (jar), ${sha1.status} (sha1)`);
    const bytes = Buffer.from(await jar.arrayBuffer());
    const expected = (await sha1.text()).trim().split(/\s+/)[0];
    const actual = createHash("sha1").update(bytes).digest("hex");
    if (actual !== expected) throw new Error(`${url}: SHA-1 ${actual} does not match Maven's ${expected}`);
    writeFileSync(join(dir, jarFileName(c)), bytes);
  }
}

interface CliOptions {
  out: string;
  source: SourceKind;
  jarsDir?: string;
  fetchJars: boolean;
}

export function parseArgs(argv: string[]): CliOptions {
  const options: Partial<CliOptions> = { source: "kinesis", fetchJars: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === "--out") options.out = value();
    else if (arg === "--jars-dir") options.jarsDir = value();
    else if (arg === "--fetch-jars") options.fetchJars = true;
    else if (arg === "--source") {
      const source = value();
      if (!(SOURCE_KINDS as readonly string[]).includes(source)) throw new Error(`--source ${source} is invalid; allowed: ${SOURCE_KINDS.join(", ")}`);
      options.source = source as SourceKind;
    } else throw new Error(`unknown argument ${arg}; usage: --out FILE [--source kinesis|kafka] [--jars-dir DIR] [--fetch-jars]`);
  }
  if (!options.out) throw new Error("--out FILE is required (e.g. --out dist/flink/app.zip)");
  if (options.fetchJars && options.jarsDir) throw new Error("use either --fetch-jars or --jars-dir, not both");
  return options as CliOptions;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let jarsDir = options.jarsDir;
  if (options.fetchJars) {
    jarsDir = join(dirname(resolve(options.out)), "jars", options.source);
    await fetchConnectorJars(options.source, jarsDir);
  }
  const { zip, manifest } = buildFlinkPackage({ source: options.source, jarsDir });
  mkdirSync(dirname(resolve(options.out)), { recursive: true });
  writeFileSync(options.out, zip);
  console.log(`wrote ${relative(process.cwd(), resolve(options.out))} (${zip.length} bytes, ${manifest.files.length + 1} files)`);
  for (const jar of manifest.missingJars) {
    console.log(`missing: ${jar.groupId}:${jar.artifactId}:${jar.version} → ${jar.expectedAt} (add it before deploying; see docs/heavy-tier.md)`);
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`package-flink: ${error.message}`);
    process.exit(1);
  });
}
