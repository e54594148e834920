/** The cost estimator against a small hand-made plan; the expected figures are computed here by hand. */
import assert from "node:assert/strict";
import { parseTelemetryConfig } from "../../components/config";
import { deriveSizing } from "../../components/sizing";
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { estimateCost, type CostEstimate } from "../../scripts/review/cost-estimate";
import { memoryGiB } from "../../scripts/review/cost-gcp";
import { loadPriceBook, parsePriceFile, priceBook } from "../../scripts/review/price-book";
import { runsPerMonth } from "../../scripts/review/schedules";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { availableStacks } from "../../scripts/plan/stack-config";
import { stackPlan } from "../support/stack-plans";

const urn = (type: string, name: string) => `urn:pulumi:dev::game-telemetry::${type}::${name}`;
const PIPELINE = urn("telemetry:index:Pipeline", "telemetry");
const STREAM = urn("telemetry:aws:EventStream", "telemetry-stream");
const PROCESSING = urn("telemetry:aws:Processing", "telemetry-processing");
function r(type: string, name: string, inputs: Record<string, unknown>, parent = STREAM, custom = true): PlannedResource {
  return { type, name, urn: urn(type, name), parent, inputs, custom, protect: false, retainOnDelete: false, dependsOn: [] };
}

const RAW_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/dev-client-game_event-raw";
const RESOURCES: PlannedResource[] = [
  r("telemetry:index:Pipeline", "telemetry", {}, undefined as never, false),
  r("telemetry:aws:EventStream", "telemetry-stream", {}, PIPELINE, false),
  r("telemetry:aws:Processing", "telemetry-processing", {}, PIPELINE, false),
  r("aws:kinesis/stream:Stream", "telemetry-stream-raw", { name: "dev-client-game_event-raw", shardCount: 2, retentionPeriod: 24, streamModeDetails: { streamMode: "PROVISIONED" } }),
  r("aws:kinesis/stream:Stream", "telemetry-stream-dead-letter", { name: "dev-client-game_event-dead-letter", retentionPeriod: 48, streamModeDetails: { streamMode: "ON_DEMAND" } }),
  r("aws:lambda/function:Function", "telemetry-processing-fn", { name: "tlm-dev-processor", memorySize: 1024, architectures: ["arm64"] }, PROCESSING),
  r("aws:lambda/eventSourceMapping:EventSourceMapping", "telemetry-processing-esm", { functionName: "arn:aws:lambda:us-east-1:123456789012:function:tlm-dev-processor", eventSourceArn: RAW_ARN, batchSize: 500 }, PROCESSING),
  r("aws:dynamodb/table:Table", "telemetry-processing-dedup", { name: "tlm-dev-dedup", billingMode: "PAY_PER_REQUEST" }, PROCESSING),
  r("aws:iam/rolePolicy:RolePolicy", "telemetry-processing-policy", {
    role: "tlm-dev-processor",
    policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["dynamodb:PutItem"], Resource: "arn:aws:dynamodb:us-east-1:123456789012:table/tlm-dev-dedup" }] }),
  }, PROCESSING),
  r("aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "telemetry-processing-raw-delivery", {
    name: "tlm-dev-raw-delivery",
    destination: "extended_s3",
    kinesisSourceConfiguration: { kinesisStreamArn: RAW_ARN },
    extendedS3Configuration: { bufferingInterval: 300, bufferingSize: 64, dataFormatConversionConfiguration: { enabled: true } },
  }, PROCESSING),
  r("aws:s3/bucket:Bucket", "telemetry-processing-raw-bucket", { bucket: "tlm-dev-raw" }, PROCESSING),
  r("aws:apigateway/restApi:RestApi", "telemetry-api", { name: "tlm-dev-api" }, PIPELINE),
  r("aws:iam/role:Role", "telemetry-processing-role", {}, PROCESSING),
  r("aws:ecs/cluster:Cluster", "telemetry-mystery", {}, PIPELINE),
];

