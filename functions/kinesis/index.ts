export * from "./limits";
export * from "./chunk-records";
export * from "./put-records";
