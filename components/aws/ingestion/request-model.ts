/**
 * The JSON-schema model API Gateway validates request bodies against: `{"events":[…]}` with 1–500
 * entries. Events themselves are not validated here — every event reaches the raw stream and the
 * processing core decides clean / duplicate / dead-letter with a reason (functions/ingest-api).
 */
import { MAX_EVENTS_PER_REQUEST } from "../../../functions/ingest-api/contract";

export function ingestRequestSchema(): Record<string, unknown> {
  return {
    $schema: "http://json-schema.org/draft-04/schema#",
    title: "IngestRequest",
    type: "object",
    required: ["events"],
    properties: {
      events: { type: "array", minItems: 1, maxItems: MAX_EVENTS_PER_REQUEST },
    },
  };
}
