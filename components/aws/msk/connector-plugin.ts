/**
 * Where the MSK Connect plugin comes from (pure): an existing S3 object, an https URL or a local
 * file — the last two are uploaded by Pulumi into the variant's artifact bucket. A local file is
 * checked against `msk.connectorPluginSha256` before anything is created; for the other two the
 * hash pins the plugin's name (plugins are immutable: a new artifact makes a new plugin).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { basename, isAbsolute, resolve } from "node:path";
import { ConfigError } from "../../config";

export type PluginSource =
  | { kind: "s3"; bucket: string; key: string; contentType: "ZIP" | "JAR" }
  | { kind: "url"; url: string; fileName: string; contentType: "ZIP" | "JAR" }
  | { kind: "file"; path: string; fileName: string; contentType: "ZIP" | "JAR" };

const contentTypeOf = (name: string): "ZIP" | "JAR" => (name.toLowerCase().endsWith(".jar") ? "JAR" : "ZIP");

export function parsePluginSource(source: string, baseDir: string): PluginSource {
  const s3 = /^s3:\/\/([^/]+)\/(.+)$/.exec(source);
  if (s3) return { kind: "s3", bucket: s3[1], key: s3[2], contentType: contentTypeOf(s3[2]) };
  if (source.startsWith("https://")) {
    const fileName = basename(new URL(source).pathname);
    return { kind: "url", url: source, fileName, contentType: contentTypeOf(fileName) };
  }
  const path = isAbsolute(source) ? source : resolve(baseDir, source);
  return { kind: "file", path, fileName: basename(path), contentType: contentTypeOf(path) };
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Fails with a ConfigError when a local plugin file is missing or its SHA-256 differs from config. */
export function verifyLocalPlugin(source: PluginSource, expectedSha256: string): void {
  if (source.kind !== "file") return;
  if (!existsSync(source.path)) {
    throw new ConfigError(`telemetry:msk.connectorPluginSource = "${source.path}" does not exist; allowed: an existing .zip/.jar file, an https:// URL or an s3:// URI`);
  }
  const actual = sha256Hex(readFileSync(source.path));
  if (actual !== expectedSha256) {
    throw new ConfigError(`telemetry:msk.connectorPluginSha256 = "${expectedSha256}" does not match ${source.path} (its SHA-256 is ${actual}); allowed: the file's SHA-256`);
  }
}

/** The uploaded object's key: the hash keeps two artifacts of the same file name apart. */
export function artifactKey(source: PluginSource, sha256: string): string {
  return source.kind === "s3" ? source.key : `msk-connect-plugins/${sha256.slice(0, 16)}/${source.fileName}`;
}
