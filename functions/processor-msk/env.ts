/**
 * Environment of the MSK-triggered processor: the processor's own variables (functions/processor/config.ts,
 * with CLEAN_STREAM / DEAD_LETTER_STREAM holding the clean and dead-letter topic names) plus the brokers.
 */
export const PROCESSOR_MSK_ENV = { bootstrapBrokers: "BOOTSTRAP_BROKERS" } as const;
