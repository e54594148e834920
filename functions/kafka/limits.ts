/** Kafka limits the producer and sinks rely on. */

/** Broker default `message.max.bytes` (MSK keeps Kafka's default): one record batch at most this big. */
export const KAFKA_MAX_MESSAGE_BYTES = 1_048_588;
/** Record batch overhead kept free below the limit (headers, key length, CRC, attributes). */
export const KAFKA_RECORD_OVERHEAD_BYTES = 512;
/** Messages per produce call: bounds what one failed call takes down with it. */
export const KAFKA_SEND_MAX_MESSAGES = 500;
/** Bytes per produce call. */
export const KAFKA_SEND_MAX_BYTES = 4 * 1024 * 1024;
/** `acks=all`: the leader waits for every in-sync replica (min.insync.replicas = 2 on the cluster). */
export const ACKS_ALL = -1;
