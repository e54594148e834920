/**
 * Which resources an architecture diagram shows, in which zone, under which label. Plumbing (IAM,
 * KMS, log groups, bucket settings, VPC) is left out; alarms and alert policies collapse into one
 * node per component.
 */
export const ZONES = ["ingestion", "stream", "processing", "lake", "warehouse", "monitoring"] as const;
export type Zone = (typeof ZONES)[number];

export interface NodeKind {
  label: string;
  zone: Zone;
  /** Many of these per component become one node ("CloudWatch alarms ×12"). */
  aggregate?: boolean;
}

export const NODE_KINDS: Readonly<Record<string, NodeKind>> = {
  "aws:apigateway/restApi:RestApi": { label: "API Gateway REST API", zone: "ingestion" },
  "aws:apigatewayv2/api:Api": { label: "API Gateway HTTP API", zone: "ingestion" },
  "aws:cognito/userPool:UserPool": { label: "Cognito user pool", zone: "ingestion" },
  "aws:lambda/function:Function": { label: "Lambda", zone: "processing" },
  "aws:kinesis/stream:Stream": { label: "Kinesis stream", zone: "stream" },
  "aws:msk/cluster:Cluster": { label: "MSK cluster", zone: "stream" },
  "aws:msk/serverlessCluster:ServerlessCluster": { label: "MSK Serverless", zone: "stream" },
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": { label: "Firehose", zone: "lake" },
  "aws:mskconnect/connector:Connector": { label: "MSK Connect", zone: "lake" },
  "aws:kinesisanalyticsv2/application:Application": { label: "Managed Flink", zone: "processing" },
  "aws:dynamodb/table:Table": { label: "DynamoDB", zone: "processing" },
  "aws:sqs/queue:Queue": { label: "SQS", zone: "processing" },
  "aws:s3/bucket:Bucket": { label: "S3", zone: "lake" },
  "aws:s3/bucketV2:BucketV2": { label: "S3", zone: "lake" },
  "aws:glue/catalogDatabase:CatalogDatabase": { label: "Glue catalog", zone: "lake" },
  "aws:glue/job:Job": { label: "Glue job", zone: "processing" },
  "aws:emrserverless/application:Application": { label: "EMR Serverless", zone: "processing" },
  "aws:athena/workgroup:Workgroup": { label: "Athena", zone: "warehouse" },
  "aws:sfn/stateMachine:StateMachine": { label: "Step Functions", zone: "warehouse" },
  "aws:redshiftserverless/workgroup:Workgroup": { label: "Redshift Serverless", zone: "warehouse" },
  "aws:rds/instance:Instance": { label: "RDS", zone: "warehouse" },
  "aws:sns/topic:Topic": { label: "SNS topic", zone: "monitoring" },
  "aws:cloudwatch/metricAlarm:MetricAlarm": { label: "CloudWatch alarms", zone: "monitoring", aggregate: true },
  "aws:cloudwatch/dashboard:Dashboard": { label: "CloudWatch dashboard", zone: "monitoring" },
  "aws:grafana/workspace:Workspace": { label: "Managed Grafana", zone: "monitoring" },
  "aws:amp/workspace:Workspace": { label: "Managed Prometheus", zone: "monitoring" },
  "gcp:cloudfunctionsv2/function:Function": { label: "Cloud Run function", zone: "ingestion" },
  "gcp:cloudrunv2/service:Service": { label: "Cloud Run", zone: "ingestion" },
  "gcp:pubsub/topic:Topic": { label: "Pub/Sub topic", zone: "stream" },
  "gcp:pubsub/subscription:Subscription": { label: "Pub/Sub subscription", zone: "stream" },
  "gcp:managedkafka/cluster:Cluster": { label: "Managed Kafka", zone: "stream" },
  "gcp:dataflow/flexTemplateJob:FlexTemplateJob": { label: "Dataflow", zone: "processing" },
  "gcp:storage/bucket:Bucket": { label: "GCS", zone: "lake" },
  "gcp:bigquery/dataset:Dataset": { label: "BigQuery dataset", zone: "warehouse" },
  "gcp:bigquery/table:Table": { label: "BigQuery table", zone: "warehouse" },
  "gcp:bigquery/dataTransferConfig:DataTransferConfig": { label: "Scheduled query", zone: "warehouse" },
  "gcp:monitoring/alertPolicy:AlertPolicy": { label: "Alert policies", zone: "monitoring", aggregate: true },
  "gcp:monitoring/notificationChannel:NotificationChannel": { label: "Notification channel", zone: "monitoring" },
  "gcp:monitoring/dashboard:Dashboard": { label: "Monitoring dashboard", zone: "monitoring" },
};

/** A component's name or type says which zone its resources serve (`telemetry:aws:Ingestion` → ingestion). */
const COMPONENT_ZONES: Array<[RegExp, Zone]> = [
  [/ingest|api|producer|authori[sz]er|generator/i, "ingestion"],
  [/monitor|alarm|alert|dashboard|grafana/i, "monitoring"],
  [/warehouse|gold|redshift|bigquery|athena/i, "warehouse"],
  [/lake|delivery|sink|catalog|archive/i, "lake"],
  [/process|flink|dataflow|dedup|enrich|transform/i, "processing"],
  [/stream|kafka|msk|pubsub|topic/i, "stream"],
];

export function zoneFromComponent(componentNameOrType: string): Zone | undefined {
  return COMPONENT_ZONES.find(([pattern]) => pattern.test(componentNameOrType))?.[1];
}
