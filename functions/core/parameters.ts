/**
 * Building `parameters` without losing anything. Sources in priority order: the `parameters` object,
 * the `event_data` object, then every other top-level field the alias table does not claim. When a
 * name is already taken, the later value is kept under `<name>@<origin>` (repeated until free).
 */
export type ParameterOrigin = "event_data" | "event";

/** Own-property set that also works for "__proto__" (a plain assignment would change the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

export function addParameter(target: Record<string, unknown>, key: string, value: unknown, origin: ParameterOrigin): void {
  let name = key;
  while (Object.hasOwn(target, name)) name = `${name}@${origin}`;
  setOwn(target, name, value);
}
