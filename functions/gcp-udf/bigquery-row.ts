/**
 * A SILVER event as a row of BigQuery `events_landing` (seed 003's `events` columns + game_id,
 * event_hour, received_at, dedup_key). The template inserts the UDF's JSON by column name, so this
 * object must name exactly the table's columns; test/gcp checks it against the DDL.
 *
 * Seed 003 types `event_type` as INT64 (codes such as 1001 level_start) with a separate
 * `event_name`. A numeric SILVER event_type becomes the code; any other event_type is kept whole in
 * `event_name` with code 0 ("no numeric code") — nothing is lost and the core's verdict stands.
 * The seed's enrichment columns (country, device_tier, …) are filled from same-named parameters
 * when the client sent them with the right type; geo/device lookups are not part of this build.
 */
import type { SilverEvent } from "../core";

export const NO_EVENT_TYPE_CODE = 0;
const INT64_PATTERN = /^-?\d{1,18}$/;

export interface LandingRow {
  event_id: string;
  user_id: string;
  session_id: string | null;
  event_type: number;
  event_name: string | null;
  timestamp: string;
  event_date: string;
  parameters: string;
  platform: string | null;
  app_version: string | null;
  country: string | null;
  region: string | null;
  device_category: string | null;
  device_tier: string | null;
  is_paying_user: boolean | null;
  days_since_install: number | null;
  game_id: string | null;
  event_hour: number;
  received_at: string;
  dedup_key: string;
}

function stringParameter(parameters: Record<string, unknown>, name: string): string | null {
  const value = parameters[name];
  return typeof value === "string" ? value : null;
}

export function toLandingRow(event: SilverEvent, dedupKey: string): LandingRow {
  const numeric = INT64_PATTERN.test(event.event_type);
  const parameters = event.parameters;
  const paying = parameters.is_paying_user;
  const days = parameters.days_since_install;
  return {
    event_id: event.event_id,
    user_id: event.user_id,
    session_id: event.session_id,
    event_type: numeric ? Number(event.event_type) : NO_EVENT_TYPE_CODE,
    event_name: numeric ? stringParameter(parameters, "event_name") : event.event_type,
    timestamp: event.event_timestamp,
    event_date: event.event_date,
    parameters: JSON.stringify(parameters),
    platform: event.platform,
    app_version: event.app_version,
    country: stringParameter(parameters, "country"),
    region: stringParameter(parameters, "region"),
    device_category: stringParameter(parameters, "device_category"),
    device_tier: stringParameter(parameters, "device_tier"),
    is_paying_user: typeof paying === "boolean" ? paying : null,
    days_since_install: typeof days === "number" && Number.isInteger(days) ? days : null,
    game_id: event.game_id,
    event_hour: event.event_hour,
    received_at: event.received_at,
    dedup_key: dedupKey,
  };
}
