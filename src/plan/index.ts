export * from "./types";
export * from "./plan";
export * from "./builtin";
