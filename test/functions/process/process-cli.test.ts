import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { EXIT, runProcessCli } from "../../../scripts/process";

function event(id: string, user = "u-1"): string {
  return JSON.stringify({ event_id: id, event_type: "login", event_timestamp: new Date(Date.now() - 60_000).toISOString(), user_id: user });
}

const readNdjson = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l));

describe("npm run process (file CLI)", () => {
  let dir: string;
  const output: string[] = [];
  const errors: string[] = [];
  const run = (args: string[]) => runProcessCli(args, (l) => output.push(l), (l) => errors.push(l));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "process-cli-"));
    output.length = 0;
    errors.length = 0;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Lines: 1 valid, 2 valid, 3 duplicate of 1, 4 empty, 5 not JSON, 6 invalid UTF-8, 7 valid without final newline.
  const invalidUtf8 = Buffer.from([0x7b, 0xff, 0xfe, 0x7d]);
  const content = Buffer.concat([
    Buffer.from([event("a"), event("b"), event("a"), "", "{oops"].join("\n") + "\n"),
    invalidUtf8,
    Buffer.from("\n" + event("c")),
  ]);

  function assertSummaryAndOutputs(inPath: string, outDir: string) {
    const summary = JSON.parse(readFileSync(join(outDir, "summary.json"), "utf8"));
    assert.deepEqual(summary, {
      in: 7,
      clean: 3,
      duplicate: 1,
      deadLetter: 3,
      byReason: { EMPTY_RECORD: 1, MALFORMED_JSON: 1, INVALID_ENCODING: 1 },
    });
    assert.equal(summary.in, summary.clean + summary.duplicate + summary.deadLetter);
    assert.deepEqual(JSON.parse(output[0]), summary);
    assert.deepEqual(readNdjson(join(outDir, "clean.ndjson")).map((e) => e.event_id), ["a", "b", "c"]);
    const duplicates = readNdjson(join(outDir, "duplicates.ndjson"));
    assert.deepEqual(duplicates.map((d) => [d.event.event_id, d.source.line, d.duplicateOf]), [["a", 3, "batch"]]);
    const deadLetters = readNdjson(join(outDir, "dead-letter.ndjson"));
    assert.deepEqual(deadLetters.map((d) => [d.reason, d.source]), [
      ["EMPTY_RECORD", { kind: "file", file: inPath, line: 4 }],
      ["MALFORMED_JSON", { kind: "file", file: inPath, line: 5 }],
      ["INVALID_ENCODING", { kind: "file", file: inPath, line: 6 }],
    ]);
    // The exact bytes are kept, not a decoded approximation.
    assert.equal(deadLetters[2].original_base64, invalidUtf8.toString("base64"));
  }

  it("processes an NDJSON file: one line = one record, exit 0", async () => {
    const inPath = join(dir, "raw.ndjson");
    writeFileSync(inPath, content);
    assert.equal(await run(["--in", inPath, "--out", join(dir, "out")]), EXIT.ok);
    assertSummaryAndOutputs(inPath, join(dir, "out"));
  });

  it("reads gzip (detected by magic bytes) the same way", async () => {
    const inPath = join(dir, "raw.ndjson.gz");
    writeFileSync(inPath, gzipSync(content));
    assert.equal(await run(["--in", inPath, "--out", join(dir, "out")]), EXIT.ok);
    assertSummaryAndOutputs(inPath, join(dir, "out"));
  });

  it("a final newline does not make an extra record; an empty file is zero records", async () => {
    const inPath = join(dir, "two.ndjson");
    writeFileSync(inPath, event("x") + "\n" + event("y") + "\n");
    assert.equal(await run(["--in", inPath, "--out", join(dir, "o1")]), EXIT.ok);
    assert.equal(JSON.parse(output[0]).in, 2);
    writeFileSync(inPath, "");
    assert.equal(await run(["--in", inPath, "--out", join(dir, "o2")]), EXIT.ok);
    assert.deepEqual(JSON.parse(output[1]), { in: 0, clean: 0, duplicate: 0, deadLetter: 0, byReason: {} });
  });

  it("exits 1 with a clear message when the input cannot be read", async () => {
    const missing = join(dir, "missing.ndjson");
    assert.equal(await run(["--in", missing, "--out", join(dir, "out")]), EXIT.unreadableInput);
    assert.match(errors.pop()!, new RegExp(`cannot read ${missing}: .*ENOENT`));

    const corrupt = join(dir, "corrupt.ndjson.gz");
    writeFileSync(corrupt, Buffer.concat([gzipSync(event("a")).subarray(0, 12), Buffer.from("garbage")]));
    assert.equal(await run(["--in", corrupt, "--out", join(dir, "out2")]), EXIT.unreadableInput);
    assert.match(errors.pop()!, /cannot read .*corrupt\.ndjson\.gz/);
  });

  it("exits 2 on bad usage, naming the problem", async () => {
    assert.equal(await run([]), EXIT.usage);
    assert.match(errors.pop()!, /--in and --out are required/);
    assert.equal(await run(["--in", "x", "--out", "y", "--max-age-days", "soon"]), EXIT.usage);
    assert.match(errors.pop()!, /--max-age-days "soon" is invalid/);
    assert.equal(await run(["--in", "x", "--out", "y", "--bogus"]), EXIT.usage);
  });

  it("--now and --max-age-days make old backfills processable", async () => {
    const inPath = join(dir, "old.ndjson");
    writeFileSync(inPath, JSON.stringify({ event_id: "old", event_type: "login", event_timestamp: "2024-01-01T10:00:00Z", user_id: "u" }) + "\n");
    assert.equal(await run(["--in", inPath, "--out", join(dir, "o1")]), EXIT.ok);
    assert.deepEqual(JSON.parse(output[0]).byReason, { TIMESTAMP_TOO_OLD: 1 });
    assert.equal(await run(["--in", inPath, "--out", join(dir, "o2"), "--now", "2024-01-02T00:00:00Z"]), EXIT.ok);
    assert.equal(JSON.parse(output[1]).clean, 1);
  });
});
