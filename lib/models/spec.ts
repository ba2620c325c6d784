/**
 * The plain descriptions of models and devices that the bandwidth model reads.
 */

/** A language model's architecture, as far as speed and memory are concerned. */
export interface ModelSpec {
  /** Display name, e.g. "gpt-oss-120b". */
  readonly name: string;
  /** All parameters (a count, not billions). */
  readonly totalParams: number;
  /** Parameters used per generated token; equal to totalParams for a dense model. */
  readonly activeParams: number;
  /** Transformer layers (for the KV cache). */
  readonly layers?: number;
  /** Key/value heads per layer (fewer than attention heads under grouped-query attention). */
  readonly kvHeads?: number;
  /** Dimension of each head. */
  readonly headDim?: number;
  /**
   * Multi-head latent attention (DeepSeek V2/V3/R1, Kimi K2): size of the compressed KV latent each
   * layer caches per token (config kv_lora_rank). With qkRopeHeadDim it replaces 2 × kvHeads × headDim.
   */
  readonly kvLoraRank?: number;
  /** Multi-head latent attention: dimension of the decoupled RoPE key cached next to the latent (config qk_rope_head_dim). */
  readonly qkRopeHeadDim?: number;
  /** Window of the sliding-window (local) attention layers, tokens: such a layer caches at most this many. */
  readonly slidingWindow?: number;
  /** How many of the layers use the sliding window (the others attend to the whole context). */
  readonly slidingWindowLayers?: number;
  /** Experts per MoE layer (mixture-of-experts only). */
  readonly experts?: number;
  /** Experts each token is routed to (mixture-of-experts only). */
  readonly expertsPerToken?: number;
}

/** A numeric precision tensor cores (or matrix units) run in. */
export type Precision = "fp16" | "fp8" | "int8" | "fp4";

/** Peak tensor throughput at one precision, as the vendor states it: dense and with 2:4 sparsity kept apart. */
export interface ComputePeak {
  /** Dense peak, TFLOPS (TOPS for int8). The only figure a serving ceiling counts. */
  readonly denseTflops?: number;
  /** Peak with 2:4 structured sparsity, TFLOPS (TOPS for int8): shown, never counted as dense. */
  readonly sparseTflops?: number;
}

/** One accelerator or machine with its own memory. */
export interface DeviceSpec {
  /** Display name, e.g. "RTX 3090". */
  readonly name: string;
  /** Memory capacity, GiB (vendor "GB" of DRAM is binary). */
  readonly memoryGiB: number;
  /** Peak memory bandwidth, decimal GB/s. */
  readonly bandwidthGBps: number;
  /** Peak dense compute at the precision used, TFLOPS (for prefill and batching). */
  readonly peakTflops?: number;
  /** Peak tensor throughput per precision the device supports (absent: not supported or not sourced). */
  readonly compute?: Readonly<Partial<Record<Precision, ComputePeak>>>;
}

/** How weights are spread over several devices. */
export type SplitMode =
  /** Layers in sequence (pipeline, llama.cpp's default): one device works at a time. */
  | "layer"
  /** Every layer split across all devices: bandwidths add, less communication losses. */
  | "tensor";
