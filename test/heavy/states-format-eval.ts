/**
 * Evaluates the `States.Format('template', $.path, …)` expressions the GOLD state machine generates,
 * the way Step Functions does: backslash escapes inside the literal, each unescaped `{}` takes the
 * next argument. Only simple `$.a.b` argument paths are supported (that is all the builder emits).
 */
export function evaluateStatesFormat(expression: string, state: Record<string, unknown>): string {
  const prefix = "States.Format('";
  if (!expression.startsWith(prefix)) throw new Error(`not a States.Format call: ${expression.slice(0, 40)}`);
  const pieces: Array<{ literal: string } | { slot: true }> = [];
  let literal = "";
  let i = prefix.length;
  for (; i < expression.length; i++) {
    const ch = expression[i];
    if (ch === "\\") {
      literal += expression[++i];
    } else if (ch === "'") {
      break;
    } else if (ch === "{" && expression[i + 1] === "}") {
      pieces.push({ literal }, { slot: true });
      literal = "";
      i++;
    } else if (ch === "{" || ch === "}") {
      throw new Error(`unescaped ${ch} at ${i} in the template`);
    } else {
      literal += ch;
    }
  }
  pieces.push({ literal });
  const rest = expression.slice(i + 1);
  if (!rest.endsWith(")")) throw new Error(`States.Format call not closed: …${rest.slice(-20)}`);
  const args = rest
    .slice(0, -1)
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
  const values = args.map((path) => {
    if (!/^\$(\.[A-Za-z_]\w*)+$/.test(path)) throw new Error(`unsupported argument ${path}`);
    const value = path.split(".").slice(1).reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], state);
    if (value === undefined) throw new Error(`path ${path} is not in the state`);
    return String(value);
  });
  const slots = pieces.filter((p) => "slot" in p).length;
  if (slots !== values.length) throw new Error(`template has ${slots} {} but ${values.length} arguments`);
  let next = 0;
  return pieces.map((p) => ("slot" in p ? values[next++] : p.literal)).join("");
}
