/**
 * Raw channel = a Managed Kafka topic (gcp-kafka). One `send` per request with acks=all; the key is the
 * event's partition key (its user, as seed 003's producer does). Kafka acknowledges a batch as a
 * whole, so a failed send marks every event of the request rejected (clients retry them).
 */
import type { Producer } from "kafkajs";
import type { RawPublisher } from "./raw-publisher";

export type KafkaSend = Pick<Producer, "send">;

export function kafkaRawPublisher(producer: KafkaSend, topic: string): RawPublisher {
  return {
    async publish(records) {
      try {
        await producer.send({
          topic,
          acks: -1,
          messages: records.map((record) => ({ key: record.partitionKey, value: Buffer.from(record.data) })),
        });
        return [];
      } catch (error) {
        const message = `Kafka produce failed: ${(error as Error)?.message ?? String(error)}`;
        return records.map((_, index) => ({ index, errorCode: "ProduceFailed", errorMessage: message }));
      }
    },
  };
}
