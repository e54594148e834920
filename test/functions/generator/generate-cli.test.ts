import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MAX_EVENTS_PER_REQUEST, ingestResponse, validateIngestRequest } from "../../../functions/ingest-api";
import { EXIT, runGenerateCli } from "../../../scripts/generate";

describe("npm run generate (CLI)", () => {
  const out: string[] = [];
  const err: string[] = [];
  const run = (...args: string[]) => runGenerateCli(args, (l) => out.push(l), (l) => err.push(l));
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
  });

  it("writes N lines to --out with the requested counts per kind", async () => {
    const dir = mkdtempSync(join(tmpdir(), "generate-cli-"));
    try {
      const file = join(dir, "a.ndjson");
      assert.equal(await run("--events", "1000", "--out", file, "--duplicates", "0.1", "--invalid", "0.05", "--seed", "x"), EXIT.ok);
      const lines = readFileSync(file, "utf8").split("\n");
      assert.equal(lines.pop(), "");
      assert.equal(lines.length, 1000);
      assert.deepEqual(JSON.parse(out[0]), { events: 1000, valid: 1000 - 100 - 50, duplicates: 100, invalid: 50, seed: "x", out: file });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe("--url mode against a local server speaking the ingestion contract", () => {
    let server: Server;
    let url: string;
    const requests: Array<{ authorization?: string; events: number }> = [];
    let rejectIndex: number | undefined;
    before(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("end", () => {
          const validation = validateIngestRequest(Buffer.concat(chunks));
          if (!validation.ok) {
            res.writeHead(validation.status).end(JSON.stringify({ error: { code: validation.code } }));
            return;
          }
          requests.push({ authorization: req.headers.authorization, events: validation.events.length });
          const failed = rejectIndex === undefined ? [] : [{ index: rejectIndex, errorCode: "InternalFailure", errorMessage: "x" }];
          res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(ingestResponse("r", validation.events.length, failed)));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/events`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
      requests.length = 0;
      rejectIndex = undefined;
    });

    it("posts batches of 500 with the API key and summarises", async () => {
      const events = 1234;
      assert.equal(await run("--events", String(events), "--url", url, "--api-key", "tk_k", "--invalid", "0.1", "--seed", "h"), EXIT.ok);
      assert.deepEqual(
        requests.map((r) => r.events),
        [MAX_EVENTS_PER_REQUEST, MAX_EVENTS_PER_REQUEST, events - 2 * MAX_EVENTS_PER_REQUEST],
      );
      assert.ok(requests.every((r) => r.authorization === "ApiKey tk_k"));
      const summary = JSON.parse(out[0]);
      assert.deepEqual([summary.requests, summary.accepted, summary.rejected], [3, events, 0]);
    });

    it("exits 1 when the service rejects some events", async () => {
      rejectIndex = 0;
      assert.equal(await run("--events", "600", "--url", url, "--api-key", "k", "--seed", "h"), EXIT.someFailed);
      assert.equal(JSON.parse(out[0]).rejected, 2);
    });
  });

  it("exits 2 on bad usage", async () => {
    assert.equal(await run("--out", "x"), EXIT.usage);
    assert.match(err.pop()!, /--events/);
    assert.equal(await run("--events", "10", "--out", "x", "--url", "http://h"), EXIT.usage);
    assert.match(err.pop()!, /exactly one of --out and --url/);
    assert.equal(await run("--events", "10", "--url", "http://h"), EXIT.usage);
    assert.match(err.pop()!, /--url needs --api-key/);
    assert.equal(await run("--events", "10", "--out", "x", "--duplicates", "2"), EXIT.usage);
    assert.match(err.pop()!, /--duplicates "2" is invalid/);
  });
});
