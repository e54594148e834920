/**
 * The Pulumi program: read the `telemetry` config → TelemetryPipeline → stack outputs.
 * All logic lives in components/; this file only connects Pulumi's runtime to it.
 */
import * as pulumi from "@pulumi/pulumi";
import { parseTelemetryConfig } from "./components/config";
import { TelemetryPipeline } from "./components/pipeline";
import { decodeTelemetryConfig } from "./components/read-config";

const config = parseTelemetryConfig(decodeTelemetryConfig(pulumi.runtime.allConfig()));
const pipeline = new TelemetryPipeline("telemetry", { config, stack: pulumi.getStack() });

export const variant = pipeline.outputs.variant;
export const tier = pipeline.outputs.tier;
export const ingestUrl = pipeline.outputs.ingestUrl;
export const buckets = pipeline.outputs.buckets;
export const streams = pipeline.outputs.streams;
export const dashboards = pipeline.outputs.dashboards;
export const alertDestination = pipeline.outputs.alertDestination;
export const apiKeyStore = pipeline.outputs.apiKeyStore;
