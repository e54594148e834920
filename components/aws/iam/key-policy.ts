/**
 * The pipeline key's policy: the account administers the key through IAM; AWS services use it on
 * the account's behalf only when the call comes through them (kms:ViaService + kms:CallerAccount);
 * CloudWatch Logs and CloudWatch alarms (publishing to the encrypted SNS topic) use it as service
 * principals, scoped by encryption context / source account.
 */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";
import { viaService } from "./kms";
import { KEY_POLICY_RESOURCE } from "./wildcard-allow-list";

/** Services that encrypt pipeline data with the key through callers' IAM permissions (kafka: MSK at rest, aws-msk). */
export const KEY_VIA_SERVICES = ["kinesis", "firehose", "s3", "dynamodb", "sqs", "sns", "lambda", "kafka"] as const;

export const KEY_USE_ACTIONS = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"] as const;

export interface KeyPolicyInputs {
  accountId: pulumi.Input<string>;
  region: pulumi.Input<string>;
  partition?: string;
}

export function keyPolicyStatements({ accountId, region, partition = "aws" }: KeyPolicyInputs): PolicyStatement[] {
  const root = pulumi.interpolate`arn:${partition}:iam::${accountId}:root`;
  return [
    // Without this statement IAM policies cannot grant use of the key and the key becomes unmanageable.
    { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: root }, Action: ["kms:*"], Resource: [KEY_POLICY_RESOURCE] },
    {
      Sid: "UseThroughPipelineServices",
      Effect: "Allow",
      Principal: { AWS: root },
      Action: [...KEY_USE_ACTIONS, "kms:CreateGrant"],
      Resource: [KEY_POLICY_RESOURCE],
      Condition: {
        StringEquals: { "kms:CallerAccount": accountId, "kms:ViaService": KEY_VIA_SERVICES.map((service) => viaService(service, region)) },
      },
    },
    {
      Sid: "CloudWatchLogsEncryptsPipelineLogGroups",
      Effect: "Allow",
      Principal: { Service: pulumi.interpolate`logs.${region}.amazonaws.com` },
      Action: [...KEY_USE_ACTIONS],
      Resource: [KEY_POLICY_RESOURCE],
      Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:${partition}:logs:${region}:${accountId}:log-group:*` } },
    },
    {
      // CloudWatch alarms publish to the KMS-encrypted alert topic as the cloudwatch service principal.
      Sid: "CloudWatchAlarmsPublishToAlertTopic",
      Effect: "Allow",
      Principal: { Service: "cloudwatch.amazonaws.com" },
      Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
      Resource: [KEY_POLICY_RESOURCE],
      Condition: { StringEquals: { "aws:SourceAccount": accountId } },
    },
  ];
}
