/**
 * Raw channel = a Pub/Sub topic. Each event is one message (ordering key = the event's partition key,
 * i.e. its user); publishes run in parallel and each failure is reported against its own index.
 */
import type { Topic } from "@google-cloud/pubsub";
import type { RawPublisher } from "./raw-publisher";

export type PublishMessage = Pick<Topic, "publishMessage">;

export function pubsubRawPublisher(topic: PublishMessage): RawPublisher {
  return {
    async publish(records) {
      const outcomes = await Promise.allSettled(
        records.map((record) => topic.publishMessage({ data: Buffer.from(record.data), attributes: { partition_key: record.partitionKey } })),
      );
      return outcomes.flatMap((outcome, index) =>
        outcome.status === "fulfilled"
          ? []
          : [{ index, errorCode: "PublishFailed", errorMessage: `Pub/Sub publish failed: ${(outcome.reason as Error)?.message ?? String(outcome.reason)}` }],
      );
    },
  };
}
