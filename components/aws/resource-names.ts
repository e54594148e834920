/**
 * Physical names of the AWS resources (pure), each fitted to its service's limit. Shared by every
 * AWS variant so a variant swap keeps the names of what it keeps.
 */
import type { Names } from "../naming";
import { checkName, NAME_LIMITS } from "./limits";

export interface AwsResourceNames {
  keyAlias: string;
  dedupTable: string;
  apiKeyTable: string;
  silverStagingTable: string;
  alertTopic: string;
  api: string;
  stage: string;
  accessLogGroup: string;
  authorizerFunction: string;
  authorizerInvokeRole: string;
  ingestRole: string;
  apiCloudwatchRole: string;
  userPool: string;
  processorFunction: string;
  generatorFunction: string;
  generatorSchedule: string;
  generatorSchedulerRole: string;
  onFailureQueue: string;
  rawDelivery: string;
  deadLetterDelivery: string;
  silverDelivery: string;
  operationsDashboard: string;
  analyticsDashboard: string;
  alarmPrefix: string;
}

export function awsResourceNames(names: Names): AwsResourceNames {
  const r = (role: string, kind: keyof typeof NAME_LIMITS) => checkName(kind, names.resource(role, NAME_LIMITS[kind]));
  return {
    keyAlias: r("pipeline", "kmsAlias"),
    dedupTable: r("dedup", "dynamodbTable"),
    apiKeyTable: r("api-keys", "dynamodbTable"),
    silverStagingTable: r("silver-staging", "dynamodbTable"),
    alertTopic: r("alerts", "snsTopic"),
    api: r("ingest", "apiGatewayName"),
    stage: "live",
    accessLogGroup: checkName("logGroup", `/aws/apigateway/${names.resource("ingest-access", 200)}`),
    authorizerFunction: r("authorizer", "lambdaFunction"),
    authorizerInvokeRole: r("authorizer-invoke", "iamRole"),
    ingestRole: r("ingest-kinesis", "iamRole"),
    apiCloudwatchRole: r("apigw-cloudwatch", "iamRole"),
    userPool: r("players", "cognitoUserPool"),
    processorFunction: r("processor", "lambdaFunction"),
    generatorFunction: r("generator", "lambdaFunction"),
    generatorSchedule: r("generator", "schedulerSchedule"),
    generatorSchedulerRole: r("generator-schedule", "iamRole"),
    onFailureQueue: r("processor-failures", "sqsQueue"),
    rawDelivery: r("raw-to-lake", "firehoseStream"),
    deadLetterDelivery: r("dead-letter-to-lake", "firehoseStream"),
    silverDelivery: r("clean-to-silver", "firehoseStream"),
    operationsDashboard: r("streaming-operations", "cloudwatchDashboard"),
    analyticsDashboard: r("analytics", "cloudwatchDashboard"),
    alarmPrefix: names.resource("", 200).replace(/-$/, ""),
  };
}
