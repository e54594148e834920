/**
 * The monthly traffic the cost estimate prices, from `telemetry:load` and stated assumptions.
 * A month is 730 hours (AWS's and Google's billing convention); GB means 2^30 bytes.
 */
import type { TelemetryConfig } from "../../components/config";

export const HOURS_PER_MONTH = 730;
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
export const DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
export const GB = 2 ** 30;

/** Dead-letter records carry the original bytes base64-encoded plus reason and coordinates. */
export const DEAD_LETTER_SIZE_FACTOR = 2;

export interface Traffic {
  eventsPerMonth: number;
  eventsPerDay: number;
  eventBytes: number;
  /** Ingest API requests per month (events ÷ events per request). */
  requestsPerMonth: number;
  /** Share of events that end as dead letters (the alert threshold, an upper bound for a healthy stack). */
  deadLetterFraction: number;
}

export function trafficFor(config: Pick<TelemetryConfig, "load" | "alerts">): Traffic {
  const eventsPerMonth = config.load.averageEventsPerSecond * SECONDS_PER_MONTH;
  return {
    eventsPerMonth,
    eventsPerDay: eventsPerMonth / DAYS_PER_MONTH,
    eventBytes: config.load.averageEventBytes,
    requestsPerMonth: eventsPerMonth / config.load.eventsPerRequest,
    deadLetterFraction: config.alerts.deadLetterRatePercent / 100,
  };
}

export type Channel = "raw" | "clean" | "deduped" | "deadLetter";

/** The channel a stream/topic name carries (`prod-client-game_event-dead-letter` → deadLetter). */
export function channelOf(name: string): Channel | undefined {
  if (/dead-?letter|dlq/i.test(name)) return "deadLetter";
  if (/deduped/i.test(name)) return "deduped";
  if (/clean|enriched/i.test(name)) return "clean";
  if (/raw/i.test(name)) return "raw";
  return undefined;
}

/** Records per month and bytes per record on a channel (raw, clean and deduped carry every event). */
export function channelFlow(traffic: Traffic, channel: Channel): { records: number; recordBytes: number } {
  if (channel === "deadLetter") return { records: traffic.eventsPerMonth * traffic.deadLetterFraction, recordBytes: traffic.eventBytes * DEAD_LETTER_SIZE_FACTOR };
  return { records: traffic.eventsPerMonth, recordBytes: traffic.eventBytes };
}
