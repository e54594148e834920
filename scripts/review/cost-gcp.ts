/** Monthly usage of each priced GCP resource type (Pub/Sub, Dataflow, BigQuery, GCS, Cloud Run functions, KMS). */
import type { PlannedResource } from "../plan/run-under-mocks";
import { valueAt, type Estimator, type EstimatorContext } from "./cost-context";
import { zoneStorageGB } from "./lake-zones";
import { DEAD_LETTER_SIZE_FACTOR, GB, HOURS_PER_MONTH, SECONDS_PER_MONTH } from "./traffic";

export const INGEST_FUNCTION_SECONDS = 0.2;
/** Pub/Sub bills at least 1,000 bytes per message in a publish or delivery. */
export const PUBSUB_MIN_MESSAGE_BYTES = 1000;
export const DEFAULT_DATAFLOW_MACHINE = "n1-standard-2";
export const DATAFLOW_DISK_GB_PER_WORKER = 30;
/** BigQuery keeps a table partition as active storage for 90 days, then bills it as long-term. */
export const BIGQUERY_ACTIVE_DAYS = 90;
const TIB = 2 ** 40;

/** vCPUs and memory (GB) of the machine types Dataflow templates are commonly run on. */
export const MACHINE_TYPES: Readonly<Record<string, { vcpus: number; memoryGB: number }>> = {
  "n1-standard-1": { vcpus: 1, memoryGB: 3.75 },
  "n1-standard-2": { vcpus: 2, memoryGB: 7.5 },
  "n1-standard-4": { vcpus: 4, memoryGB: 15 },
  "n1-standard-8": { vcpus: 8, memoryGB: 30 },
  "n2-standard-2": { vcpus: 2, memoryGB: 8 },
  "n2-standard-4": { vcpus: 4, memoryGB: 16 },
  "n2-standard-8": { vcpus: 8, memoryGB: 32 },
  "e2-standard-2": { vcpus: 2, memoryGB: 8 },
  "e2-standard-4": { vcpus: 4, memoryGB: 16 },
};

const nameOf = (r: PlannedResource, key = "name") => (typeof r.inputs[key] === "string" ? (r.inputs[key] as string) : r.name);
const num = (value: unknown, fallback: number) => {
  const n = typeof value === "string" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : fallback;
};

const pubsubTopic: Estimator = (topic, context) => {
  const { records, recordBytes } = context.flowOf(nameOf(topic));
  const tib = (records * Math.max(recordBytes, PUBSUB_MIN_MESSAGE_BYTES)) / TIB;
  const subscriptions = context.referencing("gcp:pubsub/subscription:Subscription", "topic", topic);
  context.assume(`Pub/Sub throughput counts at least ${PUBSUB_MIN_MESSAGE_BYTES} bytes per message, once to publish and once per subscription`);
  const usage = [{ item: "publish throughput", quantity: tib, priceKey: "gcp/pubsub.throughputTiB" }];
  if (subscriptions.length > 0) usage.push({ item: `delivery to ${subscriptions.length} subscription(s)`, quantity: tib * subscriptions.length, priceKey: "gcp/pubsub.throughputTiB" });
  for (const subscription of subscriptions) {
    const storage = subscription.inputs.cloudStorageConfig as Record<string, unknown> | undefined;
    if (!storage) continue;
    const seconds = num(String(storage.maxDuration ?? "300s").replace(/s$/, ""), 300);
    usage.push({ item: "Cloud Storage subscription writes (one object per maxDuration)", quantity: SECONDS_PER_MONTH / seconds / 1000, priceKey: "gcp/gcs.classAOperationsThousand" });
  }
  return usage;
};

const dataflowJob: Estimator = (job, context) => {
  const parameters = (job.inputs.parameters ?? {}) as Record<string, unknown>;
  const machine = String(job.inputs.machineType ?? parameters.workerMachineType ?? DEFAULT_DATAFLOW_MACHINE);
  const shape = MACHINE_TYPES[machine];
  if (!shape) {
    context.assume(`Dataflow machine type ${machine} is not in the machine table: its workers are not priced`);
    return [];
  }
  const workers = num(job.inputs.numWorkers ?? parameters.numWorkers, 1);
  context.assume(`a Dataflow job averages its initial worker count (numWorkers, default 1) on ${machine} unless set; Streaming Engine processes each event's bytes once`);
  const { eventsPerMonth, eventBytes } = context.traffic;
  const storageWrite = String(parameters.useStorageWriteApi ?? "false") === "true";
  return [
    { item: `${workers} × ${machine} vCPU`, quantity: workers * shape.vcpus * HOURS_PER_MONTH, priceKey: "gcp/dataflow.streaming.vcpuHour" },
    { item: `${workers} × ${machine} memory`, quantity: workers * shape.memoryGB * HOURS_PER_MONTH, priceKey: "gcp/dataflow.streaming.memoryGBHour" },
    { item: "worker disks", quantity: workers * DATAFLOW_DISK_GB_PER_WORKER, priceKey: "gcp/dataflow.pdGBMonth" },
    { item: "Streaming Engine data", quantity: (eventsPerMonth * eventBytes) / GB, priceKey: "gcp/dataflow.streamingEngineGB" },
    storageWrite
      ? { item: "BigQuery Storage Write API", quantity: (eventsPerMonth * eventBytes) / GB, priceKey: "gcp/bigquery.storageWriteApiGB" }
      : { item: "BigQuery streaming inserts (rows ≥ 1 KB)", quantity: (eventsPerMonth * Math.max(eventBytes, 1024)) / GB, priceKey: "gcp/bigquery.streamingInsertsGB" },
  ];
};

