/**
 * Resource types that hold data, with the inputs whose change makes the provider replace the resource
 * (delete + create = the data is gone). From the providers' "forces new resource" argument docs.
 */
export const REPLACING_INPUTS: Readonly<Record<string, readonly string[]>> = {
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:s3/bucketV2:BucketV2": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:dynamodb/table:Table": ["name", "hashKey", "rangeKey", "localSecondaryIndexes"],
  "aws:kinesis/stream:Stream": ["name"],
  "aws:sns/topic:Topic": ["name", "namePrefix", "fifoTopic"],
  "aws:sqs/queue:Queue": ["name", "namePrefix", "fifoQueue"],
  "aws:msk/cluster:Cluster": ["clusterName", "brokerNodeGroupInfo.clientSubnets", "brokerNodeGroupInfo.securityGroups", "encryptionInfo.encryptionAtRestKmsKeyArn"],
  "aws:msk/serverlessCluster:ServerlessCluster": ["clusterName", "vpcConfigs", "clientAuthentication"],
  "aws:redshiftserverless/namespace:Namespace": ["namespaceName"],
  "aws:rds/instance:Instance": ["identifier", "engine", "storageEncrypted", "kmsKeyId"],
  "gcp:storage/bucket:Bucket": ["name", "location", "project"],
  "gcp:bigquery/dataset:Dataset": ["datasetId", "location", "project"],
  "gcp:bigquery/table:Table": ["tableId", "datasetId", "project"],
  "gcp:pubsub/topic:Topic": ["name", "project"],
  "gcp:managedkafka/cluster:Cluster": ["clusterId", "location", "project"],
};

export function isStateful(type: string): boolean {
  return type in REPLACING_INPUTS;
}
