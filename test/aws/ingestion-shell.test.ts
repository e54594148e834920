/** The ingestion API shell: routes per auth mode, gateway error bodies, access-log format. */
import assert from "node:assert/strict";
import { ingestRoutes } from "../../components/aws/ingestion/routes";
import { INGEST_PATH } from "../../functions/ingest-api/contract";
import { accessLogFormat } from "../../components/aws/ingestion/access-log-format";
import { GATEWAY_ERROR_RESPONSES, gatewayErrorTemplate } from "../../components/aws/ingestion/ingestion-api";

describe("aws ingestion routes", () => {
  it("the API-key mode owns /v1/events (its authorizer allows only that path), others get /v1/<mode>/events", () => {
    assert.deepEqual(
      ingestRoutes(["cognito", "apiKey", "iam"]).map((r) => [r.mode, r.path]),
      [
        ["apiKey", INGEST_PATH],
        ["cognito", "/v1/cognito/events"],
        ["iam", "/v1/iam/events"],
      ],
    );
  });
  it("without an API key the first mode listed owns /v1/events", () => {
    assert.deepEqual(ingestRoutes(["iam", "cognito"]).map((r) => r.path), ["/v1/events", "/v1/cognito/events"]);
    assert.deepEqual(ingestRoutes(["iam"])[0].segments, ["v1", "events"]);
  });
  it("refuses no modes and repeated modes", () => {
    assert.throws(() => ingestRoutes([]), /at least one/);
    assert.throws(() => ingestRoutes(["iam", "iam"]), /repeat/);
  });
});

describe("aws ingestion gateway responses and access logs", () => {
  it("API Gateway's own rejections return the shared error body as valid JSON", () => {
    // What API Gateway substitutes: the request id, and the message already JSON-quoted and escaped.
    const substitute = (t: string) => t.replace("$context.requestId", "req-9").replace("$context.error.messageString", JSON.stringify('Invalid request body: "events" missing'));
    for (const r of GATEWAY_ERROR_RESPONSES) {
      const body = JSON.parse(substitute(gatewayErrorTemplate(r.code)));
      assert.deepEqual(body, { requestId: "req-9", error: { code: r.code, message: 'Invalid request body: "events" missing' } });
    }
    assert.deepEqual(GATEWAY_ERROR_RESPONSES.map((r) => [r.responseType, r.statusCode]), [
      ["BAD_REQUEST_BODY", "400"],
      ["REQUEST_TOO_LARGE", "413"],
      ["UNSUPPORTED_MEDIA_TYPE", "415"],
    ]);
  });

  it("the access-log format is one JSON object of $context variables", () => {
    const fields = JSON.parse(accessLogFormat());
    for (const [name, variable] of Object.entries(fields)) assert.match(String(variable), /^\$context\.[A-Za-z.]+$/, name);
    assert.equal(fields.gameId, "$context.authorizer.gameId");
    assert.equal(fields.integrationStatus, "$context.integration.status");
  });
});
