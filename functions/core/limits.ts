import { Rejection } from "./rejection";

/**
 * Checks nesting depth and total key count of a parsed event without recursion (a hostile record of
 * thousands of nested arrays cannot overflow the call stack), stopping as soon as a limit is passed.
 * Depth: the event object is 1, each nested object or array adds 1. Fields: every object key counts,
 * at any depth (array elements do not; the byte limit bounds them).
 */
export function checkLimits(event: Record<string, unknown>, maxDepth: number, maxFields: number): Rejection | null {
  // Parallel stacks of containers still to visit and their depths; no per-node allocation.
  const pending: unknown[] = [event];
  const depths: number[] = [1];
  let fields = 0;
  while (pending.length > 0) {
    const node = pending.pop() as object;
    const depth = depths.pop() as number;
    if (depth > maxDepth) {
      return new Rejection("TOO_DEEP", `the event nests objects/arrays deeper than ${maxDepth} levels`);
    }
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const child = node[i];
        if (typeof child === "object" && child !== null) {
          pending.push(child);
          depths.push(depth + 1);
        }
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key in record) {
      if (++fields > maxFields) {
        return new Rejection("TOO_MANY_FIELDS", `the event has more than ${maxFields} fields across its object tree`);
      }
      const child = record[key];
      if (typeof child === "object" && child !== null) {
        pending.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return null;
}
