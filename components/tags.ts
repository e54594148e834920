/** Tags (AWS) and labels (GCP) applied to every resource. */
import type { TelemetryConfig } from "./config";

export function baseTags(config: Pick<TelemetryConfig, "variant" | "tier" | "tags">, stack: string): Record<string, string> {
  return {
    project: "game-telemetry",
    stack,
    variant: config.variant,
    tier: config.tier,
    "managed-by": "pulumi",
    ...config.tags,
  };
}

/** GCP labels: lower-case keys and values of [a-z0-9_-], keys ≤ 63 characters, starting with a letter. */
export function gcpLabels(tags: Record<string, string>): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [key, value] of Object.entries(tags)) {
    const k = key.toLowerCase().replace(/[^a-z0-9_-]/g, "_").replace(/^[^a-z]+/, "").slice(0, 63);
    if (!k) continue;
    labels[k] = value.toLowerCase().replace(/[^a-z0-9_-]/g, "_").slice(0, 63);
  }
  return labels;
}
