/** Environment variables of the producer Lambda; the Pulumi component sets exactly these. */
export const PRODUCER_ENV = { rawTopic: "RAW_TOPIC", bootstrapBrokers: "BOOTSTRAP_BROKERS" } as const;
