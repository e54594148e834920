/**
 * Offline plan diff: what a branch changes compared with the base branch's plan (`npm run plan --
 * <stack> --json` on each side). Resources are matched by URN; inputs are compared leaf by leaf
 * (JSON documents such as IAM policies are compared inside). Replacing or removing a stateful
 * resource — a bucket, table, stream, topic or cluster — is reported separately and loudly.
 */
import { isDeepStrictEqual } from "node:util";
import { isStateful, REPLACING_INPUTS } from "./stateful-types";

export interface PlanDocumentResource {
  type: string;
  name: string;
  urn: string;
  inputs?: Record<string, unknown>;
  protect?: boolean;
}

/** The parts of `npm run plan -- <stack> --json` the diff reads. */
export interface PlanDocument {
  stack: string;
  resources: PlanDocumentResource[];
}

export interface ResourceRef {
  urn: string;
  type: string;
  name: string;
}

export interface InputChange {
  /** Dotted path; `policy{json}.Statement[0]` walks into a JSON string. */
  path: string;
  before: unknown;
  after: unknown;
}

export interface ResourceChange extends ResourceRef {
  changes: InputChange[];
}

export interface StatefulRisk extends ResourceRef {
  kind: "replaced" | "removed";
  reason: string;
}

export interface PlanDiff {
  baseStack: string;
  headStack: string;
  added: ResourceRef[];
  removed: ResourceRef[];
  changed: ResourceChange[];
  /** Stateful resources this change replaces or deletes. */
  statefulRisks: StatefulRisk[];
}

const ref = (r: PlanDocumentResource): ResourceRef => ({ urn: r.urn, type: r.type, name: r.name });

/** Leaf-level differences between two input values. */
export function diffValues(before: unknown, after: unknown, path = ""): InputChange[] {
  if (isDeepStrictEqual(before, after)) return [];
  const jsonBefore = parseJsonObject(before);
  const jsonAfter = parseJsonObject(after);
  if (jsonBefore && jsonAfter) return diffValues(jsonBefore, jsonAfter, `${path}{json}`);
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = Array.isArray(before)
      ? [...Array(Math.max(before.length, (after as unknown[]).length)).keys()]
      : [...new Set([...Object.keys(before), ...Object.keys(after as object)])].sort();
    return keys.flatMap((key) =>
      diffValues((before as any)[key], (after as any)[key], Array.isArray(before) ? `${path}[${key}]` : path ? `${path}.${key}` : String(key)),
    );
  }
  return [{ path: path || "(value)", before, after }];
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === "object";
}

