export * from "./api-key";
export * from "./api-key-selection";
export * from "./api-key-table";
export * from "./authorize";
export * from "./extract-key";
export * from "./policy";
export * from "./request-event";