const price = (usd: number, unit: string) => ({ usd, unit, source: "https://example.com/pricing", asOf: "2025-06-01" });
const BOOK = priceBook({
  aws: {
    region: "us-east-1",
    currency: "USD",
    note: "test prices",
    prices: {
      "kinesis.provisioned.shardHour": price(0.015, "shard-hour"),
      "kinesis.provisioned.putPayloadUnitsMillion": price(0.014, "1M units"),
      "kinesis.onDemand.streamHour": price(0.04, "stream-hour"),
      "kinesis.onDemand.dataInGB": price(0.08, "GB"),
      "kinesis.onDemand.extendedRetentionGBMonth": price(0.1, "GB-month"),
      "lambda.arm64.gbSecond": price(0.0000133334, "GB-s"),
      "lambda.requestsMillion": price(0.2, "1M requests"),
      "dynamodb.onDemand.writeRequestUnitsMillion": price(0.625, "1M WRU"),
      "dynamodb.storageGBMonth": price(0.25, "GB-month"),
      "firehose.ingestionGB": price(0.029, "GB"),
      "firehose.formatConversionGB": price(0.018, "GB"),
      "s3.putRequestsThousand": price(0.005, "1k PUTs"),
      "s3.standard.storageGBMonth": price(0.023, "GB-month"),
      "apigateway.rest.requestsMillion": price(3.5, "1M requests"),
    },
  },
  gcp: { region: "us-central1", currency: "USD", note: "test prices", prices: {} },
});

const CONFIG = parseTelemetryConfig({
  load: { peakEventsPerSecond: 200, averageEventsPerSecond: 100, averageEventBytes: 1024, eventsPerRequest: 100 },
  alerts: { deadLetterRatePercent: 1 },
  dedupWindowMinutes: 30,
  retention: { zones: { raw: 30 } },
});

const GIB = 2 ** 30;
const HOURS = 730;
const DAYS = 730 / 24;
const EVENTS = 100 * 730 * 3600; // 262,800,000 events a month

function line(estimate: CostEstimate, resource: string, item: RegExp) {
  const found = estimate.components.flatMap((c) => c.lines).filter((l) => l.resource === resource && item.test(l.item));
  assert.equal(found.length, 1, `one line ${item} on ${resource}; have ${JSON.stringify(estimate.components.flatMap((c) => c.lines.map((l) => `${l.resource}: ${l.item}`)))}`);
  return found[0];
}

