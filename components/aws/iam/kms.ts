/** KMS statements for the pipeline key, used only through the AWS services that encrypt with it. */
import * as pulumi from "@pulumi/pulumi";
import type { PolicyStatement } from "./policy-document";

export const KMS_ENCRYPT_ACTIONS = ["kms:GenerateDataKey"] as const;
export const KMS_DECRYPT_ACTIONS = ["kms:Decrypt"] as const;

export type KmsUse = "encrypt" | "decrypt" | "both";

/** `kinesis.us-east-1.amazonaws.com` — the value of the `kms:ViaService` condition key. */
export function viaService(service: string, region: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`${service}.${region}.amazonaws.com`;
}

/**
 * Use of `keyArn` only when the call comes through one of `viaServices` (e.g. Kinesis decrypting a
 * record for its consumer), never directly.
 */
export function kmsUseStatements(keyArn: pulumi.Input<string>, use: KmsUse, viaServices: pulumi.Input<string>[]): PolicyStatement[] {
  if (viaServices.length === 0) throw new RangeError("kmsUseStatements needs at least one kms:ViaService value");
  const actions = use === "encrypt" ? [...KMS_ENCRYPT_ACTIONS] : use === "decrypt" ? [...KMS_DECRYPT_ACTIONS] : [...KMS_DECRYPT_ACTIONS, ...KMS_ENCRYPT_ACTIONS];
  return [{ Sid: "UseKeyViaServices", Effect: "Allow", Action: actions, Resource: [keyArn], Condition: { StringEquals: { "kms:ViaService": viaServices } } }];
}
