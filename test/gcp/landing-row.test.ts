/** The UDF's output row against the events_landing DDL: exactly its columns, types the template can insert. */
import assert from "node:assert/strict";
import { processRecord } from "../../functions/core";
import { NO_EVENT_TYPE_CODE, toLandingRow } from "../../functions/gcp-udf/bigquery-row";
import { warehouseDdl } from "../../components/gcp/warehouse";
import { vectorOptions } from "../core/vectors";

function accepted(event: Record<string, unknown>) {
  const outcome = processRecord({ data: Buffer.from(JSON.stringify(event)), source: { kind: "http", requestId: "r", index: 0 } }, vectorOptions());
  assert.equal(outcome.kind, "event", JSON.stringify(outcome));
  if (outcome.kind !== "event") throw new Error("unreachable");
  return outcome;
}

const BASE = { event_id: "evt-1", event_timestamp: "2026-11-22T05:00:00.000Z", user_id: "user-1" };

describe("gcp: landing row ↔ events_landing DDL", () => {
  const columns = warehouseDdl().eventsLanding.columns;

  it("names exactly the events_landing columns", () => {
    const { event, dedupKey } = accepted({ ...BASE, event_type: "level_start" });
    assert.deepEqual(Object.keys(toLandingRow(event, dedupKey)).sort(), columns.map((c) => c.name).sort());
  });

  it("gives every column a JSON value of its BigQuery type, null only where the column is NULLABLE", () => {
    const { event, dedupKey } = accepted({ ...BASE, event_type: "level_start", platform: "ios", country: "DE", is_paying_user: true, days_since_install: 3 });
    const row = toLandingRow(event, dedupKey) as unknown as Record<string, unknown>;
    const jsType: Record<string, string> = { STRING: "string", TIMESTAMP: "string", DATE: "string", JSON: "string", INT64: "number", FLOAT64: "number", BOOL: "boolean" };
    for (const column of columns) {
      const value = row[column.name];
      if (value === null) {
        assert.equal(column.mode, "NULLABLE", `${column.name} is REQUIRED but null`);
        continue;
      }
      assert.equal(typeof value, jsType[column.type], `${column.name} (${column.type})`);
    }
    assert.equal(row.country, "DE");
    assert.equal(row.is_paying_user, true);
    assert.equal(row.days_since_install, 3);
    assert.deepEqual(JSON.parse(row.parameters as string), event.parameters);
  });

  it("maps a numeric event type to seed 003's INT64 code and keeps a named one in event_name with code 0", () => {
    const numeric = accepted({ ...BASE, event_type: "1002" });
    const named = accepted({ ...BASE, event_type: "level_complete" });
    assert.equal(toLandingRow(numeric.event, numeric.dedupKey).event_type, 1002);
    const namedRow = toLandingRow(named.event, named.dedupKey);
    assert.equal(namedRow.event_type, NO_EVENT_TYPE_CODE);
    assert.equal(namedRow.event_name, "level_complete");
  });
});
