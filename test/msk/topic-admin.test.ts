import assert from "node:assert/strict";
import { GetBootstrapBrokersCommand, KafkaClient } from "@aws-sdk/client-kafka";
import { mockClient } from "aws-sdk-client-mock";
import { createTopicAdminHandler } from "../../functions/topic-admin/handler";
import { PartitionShrinkError, reconcileTopics, TOPIC_RESOURCE_TYPE, type TopicAdminPort } from "../../functions/topic-admin/reconcile-topics";
import { parseTopicAdminRequest, type TopicAdminRequest } from "../../functions/topic-admin/topic-spec";

const CLUSTER = "arn:aws:kafka:us-east-1:123456789012:cluster/tlm-dev-kafka/5a1b2c3d-1";

/** An in-memory cluster behind the kafkajs Admin methods topic-admin uses; records every call. */
class FakeAdmin implements TopicAdminPort {
  calls: string[] = [];
  configs = new Map<string, Record<string, string>>();
  connected = false;
  constructor(public topics = new Map<string, { partitions: number; replicas: number }>()) {}
  async connect() {
    this.connected = true;
  }
  async disconnect() {
    this.connected = false;
  }
  async listTopics() {
    this.calls.push("listTopics");
    return [...this.topics.keys(), "__consumer_offsets"];
  }
  async fetchTopicMetadata({ topics }: { topics: string[] }) {
    this.calls.push(`fetchTopicMetadata:${topics.join(",")}`);
    return {
      topics: topics.map((name) => {
        const t = this.topics.get(name)!;
        return { name, partitions: Array.from({ length: t.partitions }, (_, partitionId) => ({ partitionId, replicas: Array.from({ length: t.replicas }, (_, r) => r + 1) })) };
      }),
    };
  }
  async createTopics({ topics }: Parameters<TopicAdminPort["createTopics"]>[0]) {
    this.calls.push(`createTopics:${topics.map((t) => t.topic).join(",")}`);
    for (const t of topics) {
      this.topics.set(t.topic, { partitions: t.numPartitions, replicas: t.replicationFactor ?? 3 });
      this.configs.set(t.topic, Object.fromEntries(t.configEntries.map((e) => [e.name, e.value])));
    }
    return true;
  }
  async createPartitions({ topicPartitions }: Parameters<TopicAdminPort["createPartitions"]>[0]) {
    this.calls.push(`createPartitions:${topicPartitions.map((t) => `${t.topic}=${t.count}`).join(",")}`);
    for (const t of topicPartitions) this.topics.get(t.topic)!.partitions = t.count;
    return true;
  }
  async alterConfigs({ resources }: Parameters<TopicAdminPort["alterConfigs"]>[0]) {
    this.calls.push(`alterConfigs:${resources.map((r) => r.name).join(",")}`);
    for (const r of resources) {
      assert.equal(r.type, TOPIC_RESOURCE_TYPE);
      this.configs.set(r.name, Object.fromEntries(r.configEntries.map((e) => [e.name, e.value])));
    }
    return {};
  }
}

const retention = { "retention.ms": String(24 * 3_600_000), "cleanup.policy": "delete", "min.insync.replicas": "2" };
function request(partitions: { raw: number; clean: number; dl: number }): TopicAdminRequest {
  return {
    clusterArn: CLUSTER,
    topics: [
      { name: "raw", partitions: partitions.raw, replicationFactor: 3, config: retention },
      { name: "clean", partitions: partitions.clean, replicationFactor: 3, config: retention },
      { name: "dead-letter", partitions: partitions.dl, replicationFactor: 3, config: retention },
    ],
  };
}

