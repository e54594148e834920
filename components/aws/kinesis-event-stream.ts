/**
 * EventStream (Kinesis): the raw, clean and dead-letter streams, KMS-encrypted with the pipeline key.
 *
 * raw and clean take mode/shards from sizing (clean carries about what raw carries, minus
 * duplicates). dead-letter is always ON_DEMAND: it is normally a trickle, but a bad client release
 * can turn most of raw into dead letters at once — on-demand absorbs that burst without reserving
 * shards for it the rest of the time, and nothing is throttled away when it matters most.
 * No enhanced shard-level metrics: at seed scale (120–235 shards × 3 streams) they would cost more
 * than the alarms need; stream-level metrics carry throttling and iterator age.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EventStream as EventStreamContract, StreamChannel } from "../contracts";
import type { KinesisSizing } from "../sizing";
import { checkName } from "./limits";

export type KinesisChannel = "raw" | "clean" | "dead-letter";

export interface KinesisEventStreamArgs {
  /** Physical names per channel (seed 000: `<stack>-client-game_event-<channel>`). */
  streamNames: Record<KinesisChannel, string>;
  sizing: KinesisSizing;
  retentionHours: number;
  keyArn: pulumi.Input<string>;
  protect: boolean;
  tags: Record<string, string>;
}

export class KinesisEventStream extends pulumi.ComponentResource implements EventStreamContract {
  public readonly streams: Record<KinesisChannel, aws.kinesis.Stream>;
  public readonly raw: StreamChannel;
  public readonly clean: StreamChannel;
  public readonly deadLetter: StreamChannel;

  constructor(name: string, args: KinesisEventStreamArgs, opts?: pulumi.ComponentResourceOptions) {
    for (const streamName of Object.values(args.streamNames)) checkName("kinesisStream", streamName);
    if (args.sizing.mode === "PROVISIONED" && !(args.sizing.shards && args.sizing.shards >= 1)) {
      throw new RangeError(`PROVISIONED Kinesis sizing needs shards ≥ 1, got ${args.sizing.shards}`);
    }
    super("telemetry:aws:EventStream", name, {}, opts);
    const stream = (channel: KinesisChannel, sizing: Pick<KinesisSizing, "mode" | "shards">) =>
      new aws.kinesis.Stream(
        `${name}-${channel}`,
        {
          name: args.streamNames[channel],
          retentionPeriod: args.retentionHours,
          encryptionType: "KMS",
          kmsKeyId: args.keyArn,
          streamModeDetails: { streamMode: sizing.mode },
          shardCount: sizing.mode === "PROVISIONED" ? sizing.shards : undefined,
          tags: { ...args.tags, channel },
        },
        { parent: this, protect: args.protect, retainOnDelete: args.protect },
      );
    this.streams = {
      raw: stream("raw", args.sizing),
      clean: stream("clean", args.sizing),
      "dead-letter": stream("dead-letter", { mode: "ON_DEMAND" }),
    };
    const channel = (s: aws.kinesis.Stream): StreamChannel => ({ kind: "kinesis", name: s.name, id: s.arn });
    this.raw = channel(this.streams.raw);
    this.clean = channel(this.streams.clean);
    this.deadLetter = channel(this.streams["dead-letter"]);
    this.registerOutputs({ raw: this.raw.name, clean: this.clean.name, deadLetter: this.deadLetter.name });
  }
}