describe("cost estimate (hand-computed)", () => {
  const estimate = estimateCost({ stack: "dev", config: CONFIG, sizing: deriveSizing(CONFIG), resources: RESOURCES }, BOOK);
  const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6 * Math.max(1, expected), `${actual} ≠ ${expected}`);

  it("provisioned Kinesis: shard-hours and 25 KB PUT payload units", () => {
    close(line(estimate, "telemetry-stream-raw", /shards/).monthlyUsd, 2 * HOURS * 0.015); // $21.90
    close(line(estimate, "telemetry-stream-raw", /PUT payload/).monthlyUsd, (EVENTS * 1) / 1e6 * 0.014); // a 1 KB record is one unit: $3.6792
  });

  it("on-demand Kinesis (dead letters: 1% of events at 2 KB): stream-hours, GB in, extended retention", () => {
    const gbIn = (EVENTS * 0.01 * 2 * 1024) / GIB; // 2,628,000 records × 2 KiB
    close(line(estimate, "telemetry-stream-dead-letter", /on-demand stream/).monthlyUsd, HOURS * 0.04);
    close(line(estimate, "telemetry-stream-dead-letter", /data in/).monthlyUsd, gbIn * 0.08);
    close(line(estimate, "telemetry-stream-dead-letter", /retention 48 h/).monthlyUsd, (gbIn / DAYS) * ((48 - 24) / 24) * 0.1);
  });

  it("stream-triggered Lambda: batches of 500, 1 s each, 1 GB arm64", () => {
    const invocations = EVENTS / 500; // 525,600
    close(line(estimate, "telemetry-processing-fn", /^compute/).monthlyUsd, invocations * 1 * (1024 / 1024) * 0.0000133334);
    close(line(estimate, "telemetry-processing-fn", /^requests/).monthlyUsd, (invocations / 1e6) * 0.2);
  });

  it("dedup table: one write per event, items kept for the dedup window", () => {
    close(line(estimate, "telemetry-processing-dedup", /writes/).monthlyUsd, (EVENTS / 1e6) * 0.625); // $164.25
    close(line(estimate, "telemetry-processing-dedup", /stored/).monthlyUsd, ((100 * 30 * 60 * 200) / GIB) * 0.25);
  });

  it("Firehose from Kinesis: 5 KB increments, Parquet conversion, one S3 object per 300 s flush", () => {
    const gb = (EVENTS * 5 * 1024) / GIB; // each 1 KB record bills as 5 KB
    close(line(estimate, "telemetry-processing-raw-delivery", /ingested/).monthlyUsd, gb * 0.029);
    close(line(estimate, "telemetry-processing-raw-delivery", /conversion/).monthlyUsd, gb * 0.018);
    const objects = Math.max((HOURS * 3600) / 300, (EVENTS * 1024) / (64 * 2 ** 20)); // 8,760 flushes beat 4,010 full buffers
    assert.equal(objects, 8760);
    close(line(estimate, "telemetry-processing-raw-delivery", /S3 PUTs/).monthlyUsd, (objects / 1000) * 0.005);
  });

  it("RAW bucket: a day's GZIP'd events × 30 days of retention", () => {
    close(line(estimate, "telemetry-processing-raw-bucket", /storage/).monthlyUsd, ((100 * 86400 * 1024 * 0.2 * 30) / GIB) * 0.023);
  });

  it("REST API: one request per 100 events", () => {
    close(line(estimate, "telemetry-api", /requests/).monthlyUsd, (EVENTS / 100 / 1e6) * 3.5); // $9.198
  });

  it("groups by pipeline component, totals, and divides by millions of events", () => {
    const all = estimate.components.flatMap((c) => c.lines);
    close(estimate.totalMonthlyUsd, all.reduce((sum, l) => sum + l.monthlyUsd, 0));
    close(estimate.costPerMillionEventsUsd, estimate.totalMonthlyUsd / (EVENTS / 1e6));
    assert.deepEqual(new Set(estimate.components.map((c) => c.component)), new Set(["telemetry-stream", "telemetry-processing", "(pipeline)"]));
    const stream = estimate.components.find((c) => c.component === "telemetry-stream")!;
    close(stream.monthlyUsd, stream.lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
  });

  it("lists what it could not price and states its assumptions; free resources are neither", () => {
    assert.deepEqual(estimate.notPriced, [{ type: "aws:ecs/cluster:Cluster", name: "telemetry-mystery", reason: "no cost model for this type" }]);
    assert.ok(estimate.assumptions.some((a) => /100 events\/s on average × 1024 B/.test(a)));
    assert.ok(estimate.assumptions.some((a) => /1 s per full batch/.test(a)));
    assert.ok(estimate.priceSources.every((s) => s.source === "https://example.com/pricing"));
  });

  it("prices no dedup writes when no role in the stack writes the table (heavy tier: Flink deduplicates)", () => {
    const withoutWriter = RESOURCES.filter((res) => res.type !== "aws:iam/rolePolicy:RolePolicy");
    const result = estimateCost({ stack: "dev", config: CONFIG, sizing: deriveSizing(CONFIG), resources: withoutWriter }, BOOK);
    assert.ok(!result.components.flatMap((c) => c.lines).some((l) => l.resource === "telemetry-processing-dedup"));
    assert.ok(result.assumptions.some((a) => /no role in this stack writes it/.test(a)));
  });

  it("reports a missing unit price instead of pricing it at zero", () => {
    const withUnknownBroker = [...RESOURCES, r("aws:msk/cluster:Cluster", "telemetry-msk", { numberOfBrokerNodes: 3, brokerNodeGroupInfo: { instanceType: "kafka.x9.huge", storageInfo: { ebsStorageInfo: { volumeSize: 100 } } } })];
    const result = estimateCost({ stack: "dev", config: CONFIG, sizing: deriveSizing(CONFIG), resources: withUnknownBroker }, BOOK);
    assert.ok(result.notPriced.some((n) => n.name === "telemetry-msk" && /msk\.broker\.kafka\.x9\.huge/.test(n.reason)));
  });
});

