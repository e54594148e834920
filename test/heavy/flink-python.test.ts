/**
 * The Flink job's Python (jobs/flink) run with the machine's python3: its unittest suite, the reason-code
 * table against functions/core, and record-for-record parity with the core's processRecord on the shared
 * test vectors and on generated records. PyFlink itself is not installed here; only the modules that do
 * not import it are exercised (see docs/heavy-tier.md).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import fc from "fast-check";
import { coreOptions, processRecord, REASON_CODES, type SourceCoordinates } from "../../functions/core";
import { PIPELINE_METRIC_DIMENSIONS, PIPELINE_METRICS } from "../../functions/metrics";
import { CORE_VECTORS, VECTOR_NOW_MS, vectorBytes, vectorsAsJson } from "../core/vectors";

const FLINK_DIR = join(__dirname, "../../jobs/flink");
/** No __pycache__ folders in the source tree (they would also end up in the package listing). */
const PYTHON_ENV = { ...process.env, PYTHONDONTWRITEBYTECODE: "1" };

function python(args: string[], stdin?: string): string {
  const result = spawnSync("python3", args, { cwd: FLINK_DIR, env: PYTHON_ENV, input: stdin, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  assert.equal(result.status, 0, `python3 ${args.join(" ")} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

interface PythonOutcome {
  kind: "event" | "dead-letter";
  event?: Record<string, unknown>;
  dedup_key?: string;
  dead_letter?: { reason: string; message: string; original_base64: string; source: SourceCoordinates };
}

function pythonOutcomes(records: Array<{ data: Uint8Array; source: SourceCoordinates }>, nowMs: number): PythonOutcome[] {
  const request = { now_ms: nowMs, records: records.map((r) => ({ data_base64: Buffer.from(r.data).toString("base64"), source: r.source })) };
  return JSON.parse(python(["-m", "telemetry_job.parity"], JSON.stringify(request)));
}

/** Python's outcome equals the TypeScript core's on the same bytes: kind, reason, and the whole event + key. */
function assertSameOutcome(data: Uint8Array, source: SourceCoordinates, nowMs: number, py: PythonOutcome, label: string): void {
  const ts = processRecord({ data, source }, coreOptions({ now: () => nowMs }));
  assert.equal(py.kind, ts.kind, `${label}: python ${py.kind} ${py.dead_letter?.reason ?? ""} vs core ${ts.kind} ${ts.kind === "dead-letter" ? ts.deadLetter.reason : ""}`);
  if (ts.kind === "dead-letter") {
    assert.equal(py.dead_letter!.reason, ts.deadLetter.reason, label);
    assert.equal(py.dead_letter!.original_base64, ts.deadLetter.original_base64, label);
    assert.deepEqual(py.dead_letter!.source, ts.deadLetter.source, label);
  } else {
    assert.deepEqual(py.event, JSON.parse(JSON.stringify(ts.event)), label);
    assert.equal(py.dedup_key, ts.dedupKey, label);
  }
}

describe("Flink job Python (python3, no PyFlink)", function () {
  this.timeout(60_000);

  it("passes its unittest suite", () => {
    const result = spawnSync("python3", ["-m", "unittest", "discover", "-s", "tests", "-t", "."], { cwd: FLINK_DIR, env: PYTHON_ENV, encoding: "utf8" });
    assert.equal(result.status, 0, `python unittest failed:\n${result.stdout}\n${result.stderr}`);
    assert.match(result.stderr, /Ran [1-9]\d* tests?/);
  });

  it("has the same reason-code table as functions/core", () => {
    const table = JSON.parse(python(["-m", "telemetry_job.reason_codes"]));
    assert.deepEqual(Object.keys(table), Object.keys(REASON_CODES));
    assert.deepEqual(table, REASON_CODES);
  });

  it("registers its Flink metrics under the processor's EMF metric names", () => {
    const names = JSON.parse(python(["-m", "telemetry_job.metric_names"]));
    assert.deepEqual(names.metrics, { received: PIPELINE_METRICS.received, clean: PIPELINE_METRICS.clean, duplicate: PIPELINE_METRICS.duplicate, deadLetter: PIPELINE_METRICS.deadLetter });
    assert.equal(names.reasonDimension, PIPELINE_METRIC_DIMENSIONS.reason);
  });

  it("classifies every shared core vector as the vector expects and exactly as the core does", () => {
    const vectors = vectorsAsJson();
    const records = vectors.map((v, i) => ({ data: Buffer.from(v.input_base64, "base64"), source: { kind: "file", file: "vectors.ndjson", line: i + 1 } as SourceCoordinates }));
    const outcomes = pythonOutcomes(records, VECTOR_NOW_MS);
    assert.equal(outcomes.length, CORE_VECTORS.length);
    vectors.forEach((vector, i) => {
      const py = outcomes[i];
      assert.deepEqual(Buffer.from(records[i].data), Buffer.from(vectorBytes(CORE_VECTORS[i])));
      if (vector.expected.kind === "dead-letter") {
        assert.equal(py.kind, "dead-letter", `${vector.name}: ${JSON.stringify(py)}`);
        assert.equal(py.dead_letter!.reason, vector.expected.reason, `${vector.name}: ${py.dead_letter!.message}`);
      } else {
        assert.equal(py.kind, "event", `${vector.name}: ${py.dead_letter?.reason} ${py.dead_letter?.message}`);
        for (const [field, value] of Object.entries(vector.expected.event)) assert.deepEqual(py.event![field], value, `${vector.name}: ${field}`);
      }
      assertSameOutcome(records[i].data, records[i].source, VECTOR_NOW_MS, py, vector.name);
    });
  });

  it("agrees with the core on generated records (aliases, odd types, timestamps, bytes)", () => {
    const nowMs = VECTOR_NOW_MS;
    const idLike = fc.oneof(fc.constantFrom("e-1", "u_2", "a:b.c", "", " x", "x\n", "[1]"), fc.integer({ min: -5, max: 2 ** 54 }), fc.double(), fc.string(), fc.constant(null), fc.boolean());
    const timestamp = fc.oneof(
      fc.integer({ min: nowMs - 9 * 86_400_000, max: nowMs + 2 * 3_600_000 }).map((ms) => new Date(ms).toISOString()),
      fc.integer({ min: Math.floor(nowMs / 1000) - 9 * 86_400, max: Math.floor(nowMs / 1000) + 7200 }),
      fc.integer({ min: nowMs - 9 * 86_400_000, max: nowMs + 2 * 3_600_000 }).map(String),
      fc.constantFrom("2026-11-22 05:00", "2026-11-22T05:00:00+01:30", "2026-02-30T00:00:00Z", "1700000000.5", " 2026-11-22T05:00:00Z ", "yesterday"),
      fc.double(),
      fc.jsonValue(),
    );
    const event = fc.record(
      {
        event_id: idLike,
        id: idLike,
        event_type: fc.oneof(fc.constantFrom("level_start", " purchase ", ""), fc.string(), fc.integer()),
        event: fc.string(),
        event_timestamp: timestamp,
        timestamp,
        user_id: idLike,
        customer_id: idLike,
        session_id: idLike,
        game_id: idLike,
        platform: fc.oneof(fc.constantFrom(" iOS ", "ANDROID", ""), fc.integer(), fc.double()),
        app_version: fc.oneof(fc.constantFrom("1.2.3", ""), fc.double(), fc.integer()),
        parameters: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }), fc.jsonValue()),
        event_data: fc.dictionary(fc.constantFrom("user_id", "session_id", "level", "1", "x"), fc.jsonValue(), { maxKeys: 3 }),
        extra: fc.jsonValue({ maxDepth: 9 }),
      },
      { requiredKeys: [] },
    );
    // Mostly-valid events: the four required fields valid, every other field (and lower-priority aliases) random.
    const validCore = fc.record({
      event_id: fc.constantFrom("e-1", "evt_2", "a:b.c"),
      event_type: fc.constantFrom("level_start", " purchase "),
      event_timestamp: fc.integer({ min: nowMs - 6 * 86_400_000, max: nowMs + 3_000_000 }).map((ms) => new Date(ms).toISOString()),
      user_id: fc.oneof(fc.constantFrom("u-1", "p.2"), fc.integer({ min: 0, max: 2 ** 40 })),
    });
    const noise = fc.record(
      {
        id: idLike,
        event: fc.string(),
        timestamp,
        customer_id: idLike,
        session_id: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("s-1", "s-2") }, { weight: 1, arbitrary: idLike }),
        game_id: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("game-7", "game-8") }, { weight: 1, arbitrary: idLike }),
        platform: fc.oneof(fc.constantFrom(" iOS ", "ANDROID", ""), fc.integer()),
        app_version: fc.oneof(fc.constantFrom("1.2.3", ""), fc.double(), fc.integer()),
        parameters: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }), fc.jsonValue()),
        event_data: fc.dictionary(fc.constantFrom("user_id", "session_id", "level", "1", "x"), fc.jsonValue(), { maxKeys: 3 }),
        extra: fc.jsonValue({ maxDepth: 5 }),
      },
      { requiredKeys: [] },
    );
    const mostlyValid = fc.tuple(validCore, noise).map(([core, rest]) => ({ ...rest, ...core }));
    const ingest = fc.record({ game_id: fc.oneof(fc.constantFrom("game-7", ""), fc.constant(null)), request_id: fc.constantFrom("r-1", ""), received_at: timestamp }, { requiredKeys: ["request_id"] });
    const text = fc.oneof(
      { weight: 4, arbitrary: event.map((e) => JSON.stringify(e)) },
      { weight: 4, arbitrary: mostlyValid.map((e) => JSON.stringify(e)) },
      { weight: 2, arbitrary: fc.tuple(ingest, fc.oneof(event, mostlyValid)).map(([i, e]) => JSON.stringify({ _ingest: i, _event: e })) },
      { weight: 1, arbitrary: fc.string({ unit: "binary" }) },
    );
    // Nesting beyond Python's recursion limit (~1000): V8 parses it, so the port must too (then TOO_DEEP etc.).
    const deep = fc.tuple(fc.integer({ min: 900, max: 6000 }), fc.constantFrom("object", "array", "truncated", "envelope")).map(([n, shape]) => {
      const nested = "[".repeat(n) + "]".repeat(n);
      const text =
        shape === "object" ? `{"a":${nested}}` : shape === "array" ? nested : shape === "truncated" ? `{"a":${nested}` : JSON.stringify({ _ingest: { request_id: "r", received_at: "2026-11-22T05:00:00Z" }, _event: { a: 1 } }).replace('{"a":1}', `{"a":${nested}}`);
      return new Uint8Array(Buffer.from(text, "utf8"));
    });
    const data = fc.oneof(
      { weight: 1, arbitrary: deep },
      { weight: 8, arbitrary: text.map((t) => new Uint8Array(Buffer.from(t, "utf8"))) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 40 }) },
      { weight: 1, arbitrary: text.map((t) => new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, "utf8")]))) },
    );
    // FLINK_PARITY_RUNS / FLINK_PARITY_SEED widen the search when hunting a divergence; CI uses the fixed sample.
    const samples = fc.sample(data, { numRuns: Number(process.env.FLINK_PARITY_RUNS ?? 400), seed: Number(process.env.FLINK_PARITY_SEED ?? 20261122) });
    const records = samples.map((bytes, i) => ({ data: bytes, source: { kind: "kinesis", stream: "raw", shardId: "shardId-000000000000", sequenceNumber: String(i) } as SourceCoordinates }));
    const outcomes = pythonOutcomes(records, nowMs);
    const kinds = new Set(outcomes.map((o) => (o.kind === "event" ? "event" : o.dead_letter!.reason)));
    assert.ok(kinds.has("event") && kinds.size >= 6, `generated records should reach several outcomes, got ${[...kinds].join(", ")}`);
    records.forEach((record, i) => assertSameOutcome(record.data, record.source, nowMs, outcomes[i], `sample ${i}: ${Buffer.from(record.data).toString("utf8").slice(0, 200)}`));
  });
});
