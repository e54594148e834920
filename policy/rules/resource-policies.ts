/**
 * No public resource policies: a bucket, topic, queue, key or cluster policy never allows everyone
 * (`Principal: "*"`) without a condition that narrows who (source account/ARN, VPC endpoint, org),
 * and a Lambda permission never names principal `*`.
 */
import type { ResourceRule } from "./types";
import { asList, containsUnknown, jsonDocument } from "./values";

const POLICY_INPUT: Readonly<Record<string, string>> = {
  "aws:s3/bucketPolicy:BucketPolicy": "policy",
  "aws:sns/topicPolicy:TopicPolicy": "policy",
  "aws:sqs/queuePolicy:QueuePolicy": "policy",
  "aws:kms/key:Key": "policy",
  "aws:msk/clusterPolicy:ClusterPolicy": "policy",
  "aws:kinesis/resourcePolicy:ResourcePolicy": "policy",
  "aws:secretsmanager/secretPolicy:SecretPolicy": "policy",
  "aws:glue/resourcePolicy:ResourcePolicy": "policy",
};

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal !== null && typeof principal === "object") return asList((principal as Record<string, unknown>).AWS as string | string[]).includes("*");
  return false;
}

export const noPublicResourcePolicy: ResourceRule = {
  kind: "resource",
  name: "no-public-resource-policy",
  description: 'Resource policies never allow Principal "*" without a narrowing condition; Lambda permissions never name principal "*".',
  severity: "critical",
  check(resource) {
    if (resource.type === "aws:lambda/permission:Permission") {
      return resource.inputs.principal === "*" ? ['Lambda permission grants principal "*"'] : [];
    }
    const key = POLICY_INPUT[resource.type];
    if (!key || containsUnknown(resource.inputs[key])) return [];
    const document = jsonDocument(resource.inputs[key]);
    return asList(document?.Statement as Array<Record<string, any>>)
      .filter((s) => s.Effect === "Allow" && isEveryone(s.Principal) && (s.Condition === undefined || Object.keys(s.Condition).length === 0))
      .map((s, index) => `policy statement ${s.Sid ? `"${s.Sid}"` : index} allows Principal "*" without a condition`);
  },
};
