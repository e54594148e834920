/**
 * Realistic provider outputs for resources registered under mocks.
 *
 * The program wires resources together by ARN, id, URL and name, so the mocks must return values
 * of the right form: tests then assert that (say) an IAM statement names the raw stream's ARN, not
 * that it contains some opaque string.
 */

export const MOCK_ACCOUNT = "123456789012";
export const MOCK_REGION = "us-east-1";
export const MOCK_GCP_PROJECT = "telemetry-dev";

type State = Record<string, unknown>;

/** The physical name a resource gets: its explicit name input, else the logical name. */
function physicalName(inputs: State, logical: string, ...keys: string[]): string {
  for (const key of ["name", ...keys]) {
    const value = inputs[key];
    if (typeof value === "string" && value.length > 0) return value;
  }
  return logical;
}

function arn(service: string, resource: string, region = MOCK_REGION): string {
  return `arn:aws:${service}:${region}:${MOCK_ACCOUNT}:${resource}`;
}

type StateBuilder = (inputs: State, logical: string) => { id: string; state: State };

const AWS_STATES: Record<string, StateBuilder> = {
  "aws:kms/key:Key": (_i, n) => {
    const keyId = `mrk-${hex(n)}`;
    return { id: keyId, state: { keyId, arn: arn("kms", `key/${keyId}`) } };
  },
  "aws:kms/alias:Alias": (i, n) => ({ id: physicalName(i, n), state: { arn: arn("kms", physicalName(i, n)) } }),
  "aws:s3/bucket:Bucket": (i, n) => {
    const bucket = physicalName(i, n, "bucket");
    return { id: bucket, state: { bucket, arn: `arn:aws:s3:::${bucket}`, bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${MOCK_REGION}.amazonaws.com` } };
  },
  "aws:s3/bucketObjectv2:BucketObjectv2": (i, n) => ({ id: String(i.key ?? n), state: { versionId: `v-${hex(n)}`, etag: hex(n) } }),
  "aws:kinesis/stream:Stream": (i, n) => {
    const name = physicalName(i, n);
    return { id: arn("kinesis", `stream/${name}`), state: { name, arn: arn("kinesis", `stream/${name}`) } };
  },
  "aws:kinesis/streamConsumer:StreamConsumer": (i, n) => {
    const name = physicalName(i, n);
    return { id: `${i.streamArn}/consumer/${name}`, state: { arn: `${i.streamArn}/consumer/${name}:1700000000` } };
  },
  "aws:dynamodb/table:Table": (i, n) => {
    const name = physicalName(i, n);
    return { id: name, state: { name, arn: arn("dynamodb", `table/${name}`), streamArn: arn("dynamodb", `table/${name}/stream/2026-01-01T00:00:00.000`) } };
  },
  "aws:lambda/function:Function": (i, n) => {
    const name = physicalName(i, n);
    const fnArn = arn("lambda", `function:${name}`);
    return { id: name, state: { name, arn: fnArn, qualifiedArn: `${fnArn}:$LATEST`, invokeArn: `arn:aws:apigateway:${MOCK_REGION}:lambda:path/2015-03-31/functions/${fnArn}/invocations`, version: "$LATEST" } };
  },
  "aws:lambda/eventSourceMapping:EventSourceMapping": (_i, n) => ({ id: uuidish(n), state: { uuid: uuidish(n), arn: arn("lambda", `event-source-mapping:${uuidish(n)}`) } }),
  "aws:lambda/invocation:Invocation": (_i, n) => ({ id: `invocation-${hex(n)}`, state: { result: JSON.stringify({ ok: true }) } }),
  "aws:iam/role:Role": (i, n) => {
    const name = physicalName(i, n);
    return { id: name, state: { name, arn: `arn:aws:iam::${MOCK_ACCOUNT}:role/${name}`, uniqueId: `AROA${hex(n).toUpperCase()}` } };
  },
  "aws:iam/policy:Policy": (i, n) => {
    const name = physicalName(i, n);
    return { id: `arn:aws:iam::${MOCK_ACCOUNT}:policy/${name}`, state: { name, arn: `arn:aws:iam::${MOCK_ACCOUNT}:policy/${name}` } };
  },
  "aws:sns/topic:Topic": (i, n) => {
    const name = physicalName(i, n);
    return { id: arn("sns", name), state: { name, arn: arn("sns", name) } };
  },
  "aws:sqs/queue:Queue": (i, n) => {
    const name = physicalName(i, n);
    return { id: `https://sqs.${MOCK_REGION}.amazonaws.com/${MOCK_ACCOUNT}/${name}`, state: { name, arn: arn("sqs", name), url: `https://sqs.${MOCK_REGION}.amazonaws.com/${MOCK_ACCOUNT}/${name}` } };
  },
  "aws:cloudwatch/logGroup:LogGroup": (i, n) => {
    const name = physicalName(i, n);
    return { id: name, state: { name, arn: arn("logs", `log-group:${name}`) } };
  },
  "aws:cloudwatch/metricAlarm:MetricAlarm": (i, n) => ({ id: physicalName(i, n), state: { arn: arn("cloudwatch", `alarm:${physicalName(i, n)}`) } }),
  "aws:cloudwatch/dashboard:Dashboard": (i, n) => ({ id: String(i.dashboardName ?? n), state: { dashboardArn: `arn:aws:cloudwatch::${MOCK_ACCOUNT}:dashboard/${i.dashboardName ?? n}` } }),
  "aws:cloudwatch/eventRule:EventRule": (i, n) => ({ id: physicalName(i, n), state: { arn: arn("events", `rule/${physicalName(i, n)}`) } }),
  "aws:scheduler/schedule:Schedule": (i, n) => ({ id: physicalName(i, n), state: { arn: arn("scheduler", `schedule/default/${physicalName(i, n)}`) } }),
  "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": (i, n) => {
    const name = physicalName(i, n);
    return { id: arn("firehose", `deliverystream/${name}`), state: { name, arn: arn("firehose", `deliverystream/${name}`) } };
  },
  "aws:apigateway/restApi:RestApi": (_i, n) => {
    const id = hex(n).slice(0, 10);
    return { id, state: { rootResourceId: `root${id.slice(0, 6)}`, executionArn: arn("execute-api", id), arn: `arn:aws:apigateway:${MOCK_REGION}::/restapis/${id}` } };
  },
  "aws:apigateway/resource:Resource": (i, n) => ({ id: `res${hex(n).slice(0, 6)}`, state: { path: `/${i.pathPart ?? n}` } }),
  "aws:apigateway/authorizer:Authorizer": (_i, n) => ({ id: `auth${hex(n).slice(0, 6)}`, state: {} }),
  "aws:apigateway/requestValidator:RequestValidator": (_i, n) => ({ id: `val${hex(n).slice(0, 6)}`, state: {} }),
  "aws:apigateway/deployment:Deployment": (_i, n) => ({ id: `dep${hex(n).slice(0, 6)}`, state: {} }),
  "aws:apigateway/stage:Stage": (i, n) => {
    const restApi = String(i.restApi ?? "api");
    const stage = String(i.stageName ?? n);
    return { id: `ags-${restApi}-${stage}`, state: { invokeUrl: `https://${restApi}.execute-api.${MOCK_REGION}.amazonaws.com/${stage}`, executionArn: arn("execute-api", `${restApi}/${stage}`), arn: `arn:aws:apigateway:${MOCK_REGION}::/restapis/${restApi}/stages/${stage}` } };
  },
  "aws:cognito/userPool:UserPool": (i, n) => {
    const id = `${MOCK_REGION}_${hex(n).slice(0, 9)}`;
    return { id, state: { arn: arn("cognito-idp", `userpool/${id}`), name: physicalName(i, n) } };
  },
  "aws:glue/catalogDatabase:CatalogDatabase": (i, n) => ({ id: `${MOCK_ACCOUNT}:${physicalName(i, n)}`, state: { name: physicalName(i, n), arn: arn("glue", `database/${physicalName(i, n)}`) } }),
  "aws:glue/catalogTable:CatalogTable": (i, n) => ({ id: `${MOCK_ACCOUNT}:${i.databaseName}:${physicalName(i, n)}`, state: { name: physicalName(i, n), arn: arn("glue", `table/${i.databaseName}/${physicalName(i, n)}`) } }),
  "aws:glue/job:Job": (i, n) => ({ id: physicalName(i, n), state: { name: physicalName(i, n), arn: arn("glue", `job/${physicalName(i, n)}`) } }),
  "aws:athena/workgroup:Workgroup": (i, n) => ({ id: physicalName(i, n), state: { name: physicalName(i, n), arn: arn("athena", `workgroup/${physicalName(i, n)}`) } }),
  "aws:msk/cluster:Cluster": (i, n) => {
    const name = String(i.clusterName ?? n);
    const clusterArn = arn("kafka", `cluster/${name}/${uuidish(n)}-1`);
    return { id: clusterArn, state: { arn: clusterArn, clusterUuid: `${uuidish(n)}-1`, bootstrapBrokersSaslIam: `b-1.${name}.kafka.${MOCK_REGION}.amazonaws.com:9098,b-2.${name}.kafka.${MOCK_REGION}.amazonaws.com:9098`, zookeeperConnectString: "" } };
  },
  "aws:msk/serverlessCluster:ServerlessCluster": (i, n) => {
    const name = String(i.clusterName ?? n);
    const clusterArn = arn("kafka", `cluster/${name}/${uuidish(n)}-s1`);
    return { id: clusterArn, state: { arn: clusterArn, clusterUuid: `${uuidish(n)}-s1`, bootstrapBrokersSaslIam: `boot-${hex(n).slice(0, 6)}.c1.kafka-serverless.${MOCK_REGION}.amazonaws.com:9098` } };
  },
  "aws:msk/configuration:Configuration": (i, n) => ({ id: arn("kafka", `configuration/${physicalName(i, n)}/${uuidish(n)}`), state: { arn: arn("kafka", `configuration/${physicalName(i, n)}/${uuidish(n)}`), latestRevision: 1 } }),
  "aws:secretsmanager/secret:Secret": (i, n) => ({ id: arn("secretsmanager", `secret:${physicalName(i, n)}-AbCdEf`), state: { arn: arn("secretsmanager", `secret:${physicalName(i, n)}-AbCdEf`) } }),
  "aws:sfn/stateMachine:StateMachine": (i, n) => ({ id: arn("states", `stateMachine:${physicalName(i, n)}`), state: { arn: arn("states", `stateMachine:${physicalName(i, n)}`) } }),
  "aws:ec2/vpc:Vpc": (_i, n) => ({ id: `vpc-${hex(n).slice(0, 17)}`, state: { arn: arn("ec2", `vpc/vpc-${hex(n).slice(0, 17)}`), defaultSecurityGroupId: `sg-${hex(n + "d").slice(0, 17)}` } }),
  "aws:ec2/subnet:Subnet": (_i, n) => ({ id: `subnet-${hex(n).slice(0, 17)}`, state: { arn: arn("ec2", `subnet/subnet-${hex(n).slice(0, 17)}`) } }),
  "aws:ec2/securityGroup:SecurityGroup": (_i, n) => ({ id: `sg-${hex(n).slice(0, 17)}`, state: { arn: arn("ec2", `security-group/sg-${hex(n).slice(0, 17)}`) } }),
  "aws:ec2/routeTable:RouteTable": (_i, n) => ({ id: `rtb-${hex(n).slice(0, 17)}`, state: {} }),
  "aws:ec2/vpcEndpoint:VpcEndpoint": (_i, n) => ({ id: `vpce-${hex(n).slice(0, 17)}`, state: {} }),
  "aws:ec2/natGateway:NatGateway": (_i, n) => ({ id: `nat-${hex(n).slice(0, 17)}`, state: {} }),
  "aws:ec2/eip:Eip": (_i, n) => ({ id: `eipalloc-${hex(n).slice(0, 17)}`, state: { allocationId: `eipalloc-${hex(n).slice(0, 17)}` } }),
  "aws:cloudwatch/logStream:LogStream": (i, n) => ({ id: physicalName(i, n), state: { arn: arn("logs", `log-group:${i.logGroupName}:log-stream:${physicalName(i, n)}`) } }),
  "aws:kinesisanalyticsv2/application:Application": (i, n) => ({ id: arn("kinesisanalytics", `application/${physicalName(i, n)}`), state: { name: physicalName(i, n), arn: arn("kinesisanalytics", `application/${physicalName(i, n)}`), versionId: 1, status: "RUNNING" } }),
  "aws:redshiftserverless/namespace:Namespace": (i, n) => {
    const name = String(i.namespaceName ?? n);
    return { id: name, state: { namespaceId: uuidish(n), arn: arn("redshift-serverless", `namespace/${uuidish(n)}`), adminPasswordSecretArn: arn("secretsmanager", `secret:redshift!${name}-admin-AbCdEf`) } };
  },
  "aws:redshiftserverless/workgroup:Workgroup": (i, n) => {
    const name = String(i.workgroupName ?? n);
    return { id: name, state: { workgroupId: uuidish(n), arn: arn("redshift-serverless", `workgroup/${uuidish(n)}`), endpoints: [{ address: `${name}.${MOCK_ACCOUNT}.${MOCK_REGION}.redshift-serverless.amazonaws.com`, port: i.port ?? 5439 }] } };
  },
  "aws:emrserverless/application:Application": (i, n) => {
    const id = `00f${hex(n).slice(0, 13)}`;
    return { id, state: { arn: arn("emr-serverless", `/applications/${id}`), name: physicalName(i, n) } };
  },
  "aws:amp/workspace:Workspace": (_i, n) => {
    const id = `ws-${uuidish(n)}`;
    return { id, state: { arn: arn("aps", `workspace/${id}`), prometheusEndpoint: `https://aps-workspaces.${MOCK_REGION}.amazonaws.com/workspaces/${id}/` } };
  },
  "aws:grafana/workspace:Workspace": (_i, n) => {
    const id = `g-${hex(n).slice(0, 10)}`;
    return { id, state: { arn: arn("grafana", `/workspaces/${id}`), endpoint: `${id}.grafana-workspace.${MOCK_REGION}.amazonaws.com` } };
  },
  "aws:rds/instance:Instance": (i, n) => {
    const identifier = String(i.identifier ?? n);
    return { id: identifier, state: { arn: arn("rds", `db:${identifier}`), address: `${identifier}.abcdefghijkl.${MOCK_REGION}.rds.amazonaws.com`, endpoint: `${identifier}.abcdefghijkl.${MOCK_REGION}.rds.amazonaws.com:5432`, masterUserSecrets: [{ secretArn: arn("secretsmanager", `secret:rds!db-${uuidish(n)}-AbCdEf`), kmsKeyId: String(i.masterUserSecretKmsKeyId ?? ""), secretStatus: "active" }] } };
  },
  "aws:ec2/internetGateway:InternetGateway": (_i, n) => ({ id: `igw-${hex(n).slice(0, 17)}`, state: {} }),
  "aws:mskconnect/customPlugin:CustomPlugin": (i, n) => ({ id: arn("kafkaconnect", `custom-plugin/${physicalName(i, n)}/${uuidish(n)}-1`), state: { arn: arn("kafkaconnect", `custom-plugin/${physicalName(i, n)}/${uuidish(n)}-1`), latestRevision: 1, state: "ACTIVE" } }),
  "aws:mskconnect/workerConfiguration:WorkerConfiguration": (i, n) => ({ id: arn("kafkaconnect", `worker-configuration/${physicalName(i, n)}/${uuidish(n)}-1`), state: { arn: arn("kafkaconnect", `worker-configuration/${physicalName(i, n)}/${uuidish(n)}-1`), latestRevision: 1 } }),
  "aws:mskconnect/connector:Connector": (i, n) => ({ id: arn("kafkaconnect", `connector/${physicalName(i, n)}/${uuidish(n)}-1`), state: { arn: arn("kafkaconnect", `connector/${physicalName(i, n)}/${uuidish(n)}-1`), version: "ABCDEFGHIJKLMN" } }),
  "aws:msk/clusterPolicy:ClusterPolicy": (i, n) => ({ id: String(i.clusterArn ?? n), state: { currentVersion: "K3AEGXETSR30VB" } }),
};

const GCP_STATES: Record<string, StateBuilder> = {
  "gcp:pubsub/topic:Topic": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/topics/${physicalName(i, n)}`, state: { name: physicalName(i, n) } }),
  "gcp:pubsub/subscription:Subscription": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/subscriptions/${physicalName(i, n)}`, state: { name: physicalName(i, n) } }),
  "gcp:storage/bucket:Bucket": (i, n) => ({ id: physicalName(i, n), state: { name: physicalName(i, n), url: `gs://${physicalName(i, n)}`, selfLink: `https://www.googleapis.com/storage/v1/b/${physicalName(i, n)}` } }),
  "gcp:storage/bucketObject:BucketObject": (i, n) => ({ id: `${i.bucket}-${physicalName(i, n)}`, state: { name: physicalName(i, n), generation: 1700000000000000, md5hash: hex(n), selfLink: `https://www.googleapis.com/storage/v1/b/${i.bucket}/o/${physicalName(i, n)}`, mediaLink: `https://storage.googleapis.com/${i.bucket}/${physicalName(i, n)}` } }),
  "gcp:serviceaccount/account:Account": (i, n) => {
    const email = `${i.accountId ?? n}@${MOCK_GCP_PROJECT}.iam.gserviceaccount.com`;
    return { id: `projects/${MOCK_GCP_PROJECT}/serviceAccounts/${email}`, state: { email, name: `projects/${MOCK_GCP_PROJECT}/serviceAccounts/${email}`, member: `serviceAccount:${email}` } };
  },
  "gcp:bigquery/dataset:Dataset": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/datasets/${i.datasetId ?? n}`, state: { project: MOCK_GCP_PROJECT, selfLink: `https://bigquery.googleapis.com/bigquery/v2/projects/${MOCK_GCP_PROJECT}/datasets/${i.datasetId ?? n}` } }),
  "gcp:bigquery/table:Table": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/datasets/${i.datasetId}/tables/${i.tableId ?? n}`, state: { project: MOCK_GCP_PROJECT } }),
  "gcp:cloudfunctionsv2/function:Function": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/locations/${i.location}/functions/${physicalName(i, n)}`, state: { url: `https://${physicalName(i, n)}-${hex(n).slice(0, 10)}-uc.a.run.app`, serviceConfig: { ...(i.serviceConfig as State), uri: `https://${physicalName(i, n)}-${hex(n).slice(0, 10)}-uc.a.run.app`, service: `projects/${MOCK_GCP_PROJECT}/locations/${i.location}/services/${physicalName(i, n)}` } } }),
  "gcp:kms/keyRing:KeyRing": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/locations/${i.location}/keyRings/${physicalName(i, n)}`, state: {} }),
  "gcp:kms/cryptoKey:CryptoKey": (i, n) => ({ id: `${i.keyRing}/cryptoKeys/${physicalName(i, n)}`, state: {} }),
  "gcp:monitoring/notificationChannel:NotificationChannel": (_i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/notificationChannels/${BigInt("0x" + hex(n).slice(0, 12)).toString()}`, state: { name: `projects/${MOCK_GCP_PROJECT}/notificationChannels/${BigInt("0x" + hex(n).slice(0, 12)).toString()}` } }),
  "gcp:monitoring/alertPolicy:AlertPolicy": (_i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/alertPolicies/${BigInt("0x" + hex(n).slice(0, 12)).toString()}`, state: { name: `projects/${MOCK_GCP_PROJECT}/alertPolicies/${BigInt("0x" + hex(n).slice(0, 12)).toString()}` } }),
  "gcp:managedkafka/cluster:Cluster": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/locations/${i.location}/clusters/${i.clusterId ?? n}`, state: { name: `projects/${MOCK_GCP_PROJECT}/locations/${i.location}/clusters/${i.clusterId ?? n}` } }),
  "gcp:compute/network:Network": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/global/networks/${physicalName(i, n)}`, state: { name: physicalName(i, n), selfLink: `https://www.googleapis.com/compute/v1/projects/${MOCK_GCP_PROJECT}/global/networks/${physicalName(i, n)}` } }),
  "gcp:compute/subnetwork:Subnetwork": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/regions/${i.region}/subnetworks/${physicalName(i, n)}`, state: { name: physicalName(i, n), selfLink: `https://www.googleapis.com/compute/v1/projects/${MOCK_GCP_PROJECT}/regions/${i.region}/subnetworks/${physicalName(i, n)}` } }),
  "gcp:dataflow/flexTemplateJob:FlexTemplateJob": (i, n) => ({ id: `${String(i.region)}/2026-01-01_00_00_00-${BigInt("0x" + hex(n).slice(0, 12)).toString()}`, state: { name: physicalName(i, n), jobId: `2026-01-01_00_00_00-${BigInt("0x" + hex(n).slice(0, 12)).toString()}`, state: "JOB_STATE_RUNNING" } }),
  "gcp:bigquery/dataTransferConfig:DataTransferConfig": (i, n) => ({ id: `projects/123456789012/locations/${String(i.location ?? "us").toLowerCase()}/transferConfigs/${uuidish(n)}`, state: { name: `projects/123456789012/locations/${String(i.location ?? "us").toLowerCase()}/transferConfigs/${uuidish(n)}` } }),
  "gcp:monitoring/dashboard:Dashboard": (_i, n) => ({ id: `projects/123456789012/dashboards/${uuidish(n)}`, state: {} }),
  "gcp:firestore/database:Database": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/databases/${physicalName(i, n)}`, state: { name: physicalName(i, n), uid: uuidish(n) } }),
  "gcp:managedkafka/topic:Topic": (i, n) => ({ id: `projects/${MOCK_GCP_PROJECT}/locations/${i.location}/clusters/${i.cluster}/topics/${i.topicId ?? n}`, state: { name: `projects/${MOCK_GCP_PROJECT}/locations/${i.location}/clusters/${i.cluster}/topics/${i.topicId ?? n}` } }),
};

/** Provider-style outputs for one mocked resource: the inputs echoed plus the computed attributes. */
export function mockResourceState(type: string, logicalName: string, inputs: State): { id: string; state: State } {
  const builder = AWS_STATES[type] ?? GCP_STATES[type];
  if (builder) {
    const built = builder(inputs, logicalName);
    return { id: built.id, state: { ...inputs, ...built.state } };
  }
  return { id: `${logicalName}-id`, state: { ...inputs, ...genericState(type, logicalName, inputs) } };
}

function genericState(type: string, logicalName: string, inputs: State): State {
  const [pkg, module] = type.split(":");
  const name = physicalName(inputs, logicalName);
  if (pkg === "aws") {
    const service = (module ?? "aws").split("/")[0];
    return { arn: arn(service, `${type.split(":").pop()!.toLowerCase()}/${name}`), name };
  }
  if (pkg === "gcp") return { name };
  return {};
}

/** A short stable hex digest of a string (FNV-1a, repeated) — stable ids without randomness. */
function hex(value: string): string {
  let out = "";
  let seed = 0x811c9dc5;
  for (let round = 0; out.length < 32; round++) {
    let h = seed ^ round;
    for (let i = 0; i < value.length; i++) {
      h ^= value.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    out += h.toString(16).padStart(8, "0");
    seed = h;
  }
  return out;
}

function uuidish(value: string): string {
  const h = hex(value);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
