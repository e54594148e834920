/**
 * Loads a stack's config the way the Pulumi CLI would: Pulumi.yaml project values, then
 * Pulumi.<stack>.yaml, then each `--set key=value` as `pulumi config set key value` (a string).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ConfigError } from "../../components/config";

export const PROJECT_ROOT = join(__dirname, "..", "..");

export interface StackConfig {
  stack: string;
  /** Flat `namespace:key` → string, as `pulumi.runtime.allConfig()` returns it. */
  flat: Record<string, string>;
}

/** Stacks that have a `Pulumi.<stack>.yaml` in the project. */
export function availableStacks(root = PROJECT_ROOT): string[] {
  const { readdirSync } = require("node:fs") as typeof import("node:fs");
  return readdirSync(root)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((stack): stack is string => Boolean(stack))
    .sort();
}

export function loadStackConfig(stack: string, sets: string[] = [], root = PROJECT_ROOT): StackConfig {
  const stackFile = join(root, `Pulumi.${stack}.yaml`);
  if (!/^[\w.-]+$/.test(stack) || !existsSync(stackFile)) {
    throw new ConfigError(`stack "${stack}" has no Pulumi.${stack}.yaml; available stacks: ${availableStacks(root).join(", ")}`);
  }
  const flat: Record<string, string> = {};
  const project = parse(readFileSync(join(root, "Pulumi.yaml"), "utf8")) as { config?: Record<string, { value?: unknown }> };
  for (const [key, spec] of Object.entries(project.config ?? {})) {
    if (spec && typeof spec === "object" && "value" in spec) flat[key] = encodeValue(spec.value);
  }
  const stackYaml = (parse(readFileSync(stackFile, "utf8")) ?? {}) as { config?: Record<string, unknown> };
  for (const [key, value] of Object.entries(stackYaml.config ?? {})) flat[key] = encodeValue(value);
  for (const assignment of sets) {
    const match = /^([\w-]+:[\w.-]+)=(.*)$/s.exec(assignment);
    if (!match) throw new ConfigError(`--set ${JSON.stringify(assignment)} is invalid: expected namespace:key=value, e.g. telemetry:variant=aws-msk`);
    flat[match[1]] = match[2];
  }
  return { stack, flat };
}

/** Pulumi keeps structured values as JSON strings and scalars as their string form. */
function encodeValue(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}
