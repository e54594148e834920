/**
 * The API Gateway mapping templates. No VTL engine runs here, so these tests pin what can be pinned
 * offline: placeholders all filled, the envelope the request template builds is the one
 * functions/core unwraps (checked by expanding its two string-building lines and running the result
 * through the core), the user-id aliases come from the core's alias table, every interpolated string
 * is JSON-escaped, and the response maps Kinesis' per-record results to the shared response shape.
 */
import assert from "node:assert/strict";
import { coreOptions, FIELD_ALIASES, INGEST_ENVELOPE_KEYS, processRecord } from "../../functions/core";
import { USER_ID_FIELDS } from "../../functions/ingest-api/partition-key";
import {
  placeholdersOf,
  putRecordsRequestTemplate,
  putRecordsResponseTemplate,
  readTemplate,
  renderTemplate,
  streamErrorResponseTemplate,
  vtlStringList,
} from "../../components/aws/ingestion/templates";
import { STREAM_ERROR_RESPONSES } from "../../components/aws/ingestion/kinesis-integration";

const STREAM = "dev-client-game_event-raw";

/** The right-hand side of `#set($name = "…")` in a template. */
function setValue(template: string, name: string): string {
  const line = template.split("\n").find((l) => l.startsWith(`#set($${name} = `));
  assert.ok(line, `template sets $${name}`);
  return line!.slice(`#set($${name} = `.length, -1);
}