describe("topic-admin reconcile", () => {
  it("creates missing topics with partitions, replication and config", async () => {
    const admin = new FakeAdmin();
    const result = await reconcileTopics(admin, request({ raw: 6, clean: 6, dl: 3 }));
    assert.deepEqual(result.created, ["raw", "clean", "dead-letter"]);
    assert.deepEqual(admin.topics.get("raw"), { partitions: 6, replicas: 3 });
    assert.deepEqual(admin.topics.get("dead-letter"), { partitions: 3, replicas: 3 });
    assert.deepEqual(admin.configs.get("clean"), retention);
  });

  it("is idempotent: a second run creates nothing and grows nothing", async () => {
    const admin = new FakeAdmin();
    await reconcileTopics(admin, request({ raw: 6, clean: 6, dl: 3 }));
    admin.calls = [];
    const again = await reconcileTopics(admin, request({ raw: 6, clean: 6, dl: 3 }));
    assert.deepEqual(again.created, []);
    assert.deepEqual(again.grown, []);
    assert.deepEqual(again.unchanged, ["raw", "clean", "dead-letter"]);
    assert.ok(!admin.calls.some((c) => c.startsWith("createTopics") || c.startsWith("createPartitions")));
  });

  it("grows partitions and re-applies config (retention change) on existing topics", async () => {
    const admin = new FakeAdmin(new Map([["raw", { partitions: 6, replicas: 3 }], ["clean", { partitions: 6, replicas: 3 }], ["dead-letter", { partitions: 3, replicas: 3 }]]));
    const longer = request({ raw: 12, clean: 6, dl: 3 });
    for (const t of longer.topics) t.config = { ...t.config, "retention.ms": String(168 * 3_600_000) };
    const result = await reconcileTopics(admin, longer);
    assert.deepEqual(result.grown, [{ topic: "raw", from: 6, to: 12 }]);
    assert.equal(admin.topics.get("raw")!.partitions, 12);
    assert.equal(admin.configs.get("dead-letter")!["retention.ms"], String(168 * 3_600_000));
  });

  it("refuses to shrink, before changing anything, with a message naming topic, counts and the config key", async () => {
    const admin = new FakeAdmin(new Map([["raw", { partitions: 12, replicas: 3 }]]));
    await assert.rejects(reconcileTopics(admin, request({ raw: 6, clean: 6, dl: 3 })), (e: Error) => {
      assert.ok(e instanceof PartitionShrinkError);
      assert.match(e.message, /topic "raw" has 12 partitions and the specification asks for 6/);
      assert.match(e.message, /telemetry:msk\.partitions to at least 12/);
      return true;
    });
    // clean / dead-letter were missing but must not have been created by a refused run
    assert.ok(!admin.calls.some((c) => c.startsWith("createTopics")));
    assert.equal(admin.topics.get("raw")!.partitions, 12);
  });

  it("reports a replication mismatch instead of silently ignoring it", async () => {
    const admin = new FakeAdmin(new Map([["raw", { partitions: 6, replicas: 2 }]]));
    const result = await reconcileTopics(admin, request({ raw: 6, clean: 6, dl: 3 }));
    assert.match(result.warnings.join("\n"), /"raw" keeps replication 2; the specification asks for 3/);
  });
});

describe("topic-admin request validation", () => {
  it("accepts the spec and rejects bad names, partitions and cluster ARNs with the field named", () => {
    assert.equal(parseTopicAdminRequest(request({ raw: 1, clean: 1, dl: 1 })).topics.length, 3);
    assert.throws(() => parseTopicAdminRequest({ clusterArn: "nope", topics: [] }), /clusterArn = "nope"/);
    assert.throws(() => parseTopicAdminRequest({ clusterArn: CLUSTER, topics: [{ name: "a b", partitions: 1, config: {} }] }), /topics\[0\]\.name = "a b"/);
    assert.throws(() => parseTopicAdminRequest({ clusterArn: CLUSTER, topics: [{ name: "a", partitions: 0, config: {} }] }), /topics\[0\]\.partitions = 0/);
    assert.throws(
      () => parseTopicAdminRequest({ clusterArn: CLUSTER, topics: [{ name: "a", partitions: 1, config: {} }, { name: "a", partitions: 1, config: {} }] }),
      /appears twice/,
    );
  });
});

describe("topic-admin handler", () => {
  const kafka = mockClient(KafkaClient);
  afterEach(() => kafka.reset());

  it("finds the IAM brokers with GetBootstrapBrokers, reconciles, and disconnects", async () => {
    kafka.on(GetBootstrapBrokersCommand, { ClusterArn: CLUSTER }).resolves({ BootstrapBrokerStringSaslIam: "b-1.x:9098,b-2.x:9098" });
    const admin = new FakeAdmin();
    let brokersSeen: string[] = [];
    const lines: string[] = [];
    const handler = createTopicAdminHandler({
      region: "us-east-1",
      control: new KafkaClient({ region: "us-east-1" }),
      admin: (brokers) => {
        brokersSeen = brokers;
        return admin;
      },
      log: (line) => lines.push(line),
    });
    const result = await handler(request({ raw: 2, clean: 2, dl: 2 }));
    assert.deepEqual(brokersSeen, ["b-1.x:9098", "b-2.x:9098"]);
    assert.deepEqual(result.created, ["raw", "clean", "dead-letter"]);
    assert.equal(admin.connected, false);
    assert.equal(kafka.commandCalls(GetBootstrapBrokersCommand).length, 1);
    assert.match(lines[0], /"component":"topic-admin"/);
  });

  it("fails clearly when the cluster has no IAM listener, and disconnects after a failed reconcile", async () => {
    kafka.on(GetBootstrapBrokersCommand).resolves({ BootstrapBrokerStringTls: "b-1.x:9094" });
    const handler = createTopicAdminHandler({ region: "us-east-1", control: new KafkaClient({ region: "us-east-1" }), admin: () => new FakeAdmin(), log: () => {} });
    await assert.rejects(handler(request({ raw: 1, clean: 1, dl: 1 })), /no IAM bootstrap brokers \(is SASL\/IAM client authentication enabled\?\)/);

    kafka.reset();
    kafka.on(GetBootstrapBrokersCommand).resolves({ BootstrapBrokerStringSaslIam: "b-1.x:9098" });
    const shrinking = new FakeAdmin(new Map([["raw", { partitions: 9, replicas: 3 }]]));
    shrinking.connected = true;
    const failing = createTopicAdminHandler({ region: "us-east-1", control: new KafkaClient({ region: "us-east-1" }), admin: () => shrinking, log: () => {} });
    await assert.rejects(failing(request({ raw: 3, clean: 3, dl: 3 })), PartitionShrinkError);
    assert.equal(shrinking.connected, false);
  });
});
