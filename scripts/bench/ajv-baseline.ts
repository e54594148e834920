import Ajv from "ajv";

/**
 * The baseline the core is compared with: what a team would write instead — decode, JSON.parse and an
 * Ajv-compiled JSON Schema of the event contract (required fields, types, id charset/length, ISO or
 * epoch timestamp, enum-ish platform). It does less than the core: no aliases, no time window, no
 * normalisation, no dedup.
 */
const ID = { type: "string", pattern: "^[A-Za-z0-9_.:-]{1,128}$" } as const;
const EVENT_SCHEMA = {
  type: "object",
  required: ["event_id", "event_type", "event_timestamp", "user_id"],
  properties: {
    event_id: ID,
    event_type: { type: "string", minLength: 1, maxLength: 128 },
    event_timestamp: {
      anyOf: [
        { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)?$" },
        { type: "number", minimum: 0 },
      ],
    },
    user_id: ID,
    session_id: { anyOf: [ID, { type: "null" }] },
    game_id: { anyOf: [ID, { type: "null" }] },
    platform: { type: ["string", "null"] },
    app_version: { type: ["string", "number", "null"] },
    parameters: { type: "object" },
  },
  additionalProperties: true,
} as const;

/** decode → JSON.parse → compiled Ajv validate, for one record; returns whether it is valid. */
export function ajvBaselineValidator(): (bytes: Uint8Array) => boolean {
  const validate = new Ajv({ allErrors: false, allowUnionTypes: true }).compile(EVENT_SCHEMA);
  const decoder = new TextDecoder();
  return (bytes) => validate(JSON.parse(decoder.decode(bytes))) as boolean;
}
