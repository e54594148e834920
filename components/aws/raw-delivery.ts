/**
 * RawDelivery: Firehose from the `raw` stream into the RAW zone and from the `dead-letter` stream
 * into the dead-letter prefix, so every record that reached the stream layer is kept in the lake.
 */
import * as pulumi from "@pulumi/pulumi";
import type { FirehoseSizing } from "../sizing";
import type { AwsEnvironment } from "./environment";
import { LAKE_PREFIXES } from "./lake-layout";
import { StreamToLakeDelivery, type DeliverySource } from "./stream-to-lake-delivery";

export interface RawDeliveryArgs {
  rawSource: DeliverySource;
  deadLetterSource: DeliverySource;
  /** The RAW zone bucket (raw/ and dead-letter/ prefixes). */
  rawBucketArn: pulumi.Input<string>;
  keyArn: pulumi.Input<string>;
  buffering: FirehoseSizing;
  /** Delivery names per stream (≤ 64 characters). */
  deliveryNames: { raw: string; deadLetter: string };
  logRetentionDays: number;
  env: AwsEnvironment;
  tags: Record<string, string>;
  dependsOn?: pulumi.Resource[];
}

export class RawDelivery extends pulumi.ComponentResource {
  public readonly raw: StreamToLakeDelivery;
  public readonly deadLetter: StreamToLakeDelivery;

  constructor(name: string, args: RawDeliveryArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:aws:RawDelivery", name, {}, opts);
    const common = {
      bucketArn: args.rawBucketArn,
      keyArn: args.keyArn,
      buffering: args.buffering,
      logRetentionDays: args.logRetentionDays,
      env: args.env,
      tags: args.tags,
      dependsOn: args.dependsOn,
    };
    this.raw = new StreamToLakeDelivery(
      `${name}-raw`,
      {
        ...common,
        deliveryName: args.deliveryNames.raw,
        source: args.rawSource,
        prefix: LAKE_PREFIXES.raw,
        errorsPrefix: LAKE_PREFIXES.rawErrors,
        // Ingest envelopes (API Gateway, producer, generator) carry no trailing newline.
        recordsEndWithNewline: false,
      },
      { parent: this },
    );
    this.deadLetter = new StreamToLakeDelivery(
      `${name}-dead-letter`,
      {
        ...common,
        deliveryName: args.deliveryNames.deadLetter,
        source: args.deadLetterSource,
        prefix: LAKE_PREFIXES.deadLetter,
        errorsPrefix: LAKE_PREFIXES.deadLetterErrors,
        // functions/processor writes each dead letter as one JSON line.
        recordsEndWithNewline: true,
      },
      { parent: this },
    );
    this.registerOutputs({ raw: this.raw.name, deadLetter: this.deadLetter.name });
  }
}
