/**
 * The policy pack's view of the stack: the stack name comes from the resource URN
 * (`urn:pulumi:<stack>::<project>::…`) and the stack's facts (protectData, CMEK) from its committed
 * `Pulumi.<stack>.yaml`, read with the same loader and schema as the program.
 */
import { parseTelemetryConfig } from "../components/config";
import { decodeTelemetryConfig } from "../components/read-config";
import { loadStackConfig } from "../scripts/plan/stack-config";
import { contextFromConfig } from "./planned-resources";
import type { PolicyContext } from "./rules/types";

export function stackFromUrn(urn: string): string {
  const match = /^urn:pulumi:([^:]+)::/.exec(urn);
  if (!match) throw new Error(`cannot read the stack from URN ${JSON.stringify(urn)}`);
  return match[1];
}

const contexts = new Map<string, PolicyContext>();

/** The context of `stack` (memoised; throws a ConfigError naming the file when the config is bad). */
export function contextForStack(stack: string): PolicyContext {
  let context = contexts.get(stack);
  if (!context) {
    const { flat } = loadStackConfig(stack);
    context = contextFromConfig(stack, parseTelemetryConfig(decodeTelemetryConfig(flat)));
    contexts.set(stack, context);
  }
  return context;
}
