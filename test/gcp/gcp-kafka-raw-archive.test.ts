/**
 * gcp-kafka's RAW zone: the Kafka_to_Gcs_Flex job copying game-events-raw into gs://<raw>/raw/,
 * its own worker account's grants, sizing, labels and the job-failed alert; absent from gcp-native.
 */
import assert from "node:assert/strict";
import { dataflowJobsFilter } from "../../components/gcp/alert-rules";
import { deriveGcpSizing } from "../../components/gcp/gcp-sizing";
import { rawArchiveDirectory, rawArchiveMaxWorkers } from "../../components/gcp/raw-archive-job";
import { MOCK_GCP_PROJECT } from "../../scripts/plan/mock-state";
import { one, ofType } from "../support/resources";
import { stackPlan } from "../support/stack-plans";
import { grantsByMember } from "./graph-helpers";

const KAFKA = ["telemetry:variant=gcp-kafka"];
const JOB = "gcp:dataflow/flexTemplateJob:FlexTemplateJob";
const BOOTSTRAP = `bootstrap.tlm-gcp-dev-kafka.us-central1.managedkafka.${MOCK_GCP_PROJECT}.cloud.goog:9092`;
const archiveSa = `serviceAccount:tlm-gcp-dev-archive@${MOCK_GCP_PROJECT}.iam.gserviceaccount.com`;

describe("gcp-kafka raw archive job (Kafka_to_Gcs_Flex → RAW bucket)", () => {
  it("exists only in gcp-kafka", async () => {
    const native = await stackPlan("gcp-dev");
    assert.deepEqual(ofType(native.resources, JOB).map((r) => r.name), ["telemetry-dataflow-job"]);
    assert.equal(native.resources.some((r) => r.type === "telemetry:gcp:RawArchiveJob"), false);
    const kafka = await stackPlan("gcp-dev", KAFKA);
    assert.deepEqual(ofType(kafka.resources, JOB).map((r) => r.name).sort(), ["telemetry-dataflow-job", "telemetry-raw-archive-job"]);
  });

  it("reads game-events-raw with Google credentials and writes 5-minute JSON files under raw/ in the RAW bucket", async () => {
    const { resources } = await stackPlan("gcp-dev", KAFKA);
    const job = one(resources, JOB, "-raw-archive-job").inputs;
    const raw = one(resources, "gcp:storage/bucket:Bucket", "-raw").inputs.name;
    assert.equal(job.name, "tlm-gcp-dev-raw-archive");
    assert.equal(job.containerSpecGcsPath, "gs://dataflow-templates-us-central1/latest/flex/Kafka_to_Gcs_Flex");
    assert.deepEqual(job.parameters, {
      readBootstrapServerAndTopic: `${BOOTSTRAP};game-events-raw`,
      kafkaReadAuthenticationMode: "APPLICATION_DEFAULT_CREDENTIALS",
      messageFormat: "JSON",
      useBigQueryDLQ: "false",
      outputDirectory: `gs://${raw}/raw/`,
      outputFilenamePrefix: "game-events-raw-",
      windowDuration: "5m",
      enableCommitOffsets: "true",
      consumerGroupId: "telemetry-raw-archive",
      kafkaReadOffset: "earliest",
    });
    // Its own consumer group: sharing the BigQuery job's would split the partitions between the two jobs.
    const processing = one(resources, JOB, "-dataflow-job").inputs;
    assert.notEqual(job.parameters.consumerGroupId, processing.parameters.consumerGroupId);
  });

  it("runs as its own account in the stack subnet with private IPs, labelled, a quarter of the processing job's workers", async () => {
    const { resources, config } = await stackPlan("gcp-dev", KAFKA);
    const job = one(resources, JOB, "-raw-archive-job").inputs;
    const processing = one(resources, JOB, "-dataflow-job").inputs;
    const artifacts = one(resources, "gcp:storage/bucket:Bucket", "-artifacts").inputs.name;
    assert.equal(job.serviceAccountEmail, `tlm-gcp-dev-archive@${MOCK_GCP_PROJECT}.iam.gserviceaccount.com`);
    assert.notEqual(job.serviceAccountEmail, processing.serviceAccountEmail);
    assert.equal(job.subnetwork, processing.subnetwork);
    assert.equal(job.ipConfiguration, "WORKER_IP_PRIVATE");
    assert.equal(job.machineType, processing.machineType);
    const processingWorkers = deriveGcpSizing(config).dataflow.maxWorkers;
    assert.equal(job.maxWorkers, Math.max(1, Math.ceil(processingWorkers / 4)));
    assert.equal(job.tempLocation, `gs://${artifacts}/dataflow-raw-archive/temp`);
    assert.equal(job.onDelete, "drain");
    assert.equal(job.labels.variant, "gcp-kafka");
    assert.deepEqual(job.labels, processing.labels);
  });

  it("its account holds exactly: Dataflow worker, Kafka client, object user on RAW, object admin on artifacts", async () => {
    const { resources } = await stackPlan("gcp-dev", KAFKA);
    const raw = one(resources, "gcp:storage/bucket:Bucket", "-raw").inputs.name;
    const artifacts = one(resources, "gcp:storage/bucket:Bucket", "-artifacts").inputs.name;
    assert.deepEqual(grantsByMember(resources).get(archiveSa), [
      `roles/dataflow.worker @ project:${MOCK_GCP_PROJECT}`,
      `roles/managedkafka.client @ project:${MOCK_GCP_PROJECT}`,
      `roles/storage.objectAdmin @ bucket:${artifacts}`,
      `roles/storage.objectUser @ bucket:${raw}`,
    ]);
    // Nobody else writes into RAW in gcp-kafka (the GCS subscription's agent exists only in gcp-native).
    const rawWriters = [...grantsByMember(resources).entries()].filter(([, list]) => list.some((g) => g.endsWith(`@ bucket:${raw}`))).map(([m]) => m);
    assert.deepEqual(rawWriters, [archiveSa]);
  });

  it("the Dataflow job-failed alert covers both jobs in gcp-kafka and only the processing job in gcp-native", async () => {
    const kafka = await stackPlan("gcp-dev", KAFKA);
    const failed = (resources: typeof kafka.resources) => one(resources, "gcp:monitoring/alertPolicy:AlertPolicy", "-dataflow-failed").inputs.conditions[0].conditionThreshold.filter;
    assert.match(failed(kafka.resources), /job\/is_failed.*\(resource\.label\.job_name="tlm-gcp-dev-events" OR resource\.label\.job_name="tlm-gcp-dev-raw-archive"\)/);
    const native = await stackPlan("gcp-dev");
    assert.doesNotMatch(failed(native.resources), /raw-archive/);
  });
});

describe("raw archive helpers", () => {
  it("rawArchiveMaxWorkers = max(1, ⌈processing ÷ 4⌉)", () => {
    for (const [processing, expected] of [[1, 1], [4, 1], [5, 2], [8, 2], [9, 3], [40, 10]] as const) {
      assert.equal(rawArchiveMaxWorkers(processing), expected, `processing ${processing}`);
    }
  });

  it("rawArchiveDirectory ends with the slash the template requires", () => {
    assert.equal(rawArchiveDirectory("b"), "gs://b/raw/");
  });

  it("dataflowJobsFilter names one job plainly and ORs two in parentheses", () => {
    assert.equal(dataflowJobsFilter({ dataflowJobName: "a" }), 'resource.label.job_name="a"');
    assert.equal(dataflowJobsFilter({ dataflowJobName: "a", archiveJobName: "b" }), '(resource.label.job_name="a" OR resource.label.job_name="b")');
  });
});
