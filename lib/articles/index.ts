/** The articles' headline scenarios, built from data. Only re-exports. */
export * from "./cases";
export * from "./ranges";
export * from "./reconcile";
export * from "./sensitivity";
export * from "./what-if";
export * from "./scenario";
export * from "./input-checks";
export * from "./answer";
