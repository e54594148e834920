import assert from "node:assert/strict";
import { join } from "node:path";
import { kafkaArns } from "../../components/aws/iam/kafka-policy";
import { parseServerProperties } from "../../components/aws/msk/server-properties";
import { deriveMskSizing } from "../../components/aws/msk-sizing";
import { KAFKA_IAM_TLS_PORT } from "../../components/aws/network-plan";
import { mockResourceState } from "../../scripts/plan/mock-state";
import type { PlannedResource } from "../../scripts/plan/run-under-mocks";
import { ofType, one, policyDocument } from "../support/resources";
import { stackPlan } from "../support/stack-plans";

const MSK = ["telemetry:variant=aws-msk"];

/** dev (light, serverless), prod as its stack file says (heavy, provisioned), and prod on the light tier. */
const CASES = [
  { label: "dev", stack: "dev", sets: MSK },
  { label: "prod", stack: "prod", sets: MSK },
  { label: "prod, light tier", stack: "prod", sets: [...MSK, "telemetry:tier=light"] },
] as const;

/** Every IAM statement in the plan (inline role policies), with its role's logical name. */
function statements(resources: PlannedResource[]): Array<{ role: string; Action: string[]; Resource: string[] }> {
  return ofType(resources, "aws:iam/rolePolicy:RolePolicy").flatMap((policy) =>
    policyDocument(policy).Statement.map((s) => ({
      role: policy.name,
      Action: ([] as string[]).concat(s.Action),
      Resource: ([] as string[]).concat(s.Resource ?? []),
    })),
  );
}

