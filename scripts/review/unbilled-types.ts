/**
 * Resource types the estimate deliberately leaves out, each group with the reason: they cost nothing
 * on their own, or their cost is counted on another resource, or it depends on usage the load does
 * not describe. Anything neither priced nor listed here is reported as "not priced".
 */
export const UNBILLED: ReadonlyArray<{ pattern: RegExp; reason: string }> = [
  { pattern: /^aws:iam\//, reason: "IAM is free" },
  { pattern: /^aws:s3\/bucket(Policy|PublicAccessBlock|ServerSideEncryptionConfiguration(V2)?|Versioning(V2)?|LifecycleConfiguration(V2)?|Logging(V2)?|OwnershipControls|Notification|Acl(V2)?)[:/]/, reason: "bucket settings are free" },
  { pattern: /^aws:s3\/bucketObject(v2)?:/, reason: "deployment artefacts: a few MB" },
  { pattern: /^aws:apigateway\/(?!restApi:)/, reason: "API Gateway bills per request, counted on the REST API" },
  { pattern: /^aws:apigatewayv2\/(?!api:)/, reason: "API Gateway bills per request, counted on the API" },
  { pattern: /^aws:lambda\/(permission|eventSourceMapping|invocation|alias|layerVersion|functionEventInvokeConfig):/, reason: "counted on the function" },
  { pattern: /^aws:(cloudwatch\/(eventRule|eventTarget|logGroup|logStream|logSubscriptionFilter|logResourcePolicy)|scheduler\/)/, reason: "schedules are free; log volume is not estimated" },
  { pattern: /^aws:kms\/alias:/, reason: "aliases are free" },
  { pattern: /^aws:sns\//, reason: "alert notifications: negligible" },
  { pattern: /^aws:sqs\/queue:/, reason: "failure queue: only failed batches, negligible" },
  { pattern: /^aws:glue\/(catalogDatabase|catalogTable|securityConfiguration|trigger|dataCatalogEncryptionSettings):/, reason: "Glue catalog within the free million objects; triggers are free" },
  { pattern: /^aws:athena\//, reason: "Athena bills per TB scanned by ad-hoc queries, not estimated" },
  { pattern: /^aws:ec2\/(vpc|subnet|routeTable|routeTableAssociation|route|securityGroup|securityGroupRule|internetGateway|flowLog|vpcEndpointRouteTableAssociation|defaultSecurityGroup|eip|networkAcl):/, reason: "VPC plumbing is free (EIPs count with the NAT gateway)" },
  { pattern: /^aws:vpc\//, reason: "security group rules are free" },
  { pattern: /^aws:msk\/(configuration|clusterPolicy|scramSecretAssociation):/, reason: "counted on the cluster" },
  { pattern: /^aws:mskconnect\/(customPlugin|workerConfiguration):/, reason: "counted on the connector" },
  { pattern: /^aws:kinesis\/(streamConsumer|resourcePolicy):/, reason: "counted on the stream" },
  { pattern: /^aws:cognito\//, reason: "machine clients within Cognito's free tier" },
  { pattern: /^aws:sfn\/stateMachine:/, reason: "a few state transitions per day" },
  { pattern: /^aws:redshiftserverless\/namespace:/, reason: "counted on the workgroup (storage of GOLD aggregates is small)" },
  { pattern: /^aws:(grafana|amp)\//, reason: "Grafana is per active user, Prometheus per sample: not estimated" },
  { pattern: /^aws:emrserverless\//, reason: "billed per job vCPU/GB-hour, not estimated" },
  { pattern: /^gcp:(serviceaccount|projects|organizations)\//, reason: "IAM and project settings are free" },
  { pattern: /Iam(Member|Binding|Policy):/i, reason: "IAM is free" },
  { pattern: /^gcp:pubsub\/(subscription|schema):/, reason: "counted on the topic" },
  { pattern: /^gcp:storage\/(bucketObject|notification):/, reason: "deployment artefacts: a few MB" },
  { pattern: /^gcp:bigquery\/(dataset|routine):/, reason: "counted on the tables" },
  { pattern: /^gcp:bigquery\/dataTransferConfig:/, reason: "scheduled queries bill bytes scanned, not estimated" },
  { pattern: /^gcp:kms\/keyRing:/, reason: "key rings are free" },
  { pattern: /^gcp:compute\/(network|subnetwork|firewall|route|router)(:|\/)/, reason: "VPC networks and firewall rules are free" },
  { pattern: /^gcp:(projects\/service|serviceusage)/, reason: "enabling APIs is free" },
  { pattern: /^gcp:monitoring\//, reason: "alerting and dashboards: not estimated" },
  { pattern: /^gcp:logging\//, reason: "log volume is not estimated" },
  { pattern: /^gcp:cloudscheduler\//, reason: "three jobs are free" },
  { pattern: /^random:|^pulumi:|^command:/, reason: "not a cloud resource" },
];

export function unbilledReason(type: string): string | undefined {
  return UNBILLED.find((entry) => entry.pattern.test(type))?.reason;
}
