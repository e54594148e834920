/**
 * Structural validator for the subset of the Amazon States Language the GOLD state machine uses
 * (Pass, Task, Choice, Succeed, Fail; JSONPath states plus JSONata Pass states). It checks what the
 * service's own validation would reject: missing or dangling transitions, unreachable states, bad
 * Retry/Catch fields, `.$` fields that are not paths/intrinsics, JSONPath-only fields in JSONata states.
 * Returns a list of problems (empty = valid) so tests can assert on specific failures.
 */

const STATE_TYPES = new Set(["Pass", "Task", "Choice", "Succeed", "Fail"]);
const ALLOWED_FIELDS: Record<string, Set<string>> = {
  Pass: new Set(["Type", "Comment", "QueryLanguage", "Next", "End", "Parameters", "Result", "ResultPath", "InputPath", "OutputPath", "Output", "Assign"]),
  Task: new Set(["Type", "Comment", "QueryLanguage", "Next", "End", "Resource", "Parameters", "Arguments", "ResultSelector", "ResultPath", "InputPath", "OutputPath", "Output", "Assign", "Retry", "Catch", "TimeoutSeconds", "HeartbeatSeconds"]),
  Choice: new Set(["Type", "Comment", "QueryLanguage", "Choices", "Default", "InputPath", "OutputPath", "Output", "Assign"]),
  Succeed: new Set(["Type", "Comment", "QueryLanguage", "InputPath", "OutputPath", "Output"]),
  Fail: new Set(["Type", "Comment", "QueryLanguage", "Error", "Cause", "ErrorPath", "CausePath"]),
};
const JSONPATH_ONLY_FIELDS = ["Parameters", "ResultSelector", "ResultPath", "InputPath", "OutputPath", "Result"];
const JSONATA_ONLY_FIELDS = ["Arguments", "Output"];
const CHOICE_OPERATORS = new Set([
  "StringEquals", "StringMatches", "NumericEquals", "NumericLessThan", "NumericGreaterThan", "BooleanEquals",
  "IsPresent", "IsNull", "IsString", "IsBoolean", "IsNumeric", "TimestampEquals",
]);
const TASK_RESOURCE = /^arn:aws:states:::[a-z-]+:[A-Za-z]+(\.sync|\.waitForTaskToken)?$/;
const INTRINSIC = /^States\.(Format|JsonToString|StringToJson|Array|ArrayGetItem|ArrayLength|StringSplit|MathAdd|UUID|Hash)\(/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `.$` keys in Parameters/ResultSelector must hold a path ($ / $$) or an intrinsic function call. */
function checkPathFields(value: unknown, where: string, problems: string[]): void {
  if (Array.isArray(value)) return value.forEach((v, i) => checkPathFields(v, `${where}[${i}]`, problems));
  if (!isObject(value)) return;
  for (const [key, inner] of Object.entries(value)) {
    if (key.endsWith(".$")) {
      if (typeof inner !== "string" || !(inner.startsWith("$") || INTRINSIC.test(inner))) {
        problems.push(`${where}.${key} must be a JSONPath or an intrinsic function, got ${JSON.stringify(inner)}`);
      } else if (INTRINSIC.test(inner) && !balancedIntrinsic(inner)) {
        problems.push(`${where}.${key} has an unbalanced intrinsic function call (quotes/parentheses)`);
      }
    } else {
      checkPathFields(inner, `${where}.${key}`, problems);
    }
  }
}

/** Quote-aware parenthesis balance of an intrinsic call (backslash escapes inside '…'). */
function balancedIntrinsic(expression: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < expression.length; i++) {
    const ch = expression[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === "'") inString = false;
    } else if (ch === "'") inString = true;
    else if (ch === "(") depth++;
    else if (ch === ")") {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && !inString;
}

function checkRetry(retry: unknown, where: string, problems: string[]): void {
  if (!Array.isArray(retry) || retry.length === 0) return void problems.push(`${where}.Retry must be a non-empty array`);
  retry.forEach((rule, i) => {
    const at = `${where}.Retry[${i}]`;
    if (!isObject(rule)) return void problems.push(`${at} must be an object`);
    const errors = rule.ErrorEquals;
    if (!Array.isArray(errors) || errors.length === 0 || errors.some((e) => typeof e !== "string")) problems.push(`${at}.ErrorEquals must be a non-empty string array`);
    else if (errors.includes("States.ALL") && (errors.length > 1 || i !== retry.length - 1)) problems.push(`${at}: States.ALL must appear alone in the last retrier`);
    const positiveInt = (key: string, min: number) => {
      const v = rule[key];
      if (v !== undefined && (!Number.isInteger(v) || (v as number) < min)) problems.push(`${at}.${key} must be an integer >= ${min}, got ${JSON.stringify(v)}`);
    };
    positiveInt("IntervalSeconds", 1);
    positiveInt("MaxAttempts", 0);
    positiveInt("MaxDelaySeconds", 1);
    if (rule.BackoffRate !== undefined && (typeof rule.BackoffRate !== "number" || rule.BackoffRate < 1)) problems.push(`${at}.BackoffRate must be a number >= 1`);
    if (rule.JitterStrategy !== undefined && !["FULL", "NONE"].includes(rule.JitterStrategy as string)) problems.push(`${at}.JitterStrategy must be FULL or NONE`);
    const unknown = Object.keys(rule).filter((k) => !["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"].includes(k));
    if (unknown.length > 0) problems.push(`${at} has unknown field(s) ${unknown.join(", ")}`);
  });
}

export function validateStateMachine(definition: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(definition)) return ["definition must be a JSON object"];
  const states = definition.States;
  if (!isObject(states) || Object.keys(states).length === 0) return ["States must be a non-empty object"];
  const topLanguage = definition.QueryLanguage ?? "JSONPath";
  if (!["JSONPath", "JSONata"].includes(topLanguage as string)) problems.push(`QueryLanguage must be JSONPath or JSONata`);
  if (typeof definition.StartAt !== "string" || !(definition.StartAt in states)) problems.push(`StartAt ${JSON.stringify(definition.StartAt)} is not a state`);

  const edges = new Map<string, string[]>();
  const target = (name: string, from: string, field: string) => {
    if (typeof name !== "string" || !(name in states)) problems.push(`${from}.${field} → ${JSON.stringify(name)} is not a state`);
    else edges.get(from)!.push(name);
  };

  for (const [name, raw] of Object.entries(states)) {
    edges.set(name, []);
    if (name.length === 0 || name.length > 80) problems.push(`state name ${JSON.stringify(name)} must be 1–80 characters`);
    if (!isObject(raw)) {
      problems.push(`${name} must be an object`);
      continue;
    }
    const type = raw.Type as string;
    if (!STATE_TYPES.has(type)) {
      problems.push(`${name}.Type ${JSON.stringify(type)} is not one of ${[...STATE_TYPES].join(", ")}`);
      continue;
    }
    const unknown = Object.keys(raw).filter((k) => !ALLOWED_FIELDS[type].has(k));
    if (unknown.length > 0) problems.push(`${name} (${type}) has unknown field(s) ${unknown.join(", ")}`);
    const language = (raw.QueryLanguage as string | undefined) ?? topLanguage;
    if (raw.QueryLanguage !== undefined && topLanguage === "JSONata" && raw.QueryLanguage === "JSONPath") problems.push(`${name}: a JSONata machine cannot contain JSONPath states`);
    const forbidden = language === "JSONata" ? JSONPATH_ONLY_FIELDS : JSONATA_ONLY_FIELDS;
    for (const field of forbidden) if (field in raw) problems.push(`${name}: ${field} is not allowed in a ${language} state`);
    if (language === "JSONPath") {
      checkPathFields(raw.Parameters, `${name}.Parameters`, problems);
      checkPathFields(raw.ResultSelector, `${name}.ResultSelector`, problems);
      if (raw.ResultPath !== undefined && raw.ResultPath !== null && !(typeof raw.ResultPath === "string" && raw.ResultPath.startsWith("$"))) {
        problems.push(`${name}.ResultPath must be a JSONPath or null`);
      }
    }

    if (type === "Pass" || type === "Task") {
      const hasNext = raw.Next !== undefined;
      const hasEnd = raw.End === true;
      if (hasNext === hasEnd) problems.push(`${name} must have exactly one of Next or End: true`);
      if (hasNext) target(raw.Next as string, name, "Next");
    }
    if (type === "Task") {
      if (typeof raw.Resource !== "string" || !TASK_RESOURCE.test(raw.Resource)) problems.push(`${name}.Resource ${JSON.stringify(raw.Resource)} is not a service integration ARN`);
      if (raw.Retry !== undefined) checkRetry(raw.Retry, name, problems);
      if (raw.Catch !== undefined) {
        if (!Array.isArray(raw.Catch) || raw.Catch.length === 0) problems.push(`${name}.Catch must be a non-empty array`);
        else
          raw.Catch.forEach((c, i) => {
            if (!isObject(c) || !Array.isArray(c.ErrorEquals) || c.ErrorEquals.length === 0) problems.push(`${name}.Catch[${i}].ErrorEquals must be a non-empty array`);
            else target(c.Next as string, name, `Catch[${i}].Next`);
            if (isObject(c) && language === "JSONPath" && c.ResultPath !== undefined && c.ResultPath !== null && !(typeof c.ResultPath === "string" && c.ResultPath.startsWith("$"))) {
              problems.push(`${name}.Catch[${i}].ResultPath must be a JSONPath or null`);
            }
          });
      }
    }
    if (type === "Choice") {
      if (!Array.isArray(raw.Choices) || raw.Choices.length === 0) problems.push(`${name}.Choices must be a non-empty array`);
      else
        raw.Choices.forEach((rule, i) => {
          if (!isObject(rule)) return void problems.push(`${name}.Choices[${i}] must be an object`);
          if (language === "JSONata") {
            if (typeof rule.Condition !== "string") problems.push(`${name}.Choices[${i}] needs a Condition in JSONata`);
          } else {
            const operators = Object.keys(rule).filter((k) => CHOICE_OPERATORS.has(k));
            if (typeof rule.Variable !== "string" || !rule.Variable.startsWith("$")) problems.push(`${name}.Choices[${i}].Variable must be a JSONPath`);
            if (operators.length !== 1) problems.push(`${name}.Choices[${i}] must have exactly one comparison operator, has ${operators.join(", ") || "none"}`);
          }
          target(rule.Next as string, name, `Choices[${i}].Next`);
        });
      if (raw.Default !== undefined) target(raw.Default as string, name, "Default");
    }
  }

  // Every state must be reachable from StartAt (the service rejects unreachable states).
  if (typeof definition.StartAt === "string" && definition.StartAt in states) {
    const seen = new Set<string>([definition.StartAt]);
    const queue = [definition.StartAt];
    while (queue.length > 0) for (const next of edges.get(queue.shift()!) ?? []) if (!seen.has(next)) (seen.add(next), queue.push(next));
    for (const name of Object.keys(states)) if (!seen.has(name)) problems.push(`${name} is not reachable from StartAt`);
    const terminal = [...seen].some((n) => ["Succeed", "Fail"].includes((states[n] as Json).Type as string) || (states[n] as Json).End === true);
    if (!terminal) problems.push("no terminal state is reachable");
  }
  return problems;
}