for (const { label, stack, sets } of CASES) {
  describe(`aws-msk graph (${label})`, function () {
    this.timeout(120_000);
    let resources: PlannedResource[];
    let sizing: ReturnType<typeof deriveMskSizing>;
    let clusterArn: string;
    let config: Awaited<ReturnType<typeof stackPlan>>["config"];

    before(async () => {
      const plan = await stackPlan(stack, [...sets]);
      resources = plan.resources;
      config = plan.config;
      sizing = deriveMskSizing(plan.config);
      const cluster = ofType(resources, sizing.clusterType === "provisioned" ? "aws:msk/cluster:Cluster" : "aws:msk/serverlessCluster:ServerlessCluster");
      assert.equal(cluster.length, 1);
      // The cluster's ARN as the mocks report it, read back from the role that names it.
      const bootstrap = statements(resources).find((s) => s.Action.includes("kafka:GetBootstrapBrokers"))!;
      clusterArn = bootstrap.Resource[0];
      assert.match(clusterArn, /^arn:aws:kafka:us-east-1:123456789012:cluster\/[A-Za-z0-9-]+\/[A-Za-z0-9-]+$/);
    });

    it("sizes the cluster from load: serverless in dev, provisioned in prod", () => {
      if (stack === "dev") {
        assert.equal(sizing.clusterType, "serverless");
        const serverless = one(resources, "aws:msk/serverlessCluster:ServerlessCluster");
        assert.equal(serverless.inputs.clientAuthentication.sasl.iam.enabled, true);
        assert.equal(ofType(resources, "aws:msk/cluster:Cluster").length, 0);
        return;
      }
      const cluster = one(resources, "aws:msk/cluster:Cluster");
      assert.equal(cluster.inputs.numberOfBrokerNodes, sizing.provisioned!.brokers);
      assert.equal(cluster.inputs.brokerNodeGroupInfo.instanceType, sizing.provisioned!.instanceType);
      assert.equal(cluster.inputs.brokerNodeGroupInfo.storageInfo.ebsStorageInfo.volumeSize, sizing.provisioned!.storageGiB);
      assert.deepEqual(cluster.inputs.clientAuthentication, { sasl: { iam: true }, unauthenticated: false });
      assert.deepEqual(cluster.inputs.encryptionInfo.encryptionInTransit, { clientBroker: "TLS", inCluster: true });
      const key = one(resources, "aws:kms/key:Key");
      assert.equal(cluster.inputs.encryptionInfo.encryptionAtRestKmsKeyArn, mockResourceState(key.type, key.name, key.inputs).state.arn);
      assert.equal(cluster.inputs.enhancedMonitoring, "PER_TOPIC_PER_BROKER");
      const logGroup = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => String(g.inputs.name).startsWith("/aws/msk/"))!;
      assert.deepEqual(cluster.inputs.loggingInfo.brokerLogs.cloudwatchLogs, { enabled: true, logGroup: logGroup.inputs.name });
      assert.equal(logGroup.inputs.retentionInDays, config.retention.logDays);
      const properties = parseServerProperties(one(resources, "aws:msk/configuration:Configuration").inputs.serverProperties);
      assert.equal(properties["auto.create.topics.enable"], "false");
      assert.equal(properties["min.insync.replicas"], "2");
      assert.equal(properties["default.replication.factor"], "3");
      // Firehose's private connectivity: multi-VPC IAM connectivity and a cluster policy for firehose.amazonaws.com
      assert.equal(cluster.inputs.brokerNodeGroupInfo.connectivityInfo.vpcConnectivity.clientAuthentication.sasl.iam, true);
      const policy = JSON.parse(one(resources, "aws:msk/clusterPolicy:ClusterPolicy").inputs.policy);
      assert.deepEqual(policy.Statement[0].Principal, { Service: "firehose.amazonaws.com" });
    });

    it("places private subnets in distinct AZs, one per AZ, and the brokers in them", () => {
      const subnets = ofType(resources, "aws:ec2/subnet:Subnet");
      assert.equal(subnets.length, sizing.availabilityZones);
      const zones = subnets.map((s) => s.inputs.availabilityZone);
      assert.equal(new Set(zones).size, zones.length);
      assert.ok(zones.every((z) => /^us-east-1[a-d]$/.test(z)));
      assert.equal(ofType(resources, "aws:ec2/natGateway:NatGateway").length, 0, "no NAT unless msk.natGateway");
      const vpc = one(resources, "aws:ec2/vpc:Vpc");
      assert.equal(vpc.inputs.cidrBlock, config.msk.vpcCidr);
      assert.equal(vpc.inputs.enableDnsHostnames, true);
    });

    it("opens 9098 only from the pipeline's own security groups, into the brokers group", () => {
      const network = one(resources, "telemetry:aws:Network", "telemetry-network");
      const groups = ofType(resources, "aws:ec2/securityGroup:SecurityGroup").filter((g) => g.parent === network.urn);
      assert.deepEqual(groups.map((g) => g.name.split("-").pop()).sort(), ["brokers", "connect", "endpoints", "functions"]);
      const groupIds = new Set(groups.map((g) => mockResourceState(g.type, g.name, g.inputs).id));
      const ingress = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.parent === network.urn);
      assert.ok(ingress.length > 0);
      for (const rule of ingress) {
        assert.equal(rule.inputs.cidrIpv4, undefined, `${rule.name} opens ingress to a CIDR`);
        assert.ok(groupIds.has(rule.inputs.referencedSecurityGroupId), `${rule.name}: source ${rule.inputs.referencedSecurityGroupId} is not one of the pipeline's groups`);
      }
      const kafka = ingress.filter((r) => r.inputs.fromPort === KAFKA_IAM_TLS_PORT);
      const brokersGroupIds = new Set(kafka.map((r) => r.inputs.securityGroupId));
      assert.equal(brokersGroupIds.size, 1, "9098 is opened on one group: the brokers'");
      assert.equal(new Set(kafka.map((r) => r.inputs.referencedSecurityGroupId)).size, 3);
      const serverless = ofType(resources, "aws:msk/serverlessCluster:ServerlessCluster")[0];
      const provisioned = ofType(resources, "aws:msk/cluster:Cluster")[0];
      const clusterGroups: string[] = serverless ? serverless.inputs.vpcConfigs[0].securityGroupIds : provisioned.inputs.brokerNodeGroupInfo.securityGroups;
      assert.deepEqual(clusterGroups, [...brokersGroupIds]);
    });

    it("has VPC endpoints for every AWS API called from the subnets and flow logs with retention", () => {
      const services = ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => e.inputs.serviceName).sort();
      assert.deepEqual(services, ["dynamodb", "kafka", "lambda", "s3", "sts"].map((s) => `com.amazonaws.us-east-1.${s}`));
      const flowLog = one(resources, "aws:ec2/flowLog:FlowLog");
      assert.equal(flowLog.inputs.trafficType, "ALL");
      const group = ofType(resources, "aws:cloudwatch/logGroup:LogGroup").find((g) => String(g.inputs.name).startsWith("/aws/vpc/flow-logs/"))!;
      assert.equal(flowLog.inputs.logDestination, `arn:aws:logs:us-east-1:123456789012:log-group:${group.inputs.name}`);
      assert.equal(group.inputs.retentionInDays, config.retention.logDays);
    });

    it("creates the three topics through topic-admin with partitions from sizing and retention from config", () => {
      const invocation = one(resources, "aws:lambda/invocation:Invocation");
      const input = JSON.parse(invocation.inputs.input);
      assert.equal(input.clusterArn, clusterArn);
      assert.deepEqual(
        input.topics.map((t: { name: string; partitions: number }) => [t.name, t.partitions]),
        [
          [`${stack}-client-game_event-raw`, sizing.partitions.raw],
          [`${stack}-client-game_event-clean`, sizing.partitions.clean],
          [`${stack}-client-game_event-dead-letter`, sizing.partitions.deadLetter],
          // the heavy tier's Flink job also writes a deduplicated stream
          ...(config.tier === "heavy" ? [[`${stack}-client-game_event-deduped`, sizing.partitions.clean]] : []),
        ],
      );
      for (const topic of input.topics) assert.equal(topic.config["retention.ms"], String(config.retention.streamHours * 3_600_000));
      const admin = ofType(resources, "aws:lambda/function:Function").find((f) => f.inputs.name === invocation.inputs.functionName)!;
      assert.ok(admin, "the invocation calls the topic-admin function");
      assert.equal(admin.inputs.vpcConfig.subnetIds.length, sizing.availabilityZones);
    });

    it("plugs the producer Lambda into the same API as a proxy integration, writing to raw with the cluster's IAM brokers", () => {
      const producer = ofType(resources, "aws:lambda/function:Function").find((f) => String(f.inputs.name).endsWith("msk-producer"))!;
      assert.equal(producer.inputs.environment.variables.RAW_TOPIC, `${stack}-client-game_event-raw`);
      assert.match(producer.inputs.environment.variables.BOOTSTRAP_BROKERS, /:9098/);
      const integrations = ofType(resources, "aws:apigateway/integration:Integration");
      assert.ok(integrations.length > 0);
      for (const integration of integrations) {
        assert.equal(integration.inputs.type, "AWS_PROXY");
        assert.match(integration.inputs.uri, new RegExp(`function:${producer.inputs.name}/invocations$`));
      }
      assert.ok(ofType(resources, "aws:apigateway/authorizer:Authorizer").length >= 1, "the API-key authorizer stays");
    });

    it("consumes raw through an MSK event-source mapping (light tier) and delivers raw, dead-letter and clean with Firehose-from-MSK", () => {
      const mappings = ofType(resources, "aws:lambda/eventSourceMapping:EventSourceMapping");
      if (config.tier === "heavy") assert.equal(mappings.length, 0, "Managed Flink replaces the processor");
      const mapping = config.tier === "heavy" ? undefined : one(resources, "aws:lambda/eventSourceMapping:EventSourceMapping");
      if (mapping) {
      assert.equal(mapping.inputs.eventSourceArn, clusterArn);
      assert.deepEqual(mapping.inputs.topics, [`${stack}-client-game_event-raw`]);
      assert.ok(mapping.inputs.amazonManagedKafkaEventSourceConfig.consumerGroupId);
      if (sizing.clusterType === "provisioned") {
        assert.deepEqual(mapping.inputs.provisionedPollerConfig, { minimumPollers: sizing.pollers.minimum, maximumPollers: sizing.pollers.maximum });
      }
      }
      const deliveries = ofType(resources, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream").filter((d) => d.inputs.mskSourceConfiguration);
      assert.deepEqual(
        deliveries.map((d) => d.inputs.mskSourceConfiguration.topicName).sort(),
        ["clean", "dead-letter", "raw"].map((c) => `${stack}-client-game_event-${c}`).sort(),
      );
      for (const d of deliveries) {
        assert.equal(d.inputs.mskSourceConfiguration.mskClusterArn, clusterArn);
        assert.equal(d.inputs.mskSourceConfiguration.authenticationConfiguration.connectivity, "PRIVATE");
        assert.equal(d.inputs.kinesisSourceConfiguration, undefined);
      }
    });

    it("runs the MSK processor deployable in the VPC (light tier), writing to the clean and dead-letter topics", async function () {
      if (config.tier === "heavy") {
        assert.ok(!ofType(resources, "aws:lambda/function:Function").some((f) => String(f.inputs.name).endsWith("msk-processor")));
        return;
      }
      const processor = ofType(resources, "aws:lambda/function:Function").find((f) => String(f.inputs.name).endsWith("msk-processor"))!;
      assert.ok((await processor.inputs.code.path).endsWith(join("dist", "functions", "processor-msk")));
      assert.equal(processor.inputs.vpcConfig.subnetIds.length, sizing.availabilityZones);
      const vars = processor.inputs.environment.variables;
      assert.equal(vars.CLEAN_STREAM, `${stack}-client-game_event-clean`);
      assert.equal(vars.DEAD_LETTER_STREAM, `${stack}-client-game_event-dead-letter`);
      assert.match(vars.BOOTSTRAP_BROKERS, /:9098/);
      assert.equal(vars.DEDUP_TABLE, `tlm-${stack}-dedup`);
    });

    it("has no Kinesis stream at all", () => {
      assert.deepEqual(ofType(resources, "aws:kinesis/stream:Stream"), []);
    });

    it("scopes every kafka-cluster action to this cluster's own cluster, topic and group ARNs", () => {
      const arns = kafkaArns(clusterArn);
      const ownTopic = arns.topic("");
      const ownGroup = arns.group("");
      const kafka = statements(resources).filter((s) => s.Action.some((a) => a.startsWith("kafka-cluster:") || a.startsWith("kafka:")));
      assert.ok(kafka.length >= 4, "producer, topic-admin, processor and Firehose roles");
      for (const s of kafka) {
        assert.ok(!s.Action.includes("kafka-cluster:*"), `${s.role} grants kafka-cluster:*`);
        for (const resource of s.Resource) {
          assert.ok(resource === clusterArn || resource.startsWith(ownTopic) || resource.startsWith(ownGroup), `${s.role}: ${s.Action.join(",")} on ${resource}`);
        }
      }
      const writes = (s: { Resource: string[] }) => s.Resource.map((r) => r.slice(ownTopic.length));
      const writers = kafka.filter((s) => s.Action.includes("kafka-cluster:WriteData"));
      const producerWrites = writers.filter((s) => s.role.endsWith("producer-function-role-policy")).flatMap(writes);
      assert.deepEqual(producerWrites, [`${stack}-client-game_event-raw`]);
      // nothing but the producer writes raw
      assert.deepEqual(writers.filter((s) => writes(s).includes(`${stack}-client-game_event-raw`)).map((s) => s.role), ["telemetry-producer-function-role-policy"]);
      if (config.tier === "light") {
        const processorWrites = writers.filter((s) => s.role.endsWith("msk-processing-processor-role-policy")).flatMap(writes).sort();
        assert.deepEqual(processorWrites, [`${stack}-client-game_event-clean`, `${stack}-client-game_event-dead-letter`]);
      }
    });

    it("alarms on consumer lag, and on broker disk and CPU for a provisioned cluster", () => {
      const alarms = ofType(resources, "aws:cloudwatch/metricAlarm:MetricAlarm");
      const kafkaMetric = (name: string) => alarms.filter((a) => a.inputs.metricName === name || (a.inputs.metricQueries ?? []).some((q: any) => q.metric?.metricName === name));
      assert.equal(kafkaMetric("SumOffsetLag").length, 1);
      assert.equal(kafkaMetric("MaxOffsetLag").length, 1);
      const sum = kafkaMetric("SumOffsetLag")[0];
      // threshold = peak events/s × iteratorAgeSeconds
      assert.equal(sum.inputs.threshold, config.load.peakEventsPerSecond * config.alerts.iteratorAgeSeconds);
      const brokers = sizing.provisioned?.brokers ?? 0;
      assert.equal(kafkaMetric("KafkaDataLogsDiskUsed").length, brokers);
      assert.equal(kafkaMetric("CpuUser").length, brokers);
      for (const alarm of [...kafkaMetric("SumOffsetLag"), ...kafkaMetric("KafkaDataLogsDiskUsed")]) assert.equal(alarm.inputs.alarmActions.length, 1);
    });
  });
}
