/**
 * Seed 000's DynamoDB SILVER staging table (option `silverStagingTable`, light tier): items keyed by
 * `user_id` and `event_key` = `<event_timestamp>#<event_id>`, so a player's recent events read in
 * time order. Written by the processor (functions/processor/dynamo-silver-store.ts). Shared by
 * aws-native and aws-msk under one URN, so a variant swap keeps its data.
 */
import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { checkName } from "./limits";

export interface SilverStagingTableArgs {
  tableName: string;
  keyArn: pulumi.Input<string>;
  protect: boolean;
  tags: Record<string, string>;
}

export function createSilverStagingTable(name: string, args: SilverStagingTableArgs, opts: pulumi.CustomResourceOptions): aws.dynamodb.Table {
  return new aws.dynamodb.Table(
    name,
    {
      name: checkName("dynamodbTable", args.tableName),
      billingMode: "PAY_PER_REQUEST",
      hashKey: "user_id",
      rangeKey: "event_key",
      attributes: [
        { name: "user_id", type: "S" },
        { name: "event_key", type: "S" },
      ],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: args.keyArn },
      deletionProtectionEnabled: args.protect,
      tags: args.tags,
    },
    { ...opts, protect: args.protect, retainOnDelete: args.protect },
  );
}
