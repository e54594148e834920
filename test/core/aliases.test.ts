import assert from "node:assert/strict";
import { FIELD_ALIASES, INPUT_FIELDS, PARAMETER_CONTAINERS } from "../../functions/core";
import { acceptedEvent } from "./record-helpers";
import { BASE_EVENT } from "./vectors";

/** A valid value for each SILVER input field and what it normalises to. */
const SAMPLE: Record<string, { input: unknown; output: unknown }> = {
  event_id: { input: "e-1", output: "e-1" },
  event_type: { input: "purchase", output: "purchase" },
  event_timestamp: { input: "2026-11-22T05:45:00.000Z", output: "2026-11-22T05:45:00.000Z" },
  user_id: { input: "u-1", output: "u-1" },
  session_id: { input: "s-1", output: "s-1" },
  game_id: { input: "g-1", output: "g-1" },
  platform: { input: "Web", output: "web" },
  app_version: { input: "9.9.9", output: "9.9.9" },
};

function withoutField(field: string): Record<string, unknown> {
  const event: Record<string, unknown> = { ...BASE_EVENT };
  delete event[field];
  return event;
}

describe("core: alias table", () => {
  it("covers exactly the SILVER input fields, each name listed once", () => {
    assert.deepEqual(Object.keys(FIELD_ALIASES), [...INPUT_FIELDS]);
    const names = Object.values(FIELD_ALIASES).flat();
    assert.equal(new Set(names).size, names.length);
    for (const container of PARAMETER_CONTAINERS) assert.ok(!names.includes(container));
    for (const field of INPUT_FIELDS) assert.equal(FIELD_ALIASES[field][0], field, `${field} is its own preferred name`);
  });

  for (const field of INPUT_FIELDS) {
    for (const alias of FIELD_ALIASES[field]) {
      it(`maps "${alias}" to ${field}`, () => {
        const event = acceptedEvent({ ...withoutField(field), [alias]: SAMPLE[field].input });
        assert.deepEqual((event as unknown as Record<string, unknown>)[field], SAMPLE[field].output);
        assert.ok(!Object.hasOwn(event.parameters, alias), `${alias} must not also land in parameters`);
      });
    }
  }

  it("lets the higher-priority name win whatever the key order, keeping the loser in parameters", () => {
    const forward = acceptedEvent({ ...withoutField("user_id"), user_id: "winner", customer_id: "loser" });
    const reversed = acceptedEvent({ ...withoutField("user_id"), customer_id: "loser", user_id: "winner" });
    for (const event of [forward, reversed]) {
      assert.equal(event.user_id, "winner");
      assert.deepEqual(event.parameters, { customer_id: "loser" });
    }
  });

  it("treats a null under an alias as not given", () => {
    const event = acceptedEvent({ ...withoutField("event_id"), event_id: null, id: "from-id" });
    assert.equal(event.event_id, "from-id");
    assert.deepEqual(event.parameters, {});
  });
});

describe("core: normalisation into the SILVER envelope", () => {
  it("builds every envelope field, deriving event_date and event_hour from event_timestamp", () => {
    const event = acceptedEvent({ ...BASE_EVENT, event_timestamp: "2026-11-22T03:07:09.001+01:00" }); // = 02:07:09.001Z
    assert.deepEqual(event, {
      event_id: BASE_EVENT.event_id,
      event_type: BASE_EVENT.event_type,
      event_timestamp: "2026-11-22T02:07:09.001Z",
      received_at: "2026-11-22T06:00:00.000Z",
      user_id: BASE_EVENT.user_id,
      session_id: null,
      game_id: null,
      platform: null,
      app_version: null,
      parameters: {},
      event_date: "2026-11-22",
      event_hour: 2,
    });
  });

  it("trims and lower-cases platform, trims event_type and app_version, blank optional text becomes null", () => {
    const event = acceptedEvent({ ...BASE_EVENT, event_type: " level_fail ", platform: "  ANDROID\t", app_version: " 1.0 " });
    assert.equal(event.platform, "android");
    assert.equal(event.event_type, "level_fail");
    assert.equal(event.app_version, "1.0");
    assert.equal(acceptedEvent({ ...BASE_EVENT, platform: "   ", app_version: "" }).platform, null);
  });

  it("accepts non-negative safe integers as ids and a number as app_version", () => {
    const event = acceptedEvent({ ...BASE_EVENT, event_id: 123456789, user_id: 0, app_version: 2.5 });
    assert.equal(event.event_id, "123456789");
    assert.equal(event.user_id, "0");
    assert.equal(event.app_version, "2.5");
  });

  it("moves every unknown top-level field into parameters, never dropping one", () => {
    const extra = { level: 3, tags: ["a", "b"], nested: { x: null }, flag: false, nothing: null };
    const event = acceptedEvent({ ...BASE_EVENT, ...extra });
    assert.deepEqual(event.parameters, extra);
  });

  it("merges parameters first, then event_data, then top-level fields; a clash keeps the later value under name@origin", () => {
    const event = acceptedEvent({
      ...BASE_EVENT,
      level: "top",
      parameters: { level: "parameters", a: 1 },
      event_data: { level: "event_data", b: 2 },
    });
    assert.deepEqual(event.parameters, {
      level: "parameters",
      a: 1,
      "level@event_data": "event_data",
      b: 2,
      "level@event": "top",
    });
  });

  it("keeps a clash with an existing name@origin key by appending the origin again", () => {
    const event = acceptedEvent({ ...BASE_EVENT, x: "top", parameters: { x: 1, "x@event": 2 } });
    assert.deepEqual(event.parameters, { x: 1, "x@event": 2, "x@event@event": "top" });
  });

  it("keeps parameters / event_data that are not objects as plain parameters", () => {
    const event = acceptedEvent({ ...BASE_EVENT, parameters: [1, 2], event_data: "text" });
    assert.deepEqual(event.parameters, { parameters: [1, 2], event_data: "text" });
  });

  it("keeps keys such as __proto__ and constructor as own data, without touching prototypes", () => {
    const text = `{"event_id":"e","event_type":"t","event_timestamp":"2026-11-22T05:00:00Z","user_id":"u","__proto__":{"polluted":1},"constructor":"c","parameters":{"toString":"s"}}`;
    const event = acceptedEvent(JSON.parse(text));
    assert.equal(Object.getPrototypeOf(event.parameters), Object.prototype);
    assert.deepEqual(Object.keys(event.parameters), ["toString", "__proto__", "constructor"]);
    assert.deepEqual(JSON.parse(JSON.stringify(event.parameters)), JSON.parse(`{"toString":"s","__proto__":{"polluted":1},"constructor":"c"}`));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it("lifts user_id / session_id from event_data, then parameters, only when absent at the top level", () => {
    const fromEventData = acceptedEvent({ ...withoutField("user_id"), event_data: { user_id: "ed" }, parameters: { user_id: "p" } });
    assert.equal(fromEventData.user_id, "ed");
    const fromParameters = acceptedEvent({ ...withoutField("user_id"), parameters: { customer_id: "p" } });
    assert.equal(fromParameters.user_id, "p");
    const topLevelWins = acceptedEvent({ ...BASE_EVENT, event_data: { user_id: "ed" } });
    assert.equal(topLevelWins.user_id, BASE_EVENT.user_id);
    assert.equal(topLevelWins.parameters.user_id, "ed");
  });
});
