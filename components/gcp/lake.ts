/**
 * GCS data lake: RAW, SILVER, GOLD and dead-letter buckets plus an artifacts bucket (function source,
 * UDF, Dataflow staging). Every bucket: uniform bucket-level access, public access prevention
 * enforced, versioning off (zones are append-only), a lifecycle per zone, CMEK when configured.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { LakeZoneName } from "../contracts";
import type { TelemetryConfig } from "../config";
import type { Names } from "../naming";

export const GCS_BUCKET_NAME_MAX = 63;
/** Objects colder than this move to NEARLINE before they expire (they are rarely read after a month). */
export const NEARLINE_AFTER_DAYS = 30;
/** Function source and UDF uploads are replaced on each deploy; old ones go after a week. */
export const ARTIFACT_DAYS = 7;

export type GcpZone = Exclude<LakeZoneName, "staging"> | "artifacts";

export interface GcpLakeArgs {
  names: Names;
  region: string;
  retention: TelemetryConfig["retention"];
  protectData: boolean;
  labels: Record<string, string>;
  /** CMEK key id when `telemetry:gcp.cmek`; the GCS service agent must already hold encrypter rights. */
  kmsKeyName?: pulumi.Input<string>;
  kmsDependsOn?: pulumi.Resource[];
}

/** Days an object of each zone lives (from `telemetry:retention.zones`). */
export function zoneExpiryDays(retention: TelemetryConfig["retention"]): Record<GcpZone, number> {
  return {
    raw: retention.zones.raw,
    silver: retention.zones.silver,
    gold: retention.zones.gold,
    deadLetter: retention.zones.deadLetter,
    artifacts: ARTIFACT_DAYS,
  };
}

export function lifecycleRules(expiryDays: number): gcp.types.input.storage.BucketLifecycleRule[] {
  const rules: gcp.types.input.storage.BucketLifecycleRule[] = [{ action: { type: "Delete" }, condition: { age: expiryDays } }];
  if (expiryDays > NEARLINE_AFTER_DAYS) {
    rules.unshift({ action: { type: "SetStorageClass", storageClass: "NEARLINE" }, condition: { age: NEARLINE_AFTER_DAYS, matchesStorageClasses: ["STANDARD"] } });
  }
  return rules;
}

const ZONE_ROLES: Record<GcpZone, string> = { raw: "raw", silver: "silver", gold: "gold", deadLetter: "dead-letter", artifacts: "artifacts" };

export class GcpLake extends pulumi.ComponentResource {
  public readonly buckets: Record<GcpZone, gcp.storage.Bucket>;

  constructor(name: string, args: GcpLakeArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:gcp:Lake", name, {}, opts);
    const expiry = zoneExpiryDays(args.retention);
    const buckets = {} as Record<GcpZone, gcp.storage.Bucket>;
    for (const zone of Object.keys(ZONE_ROLES) as GcpZone[]) {
      // Artifacts are rebuilt by every deploy, so only they may be destroyed with their objects; all
      // buckets are protected with the data (a protected stack is never torn down by accident).
      const stateful = zone !== "artifacts";
      buckets[zone] = new gcp.storage.Bucket(
        `${name}-${ZONE_ROLES[zone]}`,
        {
          name: args.names.resource(ZONE_ROLES[zone], GCS_BUCKET_NAME_MAX),
          location: args.region.toUpperCase(),
          storageClass: "STANDARD",
          uniformBucketLevelAccess: true,
          publicAccessPrevention: "enforced",
          forceDestroy: !(args.protectData && stateful),
          lifecycleRules: lifecycleRules(expiry[zone]),
          labels: { ...args.labels, zone: ZONE_ROLES[zone] },
          ...(args.kmsKeyName ? { encryption: { defaultKmsKeyName: args.kmsKeyName } } : {}),
        },
        { parent: this, protect: args.protectData, dependsOn: args.kmsDependsOn },
      );
    }
    this.buckets = buckets;
    this.registerOutputs(Object.fromEntries(Object.entries(buckets).map(([zone, bucket]) => [zone, bucket.name])));
  }
}
