import assert from "node:assert/strict";
import { parseTelemetryConfig } from "../../components/config";
import { topicAdminKafkaStatements } from "../../components/aws/iam/kafka-policy";
import { parseServerProperties, serverProperties } from "../../components/aws/msk/server-properties";
import { topicSpecs } from "../../components/aws/msk/topic-plan";
import { deriveMskSizing } from "../../components/aws/msk-sizing";
import { parseTopicAdminRequest } from "../../functions/topic-admin/topic-spec";

const topics = { raw: "p-raw", clean: "p-clean", deadLetter: "p-dead-letter" };
const prod = deriveMskSizing(parseTelemetryConfig({ variant: "aws-msk", load: { peakEventsPerSecond: 100_000, averageEventsPerSecond: 35_000 }, retention: { streamHours: 48 } }));
const dev = deriveMskSizing(parseTelemetryConfig({ variant: "aws-msk", retention: { streamHours: 24 } }));

describe("msk topic plan and broker configuration", () => {
  it("provisioned: replication, insync minimum and retention on every topic", () => {
    const specs = topicSpecs(topics, prod);
    assert.deepEqual(specs.map((s) => [s.name, s.partitions, s.replicationFactor]), [
      ["p-raw", prod.partitions.raw, 3],
      ["p-clean", prod.partitions.clean, 3],
      ["p-dead-letter", prod.partitions.deadLetter, 3],
    ]);
    for (const spec of specs) assert.deepEqual(spec.config, { "retention.ms": String(48 * 60 * 60 * 1000), "cleanup.policy": "delete", "min.insync.replicas": "2" });
    // what Pulumi sends is what topic-admin accepts
    assert.equal(parseTopicAdminRequest({ clusterArn: "arn:aws:kafka:us-east-1:123456789012:cluster/c/u-1", topics: specs }).topics.length, 3);
  });

  it("serverless: neither replication nor min.insync.replicas (MSK Serverless fixes both)", () => {
    for (const spec of topicSpecs(topics, dev)) {
      assert.equal(spec.replicationFactor, undefined);
      assert.equal(spec.config["min.insync.replicas"], undefined);
      assert.equal(spec.config["retention.ms"], String(24 * 3_600_000));
    }
  });

  it("heavy tier: a deduped topic sized like clean, and topic-admin may manage it", () => {
    const specs = topicSpecs({ ...topics, deduped: "p-deduped" }, prod);
    assert.deepEqual(specs[3], { ...specs[1], name: "p-deduped" });
    const cluster = "arn:aws:kafka:us-east-1:123456789012:cluster/c/u-1";
    const manage = topicAdminKafkaStatements(cluster, { ...topics, deduped: "p-deduped" }).find((s) => s.Action.includes("kafka-cluster:CreateTopic"))!;
    assert.equal(manage.Resource.length, 4);
    assert.ok((manage.Resource as string[]).includes("arn:aws:kafka:us-east-1:123456789012:topic/c/u-1/p-deduped"));
  });

  it("broker configuration: no auto-created topics, no unclean elections, replication from sizing", () => {
    const props = parseServerProperties(serverProperties(prod));
    assert.equal(props["auto.create.topics.enable"], "false");
    assert.equal(props["unclean.leader.election.enable"], "false");
    assert.equal(props["default.replication.factor"], "3");
    assert.equal(props["min.insync.replicas"], "2");
    assert.equal(props["log.retention.hours"], "48");
    const two = parseServerProperties(serverProperties({ ...prod, replicationFactor: 2, minInsyncReplicas: 1 }));
    assert.equal(two["default.replication.factor"], "2");
    assert.equal(two["min.insync.replicas"], "1");
  });
});
