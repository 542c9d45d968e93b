export * from "./types";
export * from "./plan";
export * from "./leads";
export * from "./builtin";
