/**
 * No GCP IAM grant to `allUsers` / `allAuthenticatedUsers`, except the one grant the product needs:
 * the public invoker of the ingest function (its own API-key check protects it). That grant is
 * recognised by its logical-name role — `…-ingest[-…]-invoker` — plus an invoker role and `allUsers`.
 */
import type { CheckedResource, ResourceRule } from "./types";
import { asList, containsUnknown, jsonDocument } from "./values";

export const PUBLIC_MEMBERS: ReadonlySet<string> = new Set(["allUsers", "allAuthenticatedUsers"]);
export const INVOKER_ROLES: ReadonlySet<string> = new Set(["roles/run.invoker", "roles/cloudfunctions.invoker"]);
/** Logical names of the ingest endpoint's invoker grant: `<base>-ingest-invoker`, `<base>-ingest-fn-invoker`, … */
export const INGEST_INVOKER_NAME = /(^|-)ingest(-[a-z0-9]+)*-invoker$/;

const IAM_GRANT_TYPE = /Iam(Member|Binding|Policy)$/i;

/** The ingest endpoint's public invoker: an invoker-role grant to allUsers named for that role. */
export function isIngestInvoker(resource: CheckedResource): boolean {
  return (
    INGEST_INVOKER_NAME.test(resource.name) &&
    INVOKER_ROLES.has(resource.inputs.role) &&
    resource.inputs.member === "allUsers"
  );
}

/** Every member string a grant names (member, members, policyData bindings, dataset accesses). */
function grantedMembers(resource: CheckedResource): string[] {
  const { inputs } = resource;
  const members: unknown[] = [inputs.member, ...asList(inputs.members as unknown[])];
  const policy = jsonDocument(inputs.policyData);
  for (const binding of asList(policy?.bindings as Array<{ members?: string[] }>)) members.push(...asList(binding.members));
  for (const access of asList(inputs.accesses as Array<Record<string, unknown>>)) members.push(access.iamMember, access.specialGroup);
  members.push(inputs.iamMember, inputs.specialGroup);
  return members.filter((m): m is string => typeof m === "string");
}

function appliesTo(type: string): boolean {
  const [pkg, , className] = type.split(":");
  return pkg === "gcp" && (IAM_GRANT_TYPE.test(className ?? "") || type === "gcp:bigquery/dataset:Dataset" || type === "gcp:bigquery/datasetAccess:DatasetAccess");
}

export const noPublicGcpMembers: ResourceRule = {
  kind: "resource",
  name: "no-public-gcp-members",
  description: "No GCP IAM grant names allUsers or allAuthenticatedUsers, except the ingest function's invoker.",
  severity: "critical",
  check(resource) {
    if (!appliesTo(resource.type) || containsUnknown(resource.inputs.member) || containsUnknown(resource.inputs.members)) return [];
    const publicMembers = grantedMembers(resource).filter((member) => PUBLIC_MEMBERS.has(member));
    if (publicMembers.length === 0 || isIngestInvoker(resource)) return [];
    return [`grants ${[...new Set(publicMembers)].join(", ")}; only the ingest function's invoker (a grant named *-ingest-invoker with an invoker role) may be public`];
  },
};
