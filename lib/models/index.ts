/** The cost model and the bandwidth model. Only re-exports; each file has one job. */
export * from "./validate";
export * from "./units";
export * from "./owned";
export * from "./rental";
export * from "./operations";
export * from "./volume";
export * from "./api-price";
export * from "./self-host";
export * from "./breakeven";
export * from "./spec";
export * from "./quantization";
export * from "./kv-cache";
export * from "./capacity";
export * from "./decode";
export * from "./prefill";
export * from "./batching";
export * from "./vectorized";
