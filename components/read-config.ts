/**
 * Turns Pulumi's flat config (`telemetry:load` → '{"peakEventsPerSecond":100}', `telemetry:tier` →
 * 'light') into the raw object `parseTelemetryConfig` validates. Pure, shared by index.ts and `plan`.
 */
import { CONFIG_NAMESPACE } from "./config";

/** Decodes every `telemetry:*` value: JSON when it parses as JSON, the plain string otherwise. */
export function decodeTelemetryConfig(flat: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  const prefix = `${CONFIG_NAMESPACE}:`;
  for (const [fullKey, value] of Object.entries(flat)) {
    if (!fullKey.startsWith(prefix)) continue;
    raw[fullKey.slice(prefix.length)] = decodeValue(value);
  }
  return raw;
}

function decodeValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
