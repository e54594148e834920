/**
 * The processor's dedup table: one item per dedup key (`pk`), expiring through DynamoDB TTL on
 * `expires_at` (the processor also treats an expired item as absent, since TTL deletion lags).
 * On-demand billing: claims follow the event rate, which swings with player activity.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { DEDUP_PARTITION_KEY, DEDUP_TTL_ATTRIBUTE } from "../../functions/processor/dynamo-dedup-store";
import { checkName } from "./limits";

export interface DedupTableArgs {
  tableName: string;
  keyArn: pulumi.Input<string>;
  protect: boolean;
  tags: Record<string, string>;
}

export function createDedupTable(name: string, args: DedupTableArgs, opts: pulumi.CustomResourceOptions): aws.dynamodb.Table {
  checkName("dynamodbTable", args.tableName);
  return new aws.dynamodb.Table(
    name,
    {
      name: args.tableName,
      billingMode: "PAY_PER_REQUEST",
      hashKey: DEDUP_PARTITION_KEY,
      attributes: [{ name: DEDUP_PARTITION_KEY, type: "S" }],
      ttl: { enabled: true, attributeName: DEDUP_TTL_ATTRIBUTE },
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: args.keyArn },
      deletionProtectionEnabled: args.protect,
      tags: args.tags,
    },
    { ...opts, protect: args.protect, retainOnDelete: args.protect },
  );
}
