/**
 * Which path each authorisation mode is served on (pure). A REST method has exactly one authoriser,
 * so each mode gets its own method: the API-key mode (whose authorizer only allows POST /v1/events)
 * or else the first mode listed owns `/v1/events`; every other mode is `/v1/<mode>/events`.
 */
import type { AuthMode } from "../../config";
import { INGEST_PATH } from "../../../functions/ingest-api/contract";

export interface IngestRoute {
  mode: AuthMode;
  /** Path segments below the API root, e.g. ["v1", "events"]. */
  segments: string[];
  path: string;
}

export function ingestRoutes(modes: readonly AuthMode[]): IngestRoute[] {
  if (modes.length === 0) throw new RangeError("at least one auth mode is required");
  if (new Set(modes).size !== modes.length) throw new RangeError(`auth modes repeat: ${modes.join(", ")}`);
  const primary = modes.includes("apiKey") ? "apiKey" : modes[0];
  const base = INGEST_PATH.split("/").filter(Boolean); // ["v1", "events"]
  return [primary, ...modes.filter((m) => m !== primary)].map((mode) => {
    const segments = mode === primary ? base : [base[0], mode.toLowerCase(), ...base.slice(1)];
    return { mode, segments, path: `/${segments.join("/")}` };
  });
}
