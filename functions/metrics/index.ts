export * from "./emf";
export * from "./pipeline-metrics";
