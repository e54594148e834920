export * from "./bootstrap-brokers";
export * from "./idempotent-producer";
export * from "./kafka-event-sink";
export * from "./limits";
export * from "./msk-iam-client";
export * from "./send-messages";
