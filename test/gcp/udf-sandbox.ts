/**
 * Runs a generated UDF the way the Dataflow templates do — one script, then `process(inJson)` per
 * message — in a fresh V8 context stripped down to ECMAScript 5.1 (Nashorn's default language level):
 * no Map, Set, Symbol, Promise, Reflect, Proxy, TextDecoder/TextEncoder and none of the ES2015+
 * library methods. Typed arrays stay (Nashorn has them). The clock is pinned so vectors are stable.
 */
import * as vm from "node:vm";

const ES2015_GLOBALS = ["Map", "Set", "WeakMap", "WeakSet", "Symbol", "Promise", "Proxy", "Reflect", "TextDecoder", "TextEncoder", "globalThis"];
const ES2015_STATICS: Record<string, string[]> = {
  Object: ["entries", "values", "fromEntries", "assign", "getOwnPropertySymbols", "is"],
  Number: ["isInteger", "isFinite", "isNaN", "isSafeInteger", "MAX_SAFE_INTEGER", "MIN_SAFE_INTEGER", "EPSILON", "parseFloat", "parseInt"],
  Array: ["from", "of"],
  Math: ["trunc", "sign", "log10", "log2", "hypot", "cbrt"],
  String: ["fromCodePoint", "raw"],
};
const ES2015_PROTOTYPE_METHODS: Record<string, string[]> = {
  Array: ["includes", "find", "findIndex", "fill", "flat", "flatMap", "entries", "keys", "values", "copyWithin", "at"],
  String: ["includes", "startsWith", "endsWith", "padStart", "padEnd", "repeat", "codePointAt", "normalize", "at", "trimStart", "trimEnd", "replaceAll"],
};

export interface UdfSandbox {
  process(inJson: string): string;
}

export function loadUdf(source: string, nowMs: number): UdfSandbox {
  const context = vm.createContext({});
  const strip = [
    `Date.now = function () { return ${nowMs}; };`,
    ...Object.entries(ES2015_STATICS).flatMap(([owner, names]) => names.map((n) => `delete ${owner}.${n};`)),
    ...Object.entries(ES2015_PROTOTYPE_METHODS).flatMap(([owner, names]) => names.map((n) => `delete ${owner}.prototype.${n};`)),
    // Symbol-keyed iterators go with Symbol itself.
    `delete Array.prototype[Symbol.iterator]; delete String.prototype[Symbol.iterator];`,
    ...ES2015_GLOBALS.map((g) => `delete this.${g};`),
  ].join("\n");
  vm.runInContext(strip, context);
  vm.runInContext(source, context, { filename: "telemetry_udf.js" });
  return {
    process(inJson: string): string {
      context.__input = inJson;
      return vm.runInContext("process(__input)", context) as string;
    },
  };
}

/** True when a global the ES5 sandbox removes is really gone (guards the sandbox itself). */
export function sandboxLacks(name: string): boolean {
  const context = vm.createContext({});
  vm.runInContext(`delete this.${name};`, context);
  return vm.runInContext(`typeof ${name} === "undefined"`, context) as boolean;
}