describe("cost estimate on GCP (hand-computed)", () => {
  const LAKE = urn("telemetry:gcp:Lake", "telemetry-lake");
  const TOPIC_ID = "projects/telemetry-dev/topics/gcp-dev-client-game_event-raw";
  const resources: PlannedResource[] = [
    r("telemetry:index:Pipeline", "telemetry", {}, undefined as never, false),
    r("telemetry:gcp:Lake", "telemetry-lake", {}, PIPELINE, false),
    r("gcp:pubsub/topic:Topic", "telemetry-raw", { name: "gcp-dev-client-game_event-raw" }, LAKE),
    r("gcp:pubsub/subscription:Subscription", "telemetry-raw-dataflow", { name: "raw-dataflow", topic: TOPIC_ID }, LAKE),
    r("gcp:dataflow/flexTemplateJob:FlexTemplateJob", "telemetry-dataflow", { machineType: "n1-standard-2", numWorkers: 2, parameters: { useStorageWriteApi: "true" } }, LAKE),
    r("gcp:bigquery/table:Table", "telemetry-events", { tableId: "events", timePartitioning: { type: "DAY", expirationMs: 365 * 86_400_000 } }, LAKE),
    r("gcp:cloudfunctionsv2/function:Function", "telemetry-ingest", { name: "ingest", serviceConfig: { availableCpu: "1", availableMemory: "512Mi" } }, LAKE),
  ];
  const p = (usd: number) => price(usd, "unit");
  const book = priceBook({
    aws: { region: "us-east-1", currency: "USD", note: "n", prices: {} },
    gcp: {
      region: "us-central1",
      currency: "USD",
      note: "n",
      prices: {
        "pubsub.throughputTiB": p(40),
        "dataflow.streaming.vcpuHour": p(0.069),
        "dataflow.streaming.memoryGBHour": p(0.003557),
        "dataflow.pdGBMonth": p(0.054),
        "dataflow.streamingEngineGB": p(0.018),
        "bigquery.storageWriteApiGB": p(0.025),
        "bigquery.activeStorageGBMonth": p(0.02),
        "bigquery.longTermStorageGBMonth": p(0.01),
        "cloudrun.vcpuSecond": p(0.000024),
        "cloudrun.gibSecond": p(0.0000025),
        "cloudrun.requestsMillion": p(0.4),
      },
    },
  });
  const estimate = estimateCost({ stack: "gcp-dev", config: CONFIG, sizing: deriveSizing(CONFIG), resources }, book);
  const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-6 * Math.max(1, expected), `${actual} ≠ ${expected}`);
  const TIB = 2 ** 40;

  it("Pub/Sub: publish plus one delivery per subscription, 1,000-byte minimum per message", () => {
    const tib = (EVENTS * 1024) / TIB; // 1,024 B events are above the minimum
    close(line(estimate, "telemetry-raw", /publish/).monthlyUsd, tib * 40);
    close(line(estimate, "telemetry-raw", /delivery to 1/).monthlyUsd, tib * 40);
  });

  it("Dataflow: 2 × n1-standard-2 (2 vCPU, 7.5 GB) all month, disks, Streaming Engine, Storage Write API", () => {
    close(line(estimate, "telemetry-dataflow", /vCPU/).monthlyUsd, 2 * 2 * HOURS * 0.069);
    close(line(estimate, "telemetry-dataflow", /memory/).monthlyUsd, 2 * 7.5 * HOURS * 0.003557);
    close(line(estimate, "telemetry-dataflow", /disks/).monthlyUsd, 2 * 30 * 0.054);
    close(line(estimate, "telemetry-dataflow", /Streaming Engine/).monthlyUsd, ((EVENTS * 1024) / GIB) * 0.018);
    close(line(estimate, "telemetry-dataflow", /Storage Write API/).monthlyUsd, ((EVENTS * 1024) / GIB) * 0.025);
  });

  it("BigQuery events: 90 days active + 275 days long-term of a day's logical bytes", () => {
    const dailyGB = (100 * 86400 * 1024) / GIB;
    close(line(estimate, "telemetry-events", /active/).monthlyUsd, dailyGB * 90 * 0.02);
    close(line(estimate, "telemetry-events", /long-term/).monthlyUsd, dailyGB * (365 - 90) * 0.01);
  });

  it("ingest function: one request per 100 events, 0.2 s × 1 vCPU × 0.5 GiB", () => {
    const requests = EVENTS / 100;
    close(line(estimate, "telemetry-ingest", /vCPU/).monthlyUsd, requests * 0.2 * 1 * 0.000024);
    close(line(estimate, "telemetry-ingest", /GiB/).monthlyUsd, requests * 0.2 * 0.5 * 0.0000025);
    close(line(estimate, "telemetry-ingest", /^requests/).monthlyUsd, (requests / 1e6) * 0.4);
  });
});