const bigqueryTable: Estimator = (table, context) => {
  const id = nameOf(table, "tableId");
  const { eventsPerDay, eventBytes, deadLetterFraction } = context.traffic;
  const dailyBytes = /dead|dlq|error/i.test(id) ? eventsPerDay * deadLetterFraction * eventBytes * DEAD_LETTER_SIZE_FACTOR : /event/i.test(id) ? eventsPerDay * eventBytes : undefined;
  if (dailyBytes === undefined) {
    context.assume(`BigQuery table "${id}" holds aggregates: its storage is not estimated`);
    return [];
  }
  const expirationMs = num(valueAt(table.inputs, "timePartitioning.expirationMs"), NaN);
  const days = Number.isFinite(expirationMs) ? expirationMs / 86_400_000 : 365;
  context.assume("BigQuery stores events at their logical (uncompressed) size; tables without partition expiry keep 365 days");
  const usage = [{ item: `active storage (${Math.min(days, BIGQUERY_ACTIVE_DAYS)} days)`, quantity: (dailyBytes * Math.min(days, BIGQUERY_ACTIVE_DAYS)) / GB, priceKey: "gcp/bigquery.activeStorageGBMonth" }];
  if (days > BIGQUERY_ACTIVE_DAYS) usage.push({ item: `long-term storage (${days - BIGQUERY_ACTIVE_DAYS} days)`, quantity: (dailyBytes * (days - BIGQUERY_ACTIVE_DAYS)) / GB, priceKey: "gcp/bigquery.longTermStorageGBMonth" });
  return usage;
};

const gcsBucket: Estimator = (bucket, context) => {
  const gb = zoneStorageGB(nameOf(bucket), context);
  return gb === undefined ? [] : [{ item: "storage (steady state)", quantity: gb, priceKey: "gcp/gcs.standard.storageGBMonth" }];
};

/** "512Mi" / "1Gi" / "256M" / "2G" → GiB. */
export function memoryGiB(text: unknown): number {
  const match = /^(\d+(?:\.\d+)?)\s*(Mi|M|Gi|G)?$/.exec(String(text ?? "256M"));
  if (!match) return 0.25;
  const value = Number(match[1]);
  const unit = match[2] ?? "M";
  return unit.startsWith("G") ? (unit === "Gi" ? value : (value * 1e9) / 2 ** 30) : unit === "Mi" ? value / 1024 : (value * 1e6) / 2 ** 30;
}

const cloudFunction: Estimator = (fn, context: EstimatorContext) => {
  if (!/ingest/i.test(fn.name)) {
    context.assume("Cloud Run functions other than ingest (deploy-time or admin helpers) are not priced");
    return [];
  }
  const requests = context.traffic.requestsPerMonth;
  const vcpus = num(valueAt(fn.inputs, "serviceConfig.availableCpu"), 1);
  const gib = memoryGiB(valueAt(fn.inputs, "serviceConfig.availableMemory"));
  context.assume(`the ingest function runs ${INGEST_FUNCTION_SECONDS} s per request`);
  return [
    { item: `${vcpus} vCPU`, quantity: requests * INGEST_FUNCTION_SECONDS * vcpus, priceKey: "gcp/cloudrun.vcpuSecond" },
    { item: `${gib.toFixed(2)} GiB`, quantity: requests * INGEST_FUNCTION_SECONDS * gib, priceKey: "gcp/cloudrun.gibSecond" },
    { item: "requests", quantity: requests / 1e6, priceKey: "gcp/cloudrun.requestsMillion" },
  ];
};

export const GCP_ESTIMATORS: Readonly<Record<string, Estimator>> = {
  "gcp:pubsub/topic:Topic": pubsubTopic,
  "gcp:dataflow/flexTemplateJob:FlexTemplateJob": dataflowJob,
  "gcp:bigquery/table:Table": bigqueryTable,
  "gcp:storage/bucket:Bucket": gcsBucket,
  "gcp:cloudfunctionsv2/function:Function": cloudFunction,
  "gcp:kms/cryptoKey:CryptoKey": () => [{ item: "key version", quantity: 1, priceKey: "gcp/kms.keyVersionMonth" }],
};
