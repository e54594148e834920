/** The gcp-native stack (Pulumi.gcp-dev.yaml) planned under mocks: inventory, wiring, IAM, security defaults. */
import assert from "node:assert/strict";
import { deriveGcpSizing } from "../../components/gcp/gcp-sizing";
import { warehouseDdl } from "../../components/gcp/warehouse";
import { schemaJson } from "../../components/gcp/bigquery-ddl";
import { MOCK_GCP_PROJECT } from "../../scripts/plan/mock-state";
import { one, ofType } from "../support/resources";
import { configPlan, stackPlan } from "../support/stack-plans";
import { grantsByMember, LABELLED_TYPES, secretValue } from "./graph-helpers";

const DATASET = "telemetry_gcp_dev"; // datasetIdFor("gcp-dev")
const plan = () => stackPlan("gcp-dev");

describe("gcp-native graph (stack gcp-dev)", () => {
  it("has every part: 3 topics, 3 subscriptions, 5 buckets, 5 tables, 6 scheduled queries, function, template job, 5 alerts, dashboard", async () => {
    const { resources } = await plan();
    const count = (type: string) => ofType(resources, type).length;
    assert.equal(count("gcp:pubsub/topic:Topic"), 3);
    assert.equal(count("gcp:pubsub/subscription:Subscription"), 3);
    assert.equal(count("gcp:storage/bucket:Bucket"), 5);
    assert.equal(count("gcp:bigquery/table:Table"), 5);
    assert.equal(count("gcp:bigquery/dataTransferConfig:DataTransferConfig"), 6);
    assert.equal(count("gcp:cloudfunctionsv2/function:Function"), 1);
    assert.equal(count("gcp:dataflow/flexTemplateJob:FlexTemplateJob"), 1);
    assert.equal(count("gcp:monitoring/alertPolicy:AlertPolicy"), 5);
    assert.equal(count("gcp:monitoring/dashboard:Dashboard"), 1);
    assert.equal(count("gcp:managedkafka/cluster:Cluster"), 0);
    assert.deepEqual(
      ofType(resources, "gcp:pubsub/topic:Topic").map((t) => t.inputs.name).sort(),
      ["gcp-dev-client-game_event-clean", "gcp-dev-client-game_event-dead-letter", "gcp-dev-client-game_event-raw"],
    );
  });

  it("wires subscriptions to topics: Dataflow reads raw with a dead-letter policy; raw and dead letters are archived to their buckets", async () => {
    const { resources } = await plan();
    const topicId = (suffix: string) => `projects/${MOCK_GCP_PROJECT}/topics/${one(resources, "gcp:pubsub/topic:Topic", suffix).inputs.name}`;
    const processing = one(resources, "gcp:pubsub/subscription:Subscription", "-processing").inputs;
    assert.equal(processing.topic, topicId("-raw"));
    assert.equal(processing.deadLetterPolicy.deadLetterTopic, topicId("-dead-letter"));
    assert.equal(processing.deadLetterPolicy.maxDeliveryAttempts, 10);
    assert.deepEqual(processing.retryPolicy, { minimumBackoff: "10s", maximumBackoff: "600s" });
    const rawArchive = one(resources, "gcp:pubsub/subscription:Subscription", "-raw-archive").inputs;
    assert.equal(rawArchive.topic, topicId("-raw"));
    assert.equal(rawArchive.cloudStorageConfig.bucket, one(resources, "gcp:storage/bucket:Bucket", "-raw").inputs.name);
    const dlArchive = one(resources, "gcp:pubsub/subscription:Subscription", "-dead-letter-archive").inputs;
    assert.equal(dlArchive.topic, topicId("-dead-letter"));
    assert.equal(dlArchive.cloudStorageConfig.bucket, one(resources, "gcp:storage/bucket:Bucket", "-lake-dead-letter").inputs.name);
  });

  it("keeps topic messages for the configured retention (168 h stream; dead letters 30 d)", async () => {
    const { resources } = await plan();
    assert.equal(one(resources, "gcp:pubsub/topic:Topic", "-raw").inputs.messageRetentionDuration, `${168 * 3600}s`);
    assert.equal(one(resources, "gcp:pubsub/topic:Topic", "-dead-letter").inputs.messageRetentionDuration, `${30 * 24 * 3600}s`);
  });

  it("runs PubSub_to_BigQuery_Flex on the processing subscription with project:dataset.table ids and the generated UDF object", async () => {
    const { resources, config } = await plan();
    const job = one(resources, "gcp:dataflow/flexTemplateJob:FlexTemplateJob").inputs;
    const processing = one(resources, "gcp:pubsub/subscription:Subscription", "-processing").inputs;
    const artifacts = one(resources, "gcp:storage/bucket:Bucket", "-artifacts").inputs.name;
    const udf = one(resources, "gcp:storage/bucketObject:BucketObject", "-udf").inputs;
    const content = secretValue(udf.content);
    assert.equal(job.containerSpecGcsPath, "gs://dataflow-templates-us-central1/latest/flex/PubSub_to_BigQuery_Flex");
    assert.equal(job.parameters.inputSubscription, `projects/${MOCK_GCP_PROJECT}/subscriptions/${processing.name}`);
    assert.equal(job.parameters.outputTableSpec, `${MOCK_GCP_PROJECT}:${DATASET}.events_landing`);
    assert.equal(job.parameters.outputDeadletterTable, `${MOCK_GCP_PROJECT}:${DATASET}.events_dead_letter`);
    assert.equal(udf.bucket, artifacts);
    assert.equal(job.parameters.javascriptTextTransformGcsPath, `gs://${artifacts}/${udf.name}`);
    assert.equal(job.parameters.javascriptTextTransformFunctionName, "process");
    assert.match(content, /^function process\(inJson\) \{$/m);
    assert.ok(content.includes(`"subscription":"${processing.name}"`), "dead letters name the processing subscription");
    assert.equal(job.maxWorkers, deriveGcpSizing(config).dataflow.maxWorkers);
    assert.equal(job.serviceAccountEmail, `tlm-gcp-dev-dataflow@${MOCK_GCP_PROJECT}.iam.gserviceaccount.com`);
    assert.equal(job.tempLocation, `gs://${artifacts}/dataflow/temp`);
    // Workers in the stack subnet without public IPs; the subnet's firewall opens only worker ports.
    assert.equal(job.ipConfiguration, "WORKER_IP_PRIVATE");
    assert.equal(job.subnetwork, `https://www.googleapis.com/compute/v1/projects/${MOCK_GCP_PROJECT}/regions/us-central1/subnetworks/tlm-gcp-dev-subnet`);
    assert.deepEqual(one(resources, "gcp:compute/firewall:Firewall").inputs.allows, [{ protocol: "tcp", ports: ["12345-12346"] }]);
  });

  it("scheduled queries use project.dataset.table SQL ids, never the template's colon form", async () => {
    const { resources } = await plan();
    const queries = ofType(resources, "gcp:bigquery/dataTransferConfig:DataTransferConfig");
    for (const q of queries) {
      assert.equal(q.inputs.dataSourceId, "scheduled_query");
      assert.ok(q.inputs.params.query.includes(`\`${MOCK_GCP_PROJECT}.${DATASET}.`), q.name);
      assert.doesNotMatch(q.inputs.params.query, new RegExp(`${MOCK_GCP_PROJECT}:`));
      assert.equal(q.inputs.serviceAccountName, `tlm-gcp-dev-sq@${MOCK_GCP_PROJECT}.iam.gserviceaccount.com`);
    }
    const schedules = Object.fromEntries(queries.map((q) => [q.name.replace("telemetry-warehouse-query-", ""), q.inputs.schedule]));
    assert.deepEqual(schedules, {
      "dedup-merge": "every 15 minutes",
      "level-metrics": "every day 02:00",
      "user-metrics": "every day 02:00",
      "data-quality": "every day 03:00",
      "export-silver": "every day 03:30",
      "export-gold": "every day 03:30",
    });
  });

  it("creates events exactly from the seed 003 DDL: partitioned by event_date (365 d), clustered, partition filter required", async () => {
    const { resources } = await plan();
    const events = one(resources, "gcp:bigquery/table:Table", "-events").inputs;
    assert.equal(events.tableId, "events");
    assert.equal(events.schema, schemaJson(warehouseDdl().events.columns));
    assert.deepEqual(events.timePartitioning, { type: "DAY", field: "event_date", expirationMs: 365 * 86_400_000 });
    assert.equal(events.requirePartitionFilter, true);
    assert.deepEqual(events.clusterings, ["event_type", "user_id"]);
    const names = ofType(resources, "gcp:bigquery/table:Table").map((t) => t.inputs.tableId).sort();
    assert.deepEqual(names, ["events", "events_dead_letter", "events_landing", "level_metrics", "user_daily_metrics"]);
  });

  it("buckets: uniform access, public access prevention enforced, lifecycle per zone", async () => {
    const { resources } = await plan();
    const expiry: Record<string, number> = { raw: 90, silver: 365, gold: 730, "dead-letter": 30, artifacts: 7 };
    for (const bucket of ofType(resources, "gcp:storage/bucket:Bucket")) {
      assert.equal(bucket.inputs.uniformBucketLevelAccess, true, bucket.name);
      assert.equal(bucket.inputs.publicAccessPrevention, "enforced", bucket.name);
      const zone = bucket.inputs.labels.zone as string;
      const deletion = bucket.inputs.lifecycleRules.find((r: { action: { type: string } }) => r.action.type === "Delete");
      assert.equal(deletion.condition.age, expiry[zone], bucket.name);
    }
  });

  it("the ingest function: Node 22 from the uploaded source, publishing to raw, reachable at /v1/events", async () => {
    const { resources, outputs, config } = await plan();
    const fn = one(resources, "gcp:cloudfunctionsv2/function:Function").inputs;
    const source = one(resources, "gcp:storage/bucketObject:BucketObject", "-source").inputs;
    assert.equal(fn.buildConfig.runtime, "nodejs22");
    assert.equal(fn.buildConfig.entryPoint, "ingest");
    assert.deepEqual(fn.buildConfig.source.storageSource.object, source.name);
    assert.equal(fn.serviceConfig.environmentVariables.RAW_CHANNEL, "pubsub");
    assert.equal(fn.serviceConfig.environmentVariables.RAW_TOPIC, "gcp-dev-client-game_event-raw");
    assert.equal(fn.serviceConfig.maxInstanceCount, deriveGcpSizing(config).ingest.maxInstances);
    assert.match(outputs.ingestUrl as string, /^https:\/\/.+\/v1\/events$/);
  });

  it("grants each service account exactly what it uses", async () => {
    const { resources } = await plan();
    const grants = grantsByMember(resources);
    const sa = (id: string) => `serviceAccount:tlm-gcp-dev-${id}@${MOCK_GCP_PROJECT}.iam.gserviceaccount.com`;
    assert.deepEqual(grants.get(sa("ingest")), [
      `roles/datastore.viewer @ project:${MOCK_GCP_PROJECT}`,
      "roles/pubsub.publisher @ topic:gcp-dev-client-game_event-raw",
    ]);
    assert.deepEqual(grants.get(sa("dataflow")), [
      `roles/bigquery.dataEditor @ table:${DATASET}.events_dead_letter`,
      `roles/bigquery.dataEditor @ table:${DATASET}.events_landing`,
      `roles/dataflow.worker @ project:${MOCK_GCP_PROJECT}`,
      "roles/pubsub.subscriber @ subscription:tlm-gcp-dev-raw-dataflow",
      "roles/pubsub.viewer @ subscription:tlm-gcp-dev-raw-dataflow",
      "roles/storage.objectAdmin @ bucket:tlm-gcp-dev-artifacts",
    ]);
    assert.deepEqual(grants.get(sa("sq")), [
      `roles/bigquery.dataEditor @ dataset:${DATASET}`,
      `roles/bigquery.jobUser @ project:${MOCK_GCP_PROJECT}`,
      "roles/storage.objectAdmin @ bucket:tlm-gcp-dev-gold",
      "roles/storage.objectAdmin @ bucket:tlm-gcp-dev-silver",
    ]);
    assert.deepEqual(grants.get("serviceAccount:service-123456789012@gcp-sa-pubsub.iam.gserviceaccount.com"), [
      "roles/pubsub.publisher @ topic:gcp-dev-client-game_event-dead-letter",
      "roles/pubsub.subscriber @ subscription:tlm-gcp-dev-raw-dataflow",
      "roles/storage.legacyBucketReader @ bucket:tlm-gcp-dev-dead-letter",
      "roles/storage.legacyBucketReader @ bucket:tlm-gcp-dev-raw",
      "roles/storage.objectCreator @ bucket:tlm-gcp-dev-dead-letter",
      "roles/storage.objectCreator @ bucket:tlm-gcp-dev-raw",
    ]);
    // The API-key reader is confined to the keys database by an IAM condition.
    const reader = one(resources, "gcp:projects/iAMMember:IAMMember", "-keys-reader").inputs;
    assert.equal(reader.condition.expression, `resource.name.startsWith("projects/${MOCK_GCP_PROJECT}/databases/tlm-gcp-dev-keys")`);
  });

  it("allUsers only as invoker of the ingest service (the function's API-key check guards it); no basic roles", async () => {
    const { resources } = await plan();
    const grants = grantsByMember(resources);
    assert.deepEqual(grants.get("allUsers"), [`roles/run.invoker @ run-service:projects/${MOCK_GCP_PROJECT}/locations/us-central1/services/tlm-gcp-dev-ingest`]);
    assert.equal(grants.has("allAuthenticatedUsers"), false);
    for (const list of grants.values()) for (const grant of list) assert.doesNotMatch(grant, /roles\/(owner|editor|viewer) /);
  });

  it("labels every labelled resource with the stack's tags", async () => {
    const { resources } = await plan();
    const labelled = resources.filter((r) => LABELLED_TYPES.includes(r.type));
    assert.ok(labelled.length >= 17);
    for (const r of labelled) {
      assert.equal(r.inputs.labels?.project, "game-telemetry", r.name);
      assert.equal(r.inputs.labels?.stack, "gcp-dev", r.name);
      assert.equal(r.inputs.labels?.environment, "dev", r.name);
    }
  });

  it("alerts on seed 003's rules with the configured thresholds", async () => {
    const { resources, config } = await plan();
    const policy = (role: string) => one(resources, "gcp:monitoring/alertPolicy:AlertPolicy", `-${role}`).inputs.conditions[0];
    const lag = policy("lag").conditionThreshold;
    assert.match(lag.filter, /oldest_unacked_message_age.*subscription_id="tlm-gcp-dev-raw-dataflow"/);
    assert.equal(lag.thresholdValue, config.alerts.iteratorAgeSeconds);
    assert.match(policy("dead-letter-rate").conditionPrometheusQueryLanguage.query, new RegExp(`table="events_dead_letter".* > ${config.alerts.deadLetterRatePercent}$`));
    assert.match(policy("dataflow-failed").conditionThreshold.filter, /job\/is_failed.*job_name="tlm-gcp-dev-events"/);
    assert.equal(policy("no-events").conditionAbsent.duration, "3600s");
    assert.match(policy("ingest-errors").conditionPrometheusQueryLanguage.query, /service_name="tlm-gcp-dev-ingest",response_code_class="5xx"/);
  });

  it("exports the Firestore database the ingest function reads keys from as apiKeyStore", async () => {
    const { resources, outputs } = await stackPlan("gcp-dev");
    const database = one(resources, "gcp:firestore/database:Database");
    assert.equal(outputs.apiKeyStore, database.inputs.name);
  });

  it("sends alerts to an e-mail channel when telemetry:alerts.email is set", async () => {
    const { resources, outputs } = await stackPlan("gcp-dev", ['telemetry:alerts={"email":"ops@example.com"}']);
    const channel = one(resources, "gcp:monitoring/notificationChannel:NotificationChannel");
    assert.deepEqual(channel.inputs.labels, { email_address: "ops@example.com" });
    for (const p of ofType(resources, "gcp:monitoring/alertPolicy:AlertPolicy")) assert.deepEqual(p.inputs.notificationChannels, [outputs.alertDestination]);
  });

  it("with telemetry:gcp.cmek encrypts buckets, topics, dataset and job with one key the service agents may use", async () => {
    const { resources } = await configPlan({ variant: "gcp-native", gcp: { cmek: true } }, "cmek");
    const key = one(resources, "gcp:kms/cryptoKey:CryptoKey");
    const keyId = `projects/${MOCK_GCP_PROJECT}/locations/us-central1/keyRings/tlm-cmek-ring/cryptoKeys/${key.inputs.name}`;
    for (const b of ofType(resources, "gcp:storage/bucket:Bucket")) assert.equal(b.inputs.encryption.defaultKmsKeyName, keyId, b.name);
    for (const t of ofType(resources, "gcp:pubsub/topic:Topic")) assert.equal(t.inputs.kmsKeyName, keyId, t.name);
    assert.equal(one(resources, "gcp:bigquery/dataset:Dataset").inputs.defaultEncryptionConfiguration.kmsKeyName, keyId);
    assert.equal(one(resources, "gcp:dataflow/flexTemplateJob:FlexTemplateJob").inputs.kmsKeyName, keyId);
    const encrypters = ofType(resources, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map((g) => g.inputs.member.split("@")[1]).sort();
    assert.deepEqual(encrypters, [
      "bigquery-encryption.iam.gserviceaccount.com",
      "compute-system.iam.gserviceaccount.com",
      "dataflow-service-producer-prod.iam.gserviceaccount.com",
      "gcp-sa-pubsub.iam.gserviceaccount.com",
      "gs-project-accounts.iam.gserviceaccount.com",
    ]);
  });

  it("refuses a stream retention Pub/Sub cannot keep, naming the key, value and range", async () => {
    await assert.rejects(
      configPlan({ variant: "gcp-native", retention: { streamHours: 1000 } }, "too-long"),
      /telemetry:retention\.streamHours = 1000 .*allowed: 1–744/,
    );
  });

  it("fits service account ids (≤ 30) and bucket names (≤ 63) for a long stack name", async () => {
    const stack = "production-europe-west-analytics";
    const { resources } = await configPlan({ variant: "gcp-native" }, stack);
    for (const a of ofType(resources, "gcp:serviceaccount/account:Account")) assert.match(a.inputs.accountId, /^[a-z][-a-z0-9]{4,28}[a-z0-9]$/);
    for (const b of ofType(resources, "gcp:storage/bucket:Bucket")) assert.ok(b.inputs.name.length <= 63, b.inputs.name);
  });
});
