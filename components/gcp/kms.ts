/**
 * Customer-managed encryption (`telemetry:gcp.cmek`): one key ring and key, rotated every 90 days,
 * and encrypter/decrypter rights for exactly the service agents that encrypt with it.
 */
import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { Names } from "../naming";

export const KEY_ROTATION_PERIOD = "7776000s"; // 90 days

export interface GcpKmsArgs {
  names: Names;
  region: string;
  labels: Record<string, string>;
  /** Service agents (`serviceAccount:…`) that must encrypt/decrypt with the key. */
  encrypters: pulumi.Input<string>[];
  protectData: boolean;
}

export class GcpKms extends pulumi.ComponentResource {
  public readonly key: gcp.kms.CryptoKey;
  public readonly grants: gcp.kms.CryptoKeyIAMMember[];

  constructor(name: string, args: GcpKmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("telemetry:gcp:Kms", name, {}, opts);
    const ring = new gcp.kms.KeyRing(`${name}-ring`, { name: args.names.resource("ring", 63), location: args.region }, { parent: this });
    this.key = new gcp.kms.CryptoKey(
      `${name}-key`,
      { name: args.names.resource("data", 63), keyRing: ring.id, rotationPeriod: KEY_ROTATION_PERIOD, purpose: "ENCRYPT_DECRYPT", labels: args.labels },
      // Destroying a key makes everything encrypted with it unreadable: protected with the data.
      { parent: this, protect: args.protectData },
    );
    this.grants = args.encrypters.map(
      (member, index) =>
        new gcp.kms.CryptoKeyIAMMember(
          `${name}-encrypter-${index}`,
          { cryptoKeyId: this.key.id, role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member },
          { parent: this },
        ),
    );
    this.registerOutputs({ key: this.key.id });
  }
}