describe("cost inputs", () => {
  it("the price files parse, and every price names a unit, an https source and a date", () => {
    const book = loadPriceBook();
    for (const file of Object.values(book.files)) {
      for (const [key, p] of Object.entries(file.prices)) {
        assert.match(p.source, /^https:\/\//, key);
        assert.ok(p.usd > 0, key);
      }
    }
    assert.equal(book.find("aws/kinesis.provisioned.shardHour")?.unit, "shard-hour");
    assert.throws(() => parsePriceFile(JSON.stringify({ region: "x", currency: "USD", note: "n", prices: { a: { usd: 1, unit: "u", source: "not a url", asOf: "2025-01-01" } } }), "bad.json"), /bad.json: prices.a.source/);
  });

  it("schedule expressions → runs per 730-hour month", () => {
    assert.equal(runsPerMonth("rate(15 minutes)"), (730 * 60) / 15); // 2,920
    assert.equal(runsPerMonth("rate(1 hour)"), 730);
    assert.equal(runsPerMonth("cron(15 * * * ? *)"), 24 * (730 / 24)); // hourly at :15
    assert.equal(runsPerMonth("cron(30 2 * * ? *)"), 730 / 24); // daily
    assert.equal(runsPerMonth("cron(0/10 * * * ? *)"), 6 * 24 * (730 / 24));
    assert.equal(runsPerMonth("every tuesday"), undefined);
  });

  it("Cloud Run memory strings → GiB", () => {
    assert.equal(memoryGiB("512Mi"), 0.5);
    assert.equal(memoryGiB("1Gi"), 1);
    assert.equal(memoryGiB("256M"), 256e6 / 2 ** 30);
  });
});

describe("cost estimate of the stacks", () => {
  for (const stack of availableStacks()) {
    it(`${stack}: every priced line has its unit price in prices/, and the total is positive`, async () => {
      const plan = await stackPlan(stack);
      const estimate = estimateCost(plan, loadPriceBook());
      assert.deepEqual(estimate.notPriced.filter((n) => /no unit price/.test(n.reason)), []);
      assert.ok(estimate.totalMonthlyUsd > 0);
      assert.ok(estimate.components.length >= 3, "priced in several components");
    });
  }

  it("npm run cost -- <unknown stack> exits 2 naming the stacks there are", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/cost.ts", "nosuchstack"], { cwd: join(__dirname, "..", ".."), encoding: "utf8" });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /no Pulumi\.nosuchstack\.yaml; available stacks: .*dev/);
  });
});
