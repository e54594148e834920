import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EVENT_CODES, createRandom, generateTelemetry, recordCounts, type GameEvent } from "../../../functions/generator";
import { processNdjsonFile } from "../../../functions/processor/process-file";

const NOW = Date.UTC(2026, 10, 22, 6, 0, 0);
const base = { seed: "s1", nowMs: NOW, spreadMinutes: 60 };

describe("generator: synthetic game telemetry", () => {
  it("is reproducible from its seed", () => {
    const a = generateTelemetry({ ...base, events: 500, duplicateRatio: 0.1, invalidRatio: 0.05 });
    const b = generateTelemetry({ ...base, events: 500, duplicateRatio: 0.1, invalidRatio: 0.05 });
    const c = generateTelemetry({ ...base, seed: "s2", events: 500, duplicateRatio: 0.1, invalidRatio: 0.05 });
    assert.deepEqual(a.map((r) => r.line), b.map((r) => r.line));
    assert.notDeepEqual(a.map((r) => r.line), c.map((r) => r.line));
    const random = createRandom(42);
    const draws = Array.from({ length: 1000 }, () => random.next());
    assert.ok(draws.every((x) => x >= 0 && x < 1));
    assert.ok(new Set(draws).size > 990, "draws are not stuck");
  });

  it("produces exact counts per kind (ratios within rounding, 0.5/N)", () => {
    assert.deepEqual(recordCounts({ events: 1001, duplicateRatio: 0.1, invalidRatio: 0.05 }), {
      duplicates: Math.round(1001 * 0.1),
      invalid: Math.round(1001 * 0.05),
      valid: 1001 - Math.round(1001 * 0.1) - Math.round(1001 * 0.05),
    });
    assert.throws(() => recordCounts({ events: 10, duplicateRatio: 0.6, invalidRatio: 0.5 }), /leave no valid events/);
    assert.throws(() => recordCounts({ events: 10, duplicateRatio: 1, invalidRatio: 0 }), /duplicateRatio must be a number in \[0, 1\)/);
  });

  it("plays realistic sessions: login → level start/complete|fail with moves and time → purchases → logout", () => {
    const records = generateTelemetry({ ...base, events: 3000, duplicateRatio: 0, invalidRatio: 0 });
    const sessions = new Map<string, GameEvent[]>();
    for (const record of records) {
      const list = sessions.get(record.event.session_id) ?? [];
      list.push(JSON.parse(record.line));
      sessions.set(record.event.session_id, list);
    }
    assert.ok(sessions.size > 100);
    let complete = 0;
    for (const events of sessions.values()) {
      assert.equal(events[0].type, "login");
      for (let i = 1; i < events.length; i++) assert.ok(events[i - 1].timestamp <= events[i].timestamp, "time order within a session");
      events.forEach((event, i) => {
        assert.equal(event.event_code, EVENT_CODES[event.type as keyof typeof EVENT_CODES]);
        assert.ok(Date.parse(event.timestamp) <= NOW && Date.parse(event.timestamp) >= NOW - 60 * 60_000);
        if (event.type === "level_complete" || event.type === "level_fail") {
          assert.equal(events[i - 1].type, "level_start");
          assert.equal(event.parameters.level_id, events[i - 1].parameters.level_id);
          assert.ok((event.parameters.moves_used as number) <= (events[i - 1].parameters.move_limit as number));
          assert.ok((event.parameters.time_seconds as number) > 0);
        }
      });
      if (events[events.length - 1].type === "logout") complete++;
    }
    // Only the session cut by the event budget may lack its logout.
    assert.ok(complete >= sessions.size - 1);
    const types = new Set(records.map((r) => r.event.type));
    for (const type of Object.keys(EVENT_CODES)) assert.ok(types.has(type), `${type} generated`);
  });

  it("run through `process`, gives exactly the duplicate and invalid ratios it was asked for", async () => {
    const events = 5000;
    const duplicateRatio = 0.1;
    const invalidRatio = 0.05;
    const now = Date.now();
    const records = generateTelemetry({ events, duplicateRatio, invalidRatio, seed: "ratio", nowMs: now, spreadMinutes: 60 });
    const dir = mkdtempSync(join(tmpdir(), "generator-"));
    try {
      const file = join(dir, "generated.ndjson");
      writeFileSync(file, records.map((r) => r.line).join("\n") + "\n");
      const summary = await processNdjsonFile(file, join(dir, "out"), { now: () => now });
      // Counts are exact by construction, so the only tolerance is rounding N·ratio: 0.5/N.
      const tolerance = 0.5 / events;
      assert.equal(summary.in, events);
      assert.ok(Math.abs(summary.duplicate / events - duplicateRatio) <= tolerance, `duplicates ${summary.duplicate}`);
      assert.ok(Math.abs(summary.deadLetter / events - invalidRatio) <= tolerance, `dead letters ${summary.deadLetter}`);
      assert.equal(summary.clean, events - summary.duplicate - summary.deadLetter);
      // Every invalid record dead-letters with the reason the generator meant.
      const expectedByReason: Record<string, number> = {};
      for (const r of records) if (r.kind === "invalid") expectedByReason[r.reason] = (expectedByReason[r.reason] ?? 0) + 1;
      assert.deepEqual(summary.byReason, expectedByReason);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
