/** scripts/package-flink.ts and its zip writer: file list, manifest of missing jars, a zip python's zipfile accepts, determinism. */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, writeZip } from "../../jobs/flink/build/zip-writer";
import { buildFlinkPackage, FLINK_JOB_DIR, flinkPackageFiles, jarFileName, mavenJarUrl, parseArgs, readConnectors } from "../../scripts/package-flink";

/** Lists and reads a zip with python3's zipfile (an independent reader), failing on any CRC error. */
function readWithPython(zipPath: string): Record<string, string> {
  const script = [
    "import json, sys, zipfile",
    "z = zipfile.ZipFile(sys.argv[1])",
    "bad = z.testzip()",
    "assert bad is None, bad",
    "print(json.dumps({n: z.read(n).decode('latin-1') for n in z.namelist()}))",
  ].join("\n");
  const result = spawnSync("python3", ["-c", script, zipPath], { encoding: "utf8" });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe("Flink application package", function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "flink-pkg-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("lists main.py, the telemetry_job modules and connectors.json in sorted order, never the tests", () => {
    const modules = readdirSync(join(FLINK_JOB_DIR, "telemetry_job")).filter((n) => n.endsWith(".py")).map((n) => `telemetry_job/${n}`);
    const expected = ["connectors.json", "main.py", ...modules].sort();
    assert.deepEqual(flinkPackageFiles().map((f) => f.zipPath), expected);
    assert.ok(modules.includes("telemetry_job/validation.py") && modules.includes("telemetry_job/job.py"));
  });

  it("adds jars from --jars-dir under lib/ and drops them from the missing list", () => {
    const connectors = readConnectors();
    const kinesisJar = jarFileName(connectors.sources.kinesis[0]);
    assert.equal(kinesisJar, "flink-sql-connector-kinesis-5.0.0-1.20.jar");
    assert.equal(
      mavenJarUrl(connectors.repository, connectors.sources.kinesis[0]),
      "https://repo1.maven.org/maven2/org/apache/flink/flink-sql-connector-kinesis/5.0.0-1.20/flink-sql-connector-kinesis-5.0.0-1.20.jar",
    );
    const without = buildFlinkPackage({ source: "kinesis" }).manifest;
    assert.deepEqual(without.missingJars.map((j) => j.expectedAt), [`lib/${kinesisJar}`]);
    assert.deepEqual(without.runOptions, { python: "main.py" });

    const jars = join(dir, "jars");
    spawnSync("mkdir", ["-p", jars]);
    writeFileSync(join(jars, kinesisJar), "jar bytes");
    const withJar = buildFlinkPackage({ source: "kinesis", jarsDir: jars }).manifest;
    assert.deepEqual(withJar.missingJars, []);
    assert.ok(withJar.files.includes(`lib/${kinesisJar}`));
    // Kafka needs three coordinates; one uber jar from the user's Maven build stands in for all of them.
    assert.equal(buildFlinkPackage({ source: "kafka" }).manifest.missingJars.length, connectors.sources.kafka.length);
    const uber = join(dir, "uber");
    spawnSync("mkdir", ["-p", uber]);
    writeFileSync(join(uber, "telemetry-flink-deps.jar"), "uber");
    assert.deepEqual(buildFlinkPackage({ source: "kafka", jarsDir: uber }).manifest.missingJars, []);
  });

  it("writes a zip that python's zipfile reads back byte for byte, identically on every build", () => {
    const first = buildFlinkPackage({ source: "kinesis" });
    const second = buildFlinkPackage({ source: "kinesis" });
    assert.ok(first.zip.equals(second.zip), "two builds of the same files must be byte-identical");
    const zipPath = join(dir, "app.zip");
    writeFileSync(zipPath, first.zip);
    const contents = readWithPython(zipPath);
    assert.deepEqual(Object.keys(contents).sort(), [...first.manifest.files, "PACKAGE-MANIFEST.json"].sort());
    assert.equal(contents["telemetry_job/validation.py"], readFileSync(join(FLINK_JOB_DIR, "telemetry_job/validation.py")).toString("latin1"));
    assert.deepEqual(JSON.parse(contents["PACKAGE-MANIFEST.json"]), first.manifest);
  });

  it("zip writer: standard CRC-32, stored vs deflated entries, refuses unsafe or repeated names", () => {
    assert.equal(crc32(Buffer.from("123456789")), 0xcbf43926); // the CRC-32 check value
    const zipPath = join(dir, "mixed.zip");
    const incompressible = Buffer.from([0x8f, 0x01, 0x6e]);
    writeFileSync(zipPath, writeZip([{ name: "b/x.bin", data: incompressible }, { name: "a.txt", data: Buffer.from("a".repeat(1000)) }, { name: "empty", data: Buffer.alloc(0) }]));
    const contents = readWithPython(zipPath);
    assert.deepEqual(Object.keys(contents), ["a.txt", "b/x.bin", "empty"]);
    assert.equal(contents["a.txt"], "a".repeat(1000));
    assert.equal(Buffer.from(contents["b/x.bin"], "latin1").toString("hex"), "8f016e");
    assert.throws(() => writeZip([{ name: "../escape", data: Buffer.alloc(1) }]), /relative/);
    assert.throws(() => writeZip([{ name: "a", data: Buffer.alloc(1) }, { name: "a", data: Buffer.alloc(2) }]), /appears twice/);
  });

  it("CLI arguments: --out required, --source checked, --fetch-jars and --jars-dir exclusive", () => {
    assert.deepEqual(parseArgs(["--out", "dist/flink/app.zip"]), { out: "dist/flink/app.zip", source: "kinesis", fetchJars: false });
    assert.throws(() => parseArgs([]), /--out FILE is required/);
    assert.throws(() => parseArgs(["--out", "x.zip", "--source", "pubsub"]), /--source pubsub is invalid; allowed: kinesis, kafka/);
    assert.throws(() => parseArgs(["--out", "x.zip", "--fetch-jars", "--jars-dir", "d"]), /either --fetch-jars or --jars-dir/);
  });
});
