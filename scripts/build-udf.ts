/**
 * Writes the generated Dataflow UDF for a stack to dist/gcp-udf/<stack>.js (the same text `pulumi up`
 * uploads), so it can be read or run by hand:
 *   npx tsx scripts/build-udf.ts gcp-dev [--set telemetry:variant=gcp-kafka]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseTelemetryConfig } from "../components/config";
import { udfSettingsFor, type GcpStreamKind } from "../components/gcp/gcp-pipeline";
import { namesFor } from "../components/naming";
import { decodeTelemetryConfig } from "../components/read-config";
import { buildUdfSource } from "../functions/gcp-udf/build-udf";
import { loadStackConfig } from "./plan/stack-config";

async function main(): Promise<void> {
  const [stack, ...rest] = process.argv.slice(2);
  if (!stack) throw new Error("usage: build-udf.ts <stack> [--set namespace:key=value …]");
  const sets = rest.flatMap((arg, i) => (rest[i - 1] === "--set" ? [arg] : []));
  const config = parseTelemetryConfig(decodeTelemetryConfig(loadStackConfig(stack, sets).flat));
  const kind: GcpStreamKind = config.variant === "gcp-kafka" ? "kafka" : "pubsub";
  const source = await buildUdfSource(udfSettingsFor({ config, names: namesFor(stack) }, kind));
  const dir = join(__dirname, "..", "dist", "gcp-udf");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${stack}.js`);
  writeFileSync(file, source);
  process.stdout.write(`${file} (${source.length} bytes)\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(error.name === "ConfigError" ? 2 : 1);
});
