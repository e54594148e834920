export * from "./contract";
export * from "./validate-request";
export * from "./partition-key";
export * from "./raw-records";