function parseJsonObject(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== "string" || !/^\s*[{[]/.test(value)) return undefined;
  try {
    const parsed = JSON.parse(value);
    return isContainer(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function valueAt(inputs: Record<string, unknown> | undefined, path: string): unknown {
  return path.split(".").reduce<unknown>((current, key) => (isContainer(current) ? (current as Record<string, unknown>)[key] : undefined), inputs);
}

export function diffPlans(base: PlanDocument, head: PlanDocument): PlanDiff {
  const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
  const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
  const added = head.resources.filter((r) => !baseByUrn.has(r.urn));
  const removed = base.resources.filter((r) => !headByUrn.has(r.urn));
  const changed: ResourceChange[] = [];
  const statefulRisks: StatefulRisk[] = [];

  for (const after of head.resources) {
    const before = baseByUrn.get(after.urn);
    if (!before) continue;
    const changes = diffValues(before.inputs ?? {}, after.inputs ?? {});
    if (Boolean(before.protect) !== Boolean(after.protect)) changes.push({ path: "(protect)", before: Boolean(before.protect), after: Boolean(after.protect) });
    if (changes.length === 0) continue;
    changed.push({ ...ref(after), changes });
    const replacing = (REPLACING_INPUTS[after.type] ?? []).filter((path) => !isDeepStrictEqual(valueAt(before.inputs, path), valueAt(after.inputs, path)));
    if (replacing.length > 0) {
      const detail = replacing.map((path) => `${path} ${JSON.stringify(valueAt(before.inputs, path))} → ${JSON.stringify(valueAt(after.inputs, path))}`).join("; ");
      statefulRisks.push({ ...ref(after), kind: "replaced", reason: `changing ${detail} replaces it (delete + create)` });
    }
  }

  for (const gone of removed.filter((r) => isStateful(r.type))) {
    // Same type and name elsewhere in the tree = a re-parented/renamed URN: Pulumi deletes and recreates it.
    const moved = added.find((r) => r.type === gone.type && (r.name === gone.name || samePhysicalName(r, gone)));
    statefulRisks.push({
      ...ref(gone),
      kind: "removed",
      reason: moved
        ? `its URN changed (now ${moved.urn}?): Pulumi will delete the old one and create a new one — add an alias to keep the data`
        : "it is no longer in the program: Pulumi will delete it and its data",
    });
  }

  return { baseStack: base.stack, headStack: head.stack, added: added.map(ref), removed: removed.map(ref), changed, statefulRisks };
}

/** Inputs that carry a resource's physical name. */
const PHYSICAL_NAME_INPUTS = ["name", "bucket", "clusterName", "namespaceName", "tableId", "datasetId"];

function samePhysicalName(a: PlanDocumentResource, b: PlanDocumentResource): boolean {
  return PHYSICAL_NAME_INPUTS.some((key) => a.inputs?.[key] !== undefined && isDeepStrictEqual(a.inputs?.[key], b.inputs?.[key]));
}

/** Reads a plan JSON document, naming what is wrong when it is not one. */
export function parsePlanDocument(text: string, source: string): PlanDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON (${(error as Error).message}); produce it with npm run plan -- <stack> --json`);
  }
  const doc = parsed as Partial<PlanDocument>;
  const valid =
    isContainer(doc) &&
    typeof doc.stack === "string" &&
    Array.isArray(doc.resources) &&
    doc.resources.every((r) => isContainer(r) && typeof r.urn === "string" && typeof r.type === "string" && typeof r.name === "string");
  if (!valid) throw new Error(`${source} is not a plan document {stack, resources:[{type,name,urn,inputs}]}; produce it with npm run plan -- <stack> --json`);
  return doc as PlanDocument;
}

const MAX_VALUE = 120;
const show = (value: unknown) => {
  const text = value === undefined ? "(unset)" : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
};

/** Markdown for a PR comment (reads fine in a terminal too). */
export function formatPlanDiff(diff: PlanDiff): string {
  const lines: string[] = [];
  const title = diff.baseStack === diff.headStack ? diff.headStack : `${diff.baseStack} → ${diff.headStack}`;
  lines.push(`### Offline plan diff: ${title}`);
  lines.push("");
  lines.push(`${diff.added.length} to add, ${diff.removed.length} to remove, ${diff.changed.length} to change.`);
  if (diff.statefulRisks.length > 0) {
    lines.push("");
    lines.push(`> [!CAUTION]`);
    lines.push(`> **⚠️ STATEFUL RESOURCES REPLACED OR DELETED: ${diff.statefulRisks.length} — stored data would be lost.**`);
    for (const risk of diff.statefulRisks) lines.push(`> - **${risk.kind.toUpperCase()}** \`${risk.type}\` **${risk.name}**: ${risk.reason}`);
  }
  const section = (heading: string, items: ResourceRef[]) => {
    if (items.length === 0) return;
    lines.push("", `#### ${heading} (${items.length})`);
    for (const item of items) lines.push(`- \`${item.type}\` ${item.name}${isStateful(item.type) ? " (stateful)" : ""}`);
  };
  section("Added", diff.added);
  section("Removed", diff.removed);
  if (diff.changed.length > 0) {
    lines.push("", `#### Changed (${diff.changed.length})`);
    for (const change of diff.changed) {
      lines.push(`- \`${change.type}\` ${change.name}`);
      for (const c of change.changes) lines.push(`  - \`${c.path}\`: ${show(c.before)} → ${show(c.after)}`);
    }
  }
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) lines.push("", "No resource changes.");
  return lines.join("\n");
}
