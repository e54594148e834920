/** The gcp-kafka variant of stack gcp-dev planned under mocks: cluster, seed 003 topics, template, IAM. */
import assert from "node:assert/strict";
import { deriveGcpSizing } from "../../components/gcp/gcp-sizing";
import { MOCK_GCP_PROJECT } from "../../scripts/plan/mock-state";
import { one, ofType } from "../support/resources";
import { stackPlan } from "../support/stack-plans";
import { grantsByMember, LABELLED_TYPES, secretValue } from "./graph-helpers";

const KAFKA = ["telemetry:variant=gcp-kafka"];
const plan = () => stackPlan("gcp-dev", KAFKA);
const DATASET = "telemetry_gcp_dev";
const GiB = 1024 ** 3;
const BOOTSTRAP = `bootstrap.tlm-gcp-dev-kafka.us-central1.managedkafka.${MOCK_GCP_PROJECT}.cloud.goog:9092`;

describe("gcp-kafka graph (stack gcp-dev, telemetry:variant=gcp-kafka)", () => {
  it("replaces Pub/Sub with a Managed Kafka cluster in its own subnet, keeping lake, warehouse, function, job and alerts", async () => {
    const { resources } = await plan();
    const count = (type: string) => ofType(resources, type).length;
    assert.equal(count("gcp:pubsub/topic:Topic"), 0);
    assert.equal(count("gcp:pubsub/subscription:Subscription"), 0);
    assert.equal(count("gcp:managedkafka/cluster:Cluster"), 1);
    assert.equal(count("gcp:managedkafka/topic:Topic"), 3);
    assert.equal(count("gcp:compute/subnetwork:Subnetwork"), 1);
    assert.equal(count("gcp:storage/bucket:Bucket"), 5);
    assert.equal(count("gcp:bigquery/table:Table"), 5);
    assert.equal(count("gcp:bigquery/dataTransferConfig:DataTransferConfig"), 6);
    // The BigQuery job plus the raw archive job (gcp-kafka-raw-archive.test.ts).
    assert.equal(count("gcp:dataflow/flexTemplateJob:FlexTemplateJob"), 2);
    assert.equal(count("gcp:monitoring/alertPolicy:AlertPolicy"), 5);
  });

  it("sizes the cluster from load (500 events/s: 3 vCPUs, 12 GiB) and attaches it to the subnet", async () => {
    const { resources } = await plan();
    const cluster = one(resources, "gcp:managedkafka/cluster:Cluster").inputs;
    // 500 × 1,024 B = 0.49 MiB/s → ⌈0.49 / 10 × 1.5⌉ = 1 → minimum 3 vCPUs; 3 × 4 GiB
    assert.deepEqual(cluster.capacityConfig, { vcpuCount: "3", memoryBytes: String(3 * 4 * GiB) });
    const subnet = one(resources, "gcp:compute/subnetwork:Subnetwork").inputs;
    assert.equal(subnet.ipCidrRange, "10.40.0.0/20");
    assert.equal(subnet.privateIpGoogleAccess, true);
    // The subnet admits Kafka (9092) and Dataflow worker traffic from inside itself only.
    const firewall = one(resources, "gcp:compute/firewall:Firewall").inputs;
    assert.deepEqual(firewall.sourceRanges, ["10.40.0.0/20"]);
    assert.deepEqual(firewall.allows, [{ protocol: "tcp", ports: ["12345-12346", "9092"] }]);
    assert.deepEqual(cluster.gcpConfig.accessConfig.networkConfigs, [{ subnet: `projects/${MOCK_GCP_PROJECT}/regions/us-central1/subnetworks/${subnet.name}` }]);
  });

  it("creates seed 003's topics: raw and enriched with the derived partitions, dlq an eighth; 7 / 3 / 30 days", async () => {
    const { resources } = await plan();
    const topic = (id: string) => ofType(resources, "gcp:managedkafka/topic:Topic").find((t) => t.inputs.topicId === id)!.inputs;
    const day = 86_400_000;
    // 0.49 MiB/s → ⌈0.49 / 2⌉ = 1 → minimum 4 partitions; dlq ⌈4 / 8⌉ = 1
    assert.deepEqual([topic("game-events-raw").partitionCount, topic("game-events-raw").configs["retention.ms"]], [4, String(7 * day)]);
    assert.deepEqual([topic("game-events-enriched").partitionCount, topic("game-events-enriched").configs["retention.ms"]], [4, String(3 * day)]);
    assert.deepEqual([topic("game-events-dlq").partitionCount, topic("game-events-dlq").configs["retention.ms"]], [1, String(30 * day)]);
    for (const id of ["game-events-raw", "game-events-enriched", "game-events-dlq"]) {
      assert.equal(topic(id).replicationFactor, 3);
      assert.equal(topic(id).cluster, "tlm-gcp-dev-kafka");
    }
  });

  it("takes the partition override from telemetry:gcp.kafkaPartitions", async () => {
    const { resources } = await stackPlan("gcp-dev", [...KAFKA, 'telemetry:gcp={"kafkaPartitions":64}']);
    const partitions = Object.fromEntries(ofType(resources, "gcp:managedkafka/topic:Topic").map((t) => [t.inputs.topicId, t.inputs.partitionCount]));
    assert.deepEqual(partitions, { "game-events-raw": 64, "game-events-enriched": 64, "game-events-dlq": 8 });
  });

  it("runs Kafka_to_BigQuery_Flex on game-events-raw with Google credentials, project:dataset.table ids and the UDF, inside the subnet", async () => {
    const { resources, config } = await plan();
    const job = one(resources, "gcp:dataflow/flexTemplateJob:FlexTemplateJob", "-dataflow-job").inputs;
    const artifacts = one(resources, "gcp:storage/bucket:Bucket", "-artifacts").inputs.name;
    const udf = one(resources, "gcp:storage/bucketObject:BucketObject", "-udf").inputs;
    assert.equal(job.containerSpecGcsPath, "gs://dataflow-templates-us-central1/latest/flex/Kafka_to_BigQuery_Flex");
    assert.equal(job.parameters.readBootstrapServerAndTopic, `${BOOTSTRAP};game-events-raw`);
    assert.equal(job.parameters.kafkaReadAuthenticationMode, "APPLICATION_DEFAULT_CREDENTIALS");
    assert.equal(job.parameters.messageFormat, "JSON");
    assert.equal(job.parameters.useBigQueryDLQ, "true");
    assert.equal(job.parameters.outputTableSpec, `${MOCK_GCP_PROJECT}:${DATASET}.events_landing`);
    assert.equal(job.parameters.outputDeadletterTable, `${MOCK_GCP_PROJECT}:${DATASET}.events_dead_letter`);
    assert.equal(job.parameters.javascriptTextTransformGcsPath, `gs://${artifacts}/${udf.name}`);
    assert.ok(secretValue(udf.content).includes('"kind":"kafka","topic":"game-events-raw"'));
    assert.equal(job.subnetwork, `https://www.googleapis.com/compute/v1/projects/${MOCK_GCP_PROJECT}/regions/us-central1/subnetworks/tlm-gcp-dev-subnet`);
    assert.equal(job.ipConfiguration, "WORKER_IP_PRIVATE");
    assert.equal(job.maxWorkers, deriveGcpSizing(config).dataflow.maxWorkers);
  });

  it("the ingest function produces to Kafka over direct VPC egress into the cluster's subnet", async () => {
    const { resources } = await plan();
    const fn = one(resources, "gcp:cloudfunctionsv2/function:Function").inputs;
    const network = one(resources, "gcp:compute/network:Network").inputs.name;
    const subnet = one(resources, "gcp:compute/subnetwork:Subnetwork").inputs.name;
    assert.equal(fn.serviceConfig.environmentVariables.RAW_CHANNEL, "kafka");
    assert.equal(fn.serviceConfig.environmentVariables.KAFKA_BOOTSTRAP_SERVERS, BOOTSTRAP);
    assert.equal(fn.serviceConfig.environmentVariables.RAW_TOPIC, "game-events-raw");
    assert.deepEqual(fn.serviceConfig.directVpcNetworkInterfaces, [
      { network: `projects/${MOCK_GCP_PROJECT}/global/networks/${network}`, subnetwork: `projects/${MOCK_GCP_PROJECT}/regions/us-central1/subnetworks/${subnet}` },
    ]);
    assert.equal(fn.serviceConfig.directVpcEgress, "VPC_EGRESS_PRIVATE_RANGES_ONLY");
  });

  it("grants Kafka access to the producer and the two jobs only, and nothing on Pub/Sub", async () => {
    const { resources } = await plan();
    const grants = grantsByMember(resources);
    const sa = (id: string) => `serviceAccount:tlm-gcp-dev-${id}@${MOCK_GCP_PROJECT}.iam.gserviceaccount.com`;
    assert.deepEqual(grants.get(sa("ingest")), [`roles/datastore.viewer @ project:${MOCK_GCP_PROJECT}`, `roles/managedkafka.client @ project:${MOCK_GCP_PROJECT}`]);
    assert.deepEqual(grants.get(sa("dataflow")), [
      `roles/bigquery.dataEditor @ table:${DATASET}.events_dead_letter`,
      `roles/bigquery.dataEditor @ table:${DATASET}.events_landing`,
      `roles/dataflow.worker @ project:${MOCK_GCP_PROJECT}`,
      `roles/managedkafka.client @ project:${MOCK_GCP_PROJECT}`,
      "roles/storage.objectAdmin @ bucket:tlm-gcp-dev-artifacts",
    ]);
    const kafkaClients = [...grants.entries()].filter(([, list]) => list.some((g) => g.startsWith("roles/managedkafka.client"))).map(([m]) => m).sort();
    assert.deepEqual(kafkaClients, [sa("archive"), sa("dataflow"), sa("ingest")]);
    assert.equal(grants.get("allUsers")?.length, 1);
    assert.match(grants.get("allUsers")![0], /^roles\/run\.invoker @ run-service:/);
  });

  it("alerts on Kafka consumer lag above seed 003's 100k messages", async () => {
    const { resources } = await plan();
    const lag = one(resources, "gcp:monitoring/alertPolicy:AlertPolicy", "-lag").inputs.conditions[0].conditionThreshold;
    assert.match(lag.filter, /dataflow\.googleapis\.com\/job\/backlog_elements.*job_name="tlm-gcp-dev-events"/);
    assert.equal(lag.thresholdValue, 100_000);
  });

  it("labels the cluster and every other labelled resource; outputs name the topics and bootstrap servers", async () => {
    const { resources, outputs } = await plan();
    for (const r of resources.filter((x) => LABELLED_TYPES.includes(x.type))) assert.equal(r.inputs.labels?.variant, "gcp-kafka", r.name);
    const streams = outputs.streams as Record<string, string>;
    assert.equal(streams.bootstrapServers, BOOTSTRAP);
    assert.match(streams.raw, /\/topics\/game-events-raw$/);
    assert.match(streams.deadLetter, /\/topics\/game-events-dlq$/);
  });
});
