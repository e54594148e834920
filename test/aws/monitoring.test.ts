/** Alarms watch the planned resources and notify the alert topic; dashboards reference them too. */
import assert from "node:assert/strict";
import { PIPELINE_METRIC_NAMESPACE, PIPELINE_METRICS } from "../../functions/metrics/pipeline-metrics";
import { alarmSpecs, API_4XX_RATE_PERCENT, type AlarmSpec } from "../../components/aws/monitoring/alarm-specs";
import { analyticsDashboardBody, operationsDashboardBody } from "../../components/aws/monitoring/dashboards";
import { ofType, one } from "../support/resources";
import { lightTierPlan } from "../support/stack-plans";
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { fnNamed, streamNamed, T } from "./plan-queries";

const alarmNamed = (resources: PlannedResource[], id: string) => one(resources.filter((r) => r.type === T.alarm && String(r.inputs.name).endsWith(`-${id}`)), T.alarm);

/** Dimensions of the alarm's metric, or of its metric-math input `input`. */
function dims(alarm: PlannedResource, input?: string): Record<string, string> {
  if (!input) return alarm.inputs.dimensions;
  return alarm.inputs.metricQueries.find((q: any) => q.id === input).metric.dimensions;
}

for (const stack of ["dev", "prod"] as const) {
  describe(`aws-native monitoring: ${stack}`, () => {
    const plan = () => lightTierPlan(stack);

    it("every alarm notifies the alert topic on alarm and on recovery", async () => {
      const { resources } = await plan();
      const topic = `arn:aws:sns:us-east-1:123456789012:${one(resources, T.topic).inputs.name}`;
      const alarms = ofType(resources, T.alarm);
      assert.ok(alarms.length >= 14);
      for (const alarm of alarms) {
        assert.deepEqual(alarm.inputs.alarmActions, [topic], alarm.name);
        assert.deepEqual(alarm.inputs.okActions, [topic], alarm.name);
      }
    });

    it("the alert topic has the email subscription from config", async () => {
      const { resources, config } = await plan();
      const subs = ofType(resources, "aws:sns/topicSubscription:TopicSubscription");
      assert.deepEqual(subs.map((s) => [s.inputs.protocol, s.inputs.endpoint]), config.alerts.email ? [["email", config.alerts.email]] : []);
    });

    it("API alarms watch this API and stage: 5XX and 4XX rates (metric math) and p99 integration latency", async () => {
      const { resources, config } = await plan();
      const api = one(resources, "aws:apigateway/restApi:RestApi").inputs.name;
      const stage = one(resources, "aws:apigateway/stage:Stage").inputs.stageName;
      const fiveXx = alarmNamed(resources, "api-5xx-rate");
      assert.deepEqual(dims(fiveXx, "part"), { ApiName: api, Stage: stage });
      assert.equal(fiveXx.inputs.metricQueries.find((q: any) => q.id === "part").metric.metricName, "5XXError");
      assert.equal(fiveXx.inputs.metricQueries.find((q: any) => q.id === "whole").metric.metricName, "Count");
      assert.equal(fiveXx.inputs.threshold, config.alerts.apiErrorRatePercent);
      assert.equal(alarmNamed(resources, "api-4xx-rate").inputs.threshold, API_4XX_RATE_PERCENT);
      const latency = alarmNamed(resources, "api-integration-latency-p99");
      assert.equal(latency.inputs.extendedStatistic, "p99");
      assert.equal(latency.inputs.statistic, undefined);
      assert.deepEqual(dims(latency), { ApiName: api, Stage: stage });
    });

    it("stream and processor alarms watch the raw stream and the processor function", async () => {
      const { resources, config } = await plan();
      const raw = streamNamed(resources, "raw").inputs.name;
      const processor = fnNamed(resources, "-processor").inputs.name;
      assert.deepEqual(dims(alarmNamed(resources, "raw-write-throttled")), { StreamName: raw });
      assert.equal(alarmNamed(resources, "raw-write-throttled").inputs.metricName, "WriteProvisionedThroughputExceeded");
      const age = alarmNamed(resources, "processor-iterator-age");
      assert.deepEqual(dims(age), { FunctionName: processor });
      assert.equal(age.inputs.threshold, config.alerts.iteratorAgeSeconds * 1000, "IteratorAge is in ms");
      for (const id of ["processor-errors", "processor-throttles"]) assert.deepEqual(dims(alarmNamed(resources, id)), { FunctionName: processor });
    });

    it("dead-letter rate: RecordsDeadLetter ÷ RecordsReceived × 100 over the processor's EMF metrics", async () => {
      const { resources, config } = await plan();
      const processor = fnNamed(resources, "-processor").inputs.name;
      const alarm = alarmNamed(resources, "dead-letter-rate");
      const q = (id: string) => alarm.inputs.metricQueries.find((m: any) => m.id === id);
      assert.equal(q("result").expression, "IF(whole > 0, 100 * part / whole, 0)");
      assert.equal(q("part").metric.namespace, PIPELINE_METRIC_NAMESPACE);
      assert.equal(q("part").metric.metricName, PIPELINE_METRICS.deadLetter);
      assert.equal(q("whole").metric.metricName, PIPELINE_METRICS.received);
      assert.deepEqual(q("part").metric.dimensions, { FunctionName: processor });
      assert.equal(alarm.inputs.threshold, config.alerts.deadLetterRatePercent);
    });

    it("freshness per delivery stream, throttles per table, depth of the on-failure queue", async () => {
      const { resources, config } = await plan();
      for (const f of ofType(resources, T.firehose)) {
        const alarm = ofType(resources, T.alarm).find((a) => a.inputs.dimensions?.DeliveryStreamName === f.inputs.name);
        assert.ok(alarm, `freshness alarm for ${f.inputs.name}`);
        assert.equal(alarm!.inputs.metricName, "DeliveryToS3.DataFreshness");
        assert.equal(alarm!.inputs.threshold, config.alerts.freshnessSeconds);
      }
      for (const table of ofType(resources, T.table)) {
        const alarm = ofType(resources, T.alarm).find((a) => a.inputs.metricQueries?.some((q: any) => q.metric?.dimensions?.TableName === table.inputs.name));
        assert.ok(alarm, `throttle alarm for ${table.inputs.name}`);
      }
      const queue = alarmNamed(resources, "processor-failures-not-empty");
      assert.deepEqual(dims(queue), { QueueName: one(resources, T.queue).inputs.name });
      assert.equal(queue.inputs.threshold, 0);
      assert.equal(queue.inputs.comparisonOperator, "GreaterThanThreshold");
    });

    it("two dashboards whose widgets name the planned resources", async () => {
      const { resources } = await plan();
      const boards = ofType(resources, "aws:cloudwatch/dashboard:Dashboard");
      assert.deepEqual(boards.map((b) => b.inputs.dashboardName).sort(), [`tlm-${stack}-analytics`, `tlm-${stack}-streaming-operations`]);
      const ops = JSON.parse(boards.find((b) => b.inputs.dashboardName.endsWith("operations"))!.inputs.dashboardBody);
      const text = JSON.stringify(ops);
      assert.ok(text.includes(streamNamed(resources, "raw").inputs.name));
      assert.ok(text.includes(fnNamed(resources, "-processor").inputs.name));
      for (const w of ops.widgets) assert.ok(w.x + w.width <= 24 && w.properties.region === "us-east-1");
      const analytics = JSON.stringify(JSON.parse(boards.find((b) => b.inputs.dashboardName.endsWith("analytics"))!.inputs.dashboardBody));
      assert.ok(analytics.includes(PIPELINE_METRICS.duplicate) && analytics.includes(one(resources, "aws:athena/workgroup:Workgroup").inputs.name));
    });
  });
}

