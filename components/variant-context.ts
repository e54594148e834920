/** What every variant builder receives. */
import type * as pulumi from "@pulumi/pulumi";
import type { TelemetryConfig } from "./config";
import type { Names } from "./naming";
import type { Sizing } from "./sizing";

export interface VariantContext {
  /** Logical base name; children are named `${name}-<role>`. */
  name: string;
  stack: string;
  config: TelemetryConfig;
  sizing: Sizing;
  names: Names;
  tags: Record<string, string>;
  /** The TelemetryPipeline component: every top-level child uses `{ parent }`. */
  parent: pulumi.ComponentResource;
}
