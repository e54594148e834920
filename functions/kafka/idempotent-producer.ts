/**
 * The producer every writer in the aws-msk variant uses: idempotent (the broker drops a retried
 * batch it already has, so kafkajs's retries never duplicate), acks=all, one request in flight
 * (kafkajs requires that for idempotence), connected once per Lambda container.
 */
import type { Kafka, Producer } from "kafkajs";

export function createIdempotentProducer(kafka: Pick<Kafka, "producer">): Producer {
  return kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
}

/** Connects on first use and reconnects after a failed connect (the next invocation tries again). */
export class LazyConnection<T extends { connect(): Promise<void> }> {
  private connecting: Promise<void> | undefined;

  constructor(readonly client: T) {}

  async ready(): Promise<T> {
    this.connecting ??= this.client.connect().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    await this.connecting;
    return this.client;
  }
}
