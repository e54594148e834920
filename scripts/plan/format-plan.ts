/** Human and machine renderings of a StackPlan. */
import type { StackPlan } from "./plan-stack";
import type { PlannedResource } from "./run-under-mocks";

/** The `--json` document: exactly `{stack, config, sizing, resources:[{type,name,parent}]}` (+ variantSizing, outputs). */
export function planJson(plan: StackPlan): Record<string, unknown> {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  return {
    stack: plan.stack,
    config: plan.config,
    sizing: plan.sizing,
    ...(plan.variantSizing ? { variantSizing: plan.variantSizing } : {}),
    outputs: plan.outputs,
    resources: plan.resources.map((r) => ({
      type: r.type,
      name: r.name,
      parent: r.parent ? byUrn.get(r.parent)?.name ?? r.parent : null,
      urn: r.urn,
      inputs: r.inputs,
      protect: r.protect,
    })),
  };
}

export function formatPlan(plan: StackPlan): string {
  const lines: string[] = [];
  lines.push(`Stack ${plan.stack}: variant ${plan.config.variant}, tier ${plan.config.tier}, ${plan.resources.length} resources`);
  lines.push("");
  lines.push("Resource tree:");
  const children = new Map<string | undefined, PlannedResource[]>();
  for (const r of plan.resources) children.set(r.parent, [...(children.get(r.parent) ?? []), r]);
  const walk = (parent: string | undefined, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      lines.push(`${"  ".repeat(depth + 1)}${r.name}  (${r.type})${r.protect ? "  [protected]" : ""}`);
      walk(r.urn, depth + 1);
    }
  };
  walk(undefined, 0);
  lines.push("");
  lines.push("Counts per type:");
  const counts = new Map<string, number>();
  for (const r of plan.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
  for (const [type, count] of [...counts].sort((a, b) => a[0].localeCompare(b[0]))) lines.push(`  ${String(count).padStart(4)}  ${type}`);
  lines.push("");
  lines.push("Derived sizing (from telemetry:load; override in telemetry:sizing):");
  const { kinesis, processor, firehose, api } = plan.sizing;
  const variant = plan.config.variant;
  lines.push(`  peak ingest: ${plan.config.load.peakEventsPerSecond} events/s × ${plan.config.load.averageEventBytes} B = ${(plan.sizing.peakBytesPerSecond / 1048576).toFixed(2)} MiB/s`);
  // The Kinesis, Lambda, Firehose and API Gateway figures only describe the AWS variants' resources.
  if (variant === "aws-native") lines.push(`  kinesis: ${kinesis.mode}${kinesis.shards ? `, ${kinesis.shards} shards` : ""} (need ${kinesis.shardNeed.toFixed(2)} shards at peak)`);
  if (variant.startsWith("aws-")) {
    if (plan.config.tier === "light") lines.push(`  processor: batch ${processor.batchSize}, window ${processor.batchingWindowSeconds} s, parallelisation ${processor.parallelizationFactor}, ${processor.memoryMiB} MiB`);
    lines.push(`  firehose: buffer ${firehose.bufferMiB} MiB / ${firehose.bufferSeconds} s`);
    lines.push(`  api throttling: ${api.rateLimit} requests/s, burst ${api.burstLimit}`);
  }
  if (plan.variantSizing) {
    lines.push("");
    lines.push(`Sizing of the ${plan.config.variant} variant:`);
    for (const [key, value] of Object.entries(plan.variantSizing)) {
      // One line per second-level entry keeps a group (e.g. heavy → flink, redshift) readable.
      if (value && typeof value === "object" && Object.values(value).every((v) => v && typeof v === "object")) {
        for (const [sub, subValue] of Object.entries(value)) lines.push(`  ${key}.${sub}: ${JSON.stringify(subValue)}`);
      } else lines.push(`  ${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
    }
  }
  return lines.join("\n");
}
