/**
 * IAM rejects a policy whose statement ids repeat. The shared builders use fixed Sids ("ListBucket",
 * "ReadObjects" …), so a role that reads two buckets would repeat them: every heavy-tier role policy
 * goes through `scoped`, which prefixes each Sid with what it is for, and `assertUniqueSids`.
 */
import type { PolicyStatement } from "../../iam/policy-document";

/** The statements with `Sid` = `<scope><Sid>` (scope in PascalCase, e.g. "Silver"). */
export function scoped(scope: string, statements: PolicyStatement[]): PolicyStatement[] {
  if (!/^[A-Za-z0-9]+$/.test(scope)) throw new RangeError(`Sid scope "${scope}" must be alphanumeric`);
  return statements.map((statement) => ({ ...statement, Sid: `${scope}${statement.Sid ?? ""}` }));
}

/** The statements unchanged, or a RangeError naming the repeated Sid(s). */
export function assertUniqueSids(statements: PolicyStatement[]): PolicyStatement[] {
  const sids = statements.map((s) => s.Sid).filter((sid): sid is string => sid !== undefined);
  const repeated = [...new Set(sids.filter((sid, i) => sids.indexOf(sid) !== i))];
  if (repeated.length > 0) throw new RangeError(`policy statement id(s) repeat: ${repeated.join(", ")}`);
  return statements;
}
