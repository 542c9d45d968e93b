export * from "./types";
export * from "./parse";
export * from "./evaluate";
export * from "./periods";
export * from "./labels";
export * from "./plan-schedules";
