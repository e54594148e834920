export * from "./game-session";
export * from "./generate-telemetry";
export * from "./invalid-records";
export * from "./prng";
export * from "./run-config";
