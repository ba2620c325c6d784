/** The audit: claims registry → recomputation through lib → verdicts. Only re-exports. */
export * from "./types";
export * from "./stated";
export * from "./factors";
export * from "./units";
export * from "./verdict";
export * from "./formula";
export * from "./refs";
export * from "./physics";
export * from "./run";
export * from "./registry";
export * from "./article-numbers";
export * from "./audit";
export * from "./snapshot";
export * from "./starter";
export * from "./formula-units";