describe("aws alarm specs (pure)", () => {
  const thresholds = { deadLetterRatePercent: 2, iteratorAgeSeconds: 60, freshnessSeconds: 600, apiErrorRatePercent: 1 };
  const base = {
    streams: [],
    processor: { role: "processor", name: "fn" },
    functions: [],
    deliveryStreams: [],
    tables: [],
    failureQueues: [],
  };

  it("Kafka sources alarm on OffsetLag instead of IteratorAge", () => {
    const ids = alarmSpecs({ ...base, processor: { role: "processor", name: "fn", lagMetric: "OffsetLag", maxOffsetLag: 5000 } }, thresholds).map((s) => s.id);
    assert.ok(ids.includes("processor-offset-lag") && !ids.includes("processor-iterator-age"));
    const lag = alarmSpecs({ ...base, processor: { role: "processor", name: "fn", lagMetric: "OffsetLag", maxOffsetLag: 5000 } }, thresholds).find((s) => s.id === "processor-offset-lag")!;
    assert.equal(lag.threshold, 5000);
  });

  it("no API handle → no API alarms; extra alarms join; repeated ids are refused", () => {
    const specs = alarmSpecs(base, thresholds);
    assert.ok(!specs.some((s) => s.id.startsWith("api-")));
    const extra: AlarmSpec = { ...specs[0], id: "kafka-disk" };
    assert.ok(alarmSpecs(base, thresholds, [extra]).some((s) => s.id === "kafka-disk"));
    assert.throws(() => alarmSpecs(base, thresholds, [{ ...specs[0] }]), /alarm ids repeat: processor-iterator-age/);
  });

  it("dashboards lay widgets out two per row on the 24-column grid", () => {
    const body = operationsDashboardBody({ region: "eu-west-1", ...base, api: { apiName: "a", stageName: "s" }, streams: [{ role: "raw", name: "r" }] });
    body.widgets.forEach((w, i) => {
      assert.equal(w.x, (i % 2) * 12);
      assert.equal(w.y, Math.floor(i / 2) * 6);
    });
    assert.ok(analyticsDashboardBody({ region: "eu-west-1", ...base }).widgets.length >= 3);
  });
});