/** Expands a double-quoted VTL string whose references are given (no other VTL features). */
function expand(vtlString: string, refs: Record<string, string>): string {
  assert.ok(vtlString.startsWith('"') && vtlString.endsWith('"'), `a double-quoted string: ${vtlString}`);
  let body = vtlString.slice(1, -1);
  for (const [ref, value] of Object.entries(refs)) body = body.split(ref).join(value);
  assert.ok(!/\$[{!a-zA-Z]/.test(body), `unexpanded reference left in ${body}`);
  return body;
}

/** Every #if/#foreach is closed by an #end. */
function assertBalanced(template: string): void {
  const code = template.split("\n").filter((l) => !l.trimStart().startsWith("##")).join("\n");
  const opens = (code.match(/#(if|foreach)\(/g) ?? []).length;
  const ends = (code.match(/#end\b/g) ?? []).length;
  assert.equal(opens, ends, "#if/#foreach vs #end");
}

describe("aws ingestion VTL templates", () => {
  const request = putRecordsRequestTemplate(STREAM);

  it("fills every placeholder and refuses missing or unknown ones", () => {
    assert.deepEqual(placeholdersOf(readTemplate("putRecordsRequest")), ["MAX_PARTITION_KEY_CHARS", "STREAM_NAME", "USER_ID_FIELDS"]);
    assert.deepEqual(placeholdersOf(request), []);
    assert.match(request, new RegExp(`"StreamName": "${STREAM}"`));
    assert.throws(() => renderTemplate("@@A@@", {}), /missing A/);
    assert.throws(() => renderTemplate("x", { B: "1" }), /unknown B/);
    assert.throws(() => putRecordsRequestTemplate('bad"name'), /not a Kinesis stream name/);
  });

  it("builds the ingest envelope functions/core unwraps (game id, request id, received_at, event)", () => {
    const ingest = expand(setValue(request, "ingest"), {
      "${q}": '"',
      "${gameIdJson}": '"g1"',
      "$context.requestId": "req-1",
      "$context.requestTimeEpoch": "1763791699000",
    });
    const event = { event_id: "e-1", event_type: "level_start", user_id: "u-1", event_timestamp: "2025-11-22T06:08:19.000Z" };
    const envelope = expand(setValue(request, "envelope"), { "${q}": '"', "${ingest}": ingest, "${eventJson}": JSON.stringify(event) });
    const parsed = JSON.parse(envelope);
    assert.deepEqual(Object.keys(parsed), [INGEST_ENVELOPE_KEYS.ingest, INGEST_ENVELOPE_KEYS.event]);
    assert.deepEqual(parsed[INGEST_ENVELOPE_KEYS.ingest], { game_id: "g1", request_id: "req-1", received_at: "1763791699000" });

    const now = Date.parse("2025-11-22T06:10:00.000Z");
    const outcome = processRecord(
      { data: Buffer.from(envelope, "utf8"), source: { kind: "http", requestId: "req-1", index: 0 } },
      coreOptions({ now: () => now }),
    );
    assert.equal(outcome.kind, "event", JSON.stringify(outcome));
    if (outcome.kind === "event") {
      assert.equal(outcome.event.game_id, "g1");
      assert.equal(outcome.event.user_id, "u-1");
      assert.equal(outcome.event.received_at, "2025-11-22T06:08:19.000Z");
    }
  });

  it("a null game id (IAM auth) is a JSON null the core accepts", () => {
    assert.match(request, /#set\(\$gameIdJson = 'null'\)/);
    const ingest = expand(setValue(request, "ingest"), { "${q}": '"', "${gameIdJson}": "null", "$context.requestId": "r", "$context.requestTimeEpoch": "1763791699000" });
    assert.equal(JSON.parse(ingest).game_id, null);
    const event = { event_id: "e-2", event_type: "login", user_id: "u-2", game_id: "g7", event_timestamp: 1763791690 };
    const envelope = expand(setValue(request, "envelope"), { "${q}": '"', "${ingest}": ingest, "${eventJson}": JSON.stringify(event) });
    const outcome = processRecord({ data: Buffer.from(envelope), source: { kind: "http", requestId: "r", index: 0 } }, coreOptions({ now: () => 1763791699000 }));
    assert.equal(outcome.kind, "event", JSON.stringify(outcome));
    if (outcome.kind === "event") assert.equal(outcome.event.game_id, "g7", "the event's own game id is kept");
  });

  it("takes the game id from the API-key authorizer context, else the Cognito claim", () => {
    assert.match(request, /\$!context\.authorizer\.gameId/);
    assert.match(request, /\$!context\.authorizer\.claims\['custom:game_id'\]/);
  });

  it("partition key: the core's user-id aliases in order, bounded to 256 characters, else the request id", () => {
    assert.deepEqual(USER_ID_FIELDS.slice(1), FIELD_ALIASES.user_id!.filter((f) => f !== "user_id"));
    assert.equal(USER_ID_FIELDS[0], "user_id");
    assert.ok(request.includes(`#foreach($field in [${vtlStringList(USER_ID_FIELDS)}])`));
    for (const alias of FIELD_ALIASES.user_id!) assert.ok(request.includes(`'${alias}'`), alias);
    assert.match(request, /\$partitionKey\.length\(\) > 256\)/);
    assert.match(request, /#set\(\$partitionKey = \$context\.requestId\)/);
    assert.throws(() => vtlStringList(["ok", "it's"]), /cannot be placed/);
  });

  it("data is the base64 of the envelope; every interpolated string is JSON-escaped", () => {
    assert.match(request, /"Data": "\$util\.base64Encode\(\$envelope\)"/);
    for (const template of [request, putRecordsResponseTemplate()]) {
      const escapes = template.match(/\$util\.escapeJavaScript\([^)]*\)(\.replaceAll\("\\\\'", "'"\))?/g) ?? [];
      assert.ok(escapes.length > 0);
      // escapeJavaScript turns ' into \' (not valid JSON); each use must undo exactly that.
      for (const use of escapes) assert.ok(use.endsWith(`.replaceAll("\\\\'", "'")`), use);
      // Doubled quotes inside a string literal ("" as an escape) depend on the Velocity version; $q is used instead.
      assert.ok(!/\(""[^)]/.test(template) && !template.includes('""\\'), "no doubled-quote escapes");
      assertBalanced(template);
    }
  });

  it("the request body skeleton is Kinesis PutRecords JSON", () => {
    assert.match(request, /\{\s*"StreamName": "[^"]+",\s*"Records": \[/);
    assert.match(request, /#foreach\(\$event in \$input\.path\('\$\.events'\)\)/);
    assert.match(request, /"PartitionKey": /);
    assert.match(request, /#if\(\$foreach\.hasNext\),#end/);
  });

  it("response: per-record results in request order, in the shared response shape", () => {
    const response = putRecordsResponseTemplate();
    for (const field of ['"requestId"', '"failedRecordCount": $input.path(\'$.FailedRecordCount\')', '"records"', '"index": $foreach.index']) {
      assert.ok(response.includes(field), field);
    }
    assert.match(response, /#foreach\(\$record in \$records\)/);
    assert.match(response, /"status": "accepted"/);
    assert.match(response, /"status": "rejected", "errorCode": "\$util\.escapeJavaScript\(\$record\.ErrorCode\)/);
    assert.match(response, /"errorMessage": "\$util\.escapeJavaScript\(\$!record\.ErrorMessage\)/);
  });

  it("whole-call failures: 4xx from Kinesis → 500, 5xx → 503, with the shared error body", () => {
    assert.deepEqual(
      STREAM_ERROR_RESPONSES.map((r) => [r.selectionPattern, r.statusCode]),
      [
        ["4\\d{2}", "500"],
        ["5\\d{2}", "503"],
      ],
    );
    for (const r of STREAM_ERROR_RESPONSES) {
      assert.ok(new RegExp(`^${r.selectionPattern}$`).test(r.selectionPattern.startsWith("4") ? "400" : "503"));
      const body = JSON.parse(streamErrorResponseTemplate(r.errorCode).split("\n").filter((l) => !l.startsWith("##")).join("\n").replace("$context.requestId", "r"));
      assert.equal(body.error.code, r.errorCode);
      assert.equal(body.requestId, "r");
    }
    assert.throws(() => streamErrorResponseTemplate("bad code"), /UPPER_SNAKE_CASE/);
  });
});
