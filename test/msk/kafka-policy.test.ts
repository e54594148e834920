import assert from "node:assert/strict";
import {
  connectSinkKafkaStatements,
  firehoseClusterPolicy,
  firehoseSourceKafkaStatements,
  kafkaArns,
  processorKafkaStatements,
  producerKafkaStatements,
  topicAdminKafkaStatements,
} from "../../components/aws/iam/kafka-policy";

const CLUSTER = "arn:aws:kafka:us-east-1:123456789012:cluster/tlm-dev-kafka/5a1b2c3d-0000-1111-2222-333344445555-1";
const OWN = "arn:aws:kafka:us-east-1:123456789012:";
const TOPICS = { raw: "dev-client-game_event-raw", clean: "dev-client-game_event-clean", deadLetter: "dev-client-game_event-dead-letter" };

/** Every kafka-cluster:* action of every statement targets this cluster's cluster/topic/group ARNs. */
function assertOwnResources(statements: Array<{ Action: string[]; Resource: unknown[] }>): void {
  const uuidPath = "tlm-dev-kafka/5a1b2c3d-0000-1111-2222-333344445555-1";
  for (const s of statements) {
    for (const resource of s.Resource as string[]) {
      assert.notEqual(resource, "*");
      assert.ok(
        resource === CLUSTER || resource.startsWith(`${OWN}topic/${uuidPath}/`) || resource.startsWith(`${OWN}group/${uuidPath}/`),
        `${s.Action.join(",")} on foreign resource ${resource}`,
      );
    }
  }
}

const actionsOn = (statements: Array<{ Action: string[]; Resource: unknown[] }>, resource: string) =>
  statements.filter((s) => (s.Resource as string[]).includes(resource)).flatMap((s) => s.Action).sort();

describe("kafka IAM statements", () => {
  it("derives topic and group ARNs from the cluster ARN", () => {
    const arns = kafkaArns(CLUSTER);
    assert.equal(arns.topic("raw"), "arn:aws:kafka:us-east-1:123456789012:topic/tlm-dev-kafka/5a1b2c3d-0000-1111-2222-333344445555-1/raw");
    assert.equal(arns.group("g"), "arn:aws:kafka:us-east-1:123456789012:group/tlm-dev-kafka/5a1b2c3d-0000-1111-2222-333344445555-1/g");
    assert.throws(() => kafkaArns("arn:aws:kafka:us-east-1:123456789012:topic/x/y/z"), /not an MSK cluster ARN/);
  });

  it("producer: connect + idempotent writes on the cluster, describe + write on raw only", () => {
    const statements = producerKafkaStatements(CLUSTER, TOPICS);
    assertOwnResources(statements);
    assert.deepEqual(actionsOn(statements, CLUSTER), ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"]);
    assert.deepEqual(actionsOn(statements, kafkaArns(CLUSTER).topic(TOPICS.raw)), ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]);
    assert.deepEqual(actionsOn(statements, kafkaArns(CLUSTER).topic(TOPICS.clean)), []);
  });

  it("processor: reads raw as its group, writes clean and dead-letter, never writes raw", () => {
    const statements = processorKafkaStatements(CLUSTER, TOPICS, "tlm-dev-processor");
    assertOwnResources(statements);
    const arns = kafkaArns(CLUSTER);
    assert.deepEqual(actionsOn(statements, arns.topic(TOPICS.raw)), ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]);
    assert.deepEqual(actionsOn(statements, arns.topic(TOPICS.clean)), ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]);
    assert.deepEqual(actionsOn(statements, arns.topic(TOPICS.deadLetter)), ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]);
    assert.deepEqual(actionsOn(statements, arns.group("tlm-dev-processor")), ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]);
  });

  it("topic-admin: manages exactly the three topics", () => {
    const statements = topicAdminKafkaStatements(CLUSTER, TOPICS);
    assertOwnResources(statements);
    const manage = statements.find((s) => s.Action.includes("kafka-cluster:CreateTopic"))!;
    assert.deepEqual(manage.Resource, [TOPICS.raw, TOPICS.clean, TOPICS.deadLetter].map((t) => kafkaArns(CLUSTER).topic(t)));
    assert.ok(!statements.flatMap((s) => s.Action).includes("kafka-cluster:DeleteTopic"));
  });

  it("Firehose and MSK Connect stay inside this cluster's namespaces", () => {
    assertOwnResources(firehoseSourceKafkaStatements(CLUSTER, TOPICS.raw));
    const connect = connectSinkKafkaStatements(CLUSTER, TOPICS.raw, "tlm-dev-raw-s3-sink");
    assertOwnResources(connect);
    assert.ok(connect.some((s) => (s.Resource as string[]).includes(kafkaArns(CLUSTER).group("connect-tlm-dev-raw-s3-sink"))));
  });

  it("the cluster policy lets only the Firehose service of this account create its VPC connection", () => {
    const policy = JSON.parse(firehoseClusterPolicy(CLUSTER, "123456789012"));
    assert.equal(policy.Statement.length, 1);
    const [statement] = policy.Statement;
    assert.deepEqual(statement.Principal, { Service: "firehose.amazonaws.com" });
    assert.equal(statement.Resource, CLUSTER);
    assert.ok(statement.Action.includes("kafka:CreateVpcConnection"));
    assert.deepEqual(statement.Condition, { StringEquals: { "aws:SourceAccount": "123456789012" } });
  });
});
