/** Sensitivity methods over the cost and bandwidth models. Only re-exports; each file has one job. */
export * from "./rng";
export * from "./normal";
export * from "./fast-exp";
export * from "./distributions";
export * from "./percentile";
export * from "./workspace";
export * from "./cost-model";
export * from "./monte-carlo";
export * from "./shards";
export * from "./pool";
export * from "./latin-hypercube";
export * from "./tornado";
export * from "./sweep";
export * from "./sobol";
export * from "./ishigami";
export * from "./describe";
