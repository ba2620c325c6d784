/**
 * Quantization formats and the bits each weight really takes, scales included.
 *
 * Block formats store a shared scale (and sometimes a minimum) per block of weights, so their
 * bits per weight exceed the nominal width:
 * - GGUF Q8_0: 32 weights in 34 bytes (fp16 scale + 32 int8) = 8.5 bits.
 * - GGUF Q4_0: 32 weights in 18 bytes (fp16 scale + 16 bytes of nibbles) = 4.5 bits.
 * - GGUF Q4_K: 256 weights in 144 bytes (2 fp16 + 12 bytes of 6-bit scales + 128 bytes) = 4.5.
 * - GGUF Q5_K: 256 weights in 176 bytes = 5.5; Q6_K: 256 in 210 bytes = 6.5625;
 *   Q3_K: 256 in 110 bytes = 3.4375; Q2_K: 256 in 84 bytes = 2.625.
 * - MXFP4 (OCP Microscaling): 32 FP4 (E2M1) weights share one 8-bit E8M0 scale = 4.25 bits.
 * - NVFP4: 16 FP4 weights share one FP8 (E4M3) scale = 4.5 bits (plus a per-tensor scale).
 * Mixed GGUF presets (Q4_K_M, Q5_K_M) keep some tensors at a higher type, so their average
 * depends on the model; the figure here is the base type's. For a real file, prefer the
 * checkpoint's size: {@link effectiveBitsPerWeight}.
 */
import { positive } from "./validate";

/** Bits per weight of each format, scales included. */
export const BITS_PER_WEIGHT = {
  fp32: 32,
  fp16: 16,
  bf16: 16,
  fp8: 8,
  int8: 8,
  q8_0: 8.5,
  q6_k: 6.5625,
  q5_k_m: 5.5,
  q5_k: 5.5,
  q4_k_m: 4.5,
  q4_k: 4.5,
  q4_0: 4.5,
  q3_k: 3.4375,
  q2_k: 2.625,
  mxfp4: 4.25,
  nvfp4: 4.5,
  int4: 4,
} as const;

/** A quantization format the model knows. */
export type QuantFormat = keyof typeof BITS_PER_WEIGHT;

/** Whether a string names a known format (case-insensitive: "Q4_K_M" and "q4_k_m" both work). */
export function isQuantFormat(name: string): name is QuantFormat {
  return Object.prototype.hasOwnProperty.call(BITS_PER_WEIGHT, name.toLowerCase());
}

/** Bits per weight of a format; throws listing the known formats for an unknown name. */
export function bitsPerWeight(format: string): number {
  const key = format.toLowerCase();
  if (!isQuantFormat(key)) {
    throw new RangeError(`quantization format ${JSON.stringify(format)}: unknown; known formats are ${Object.keys(BITS_PER_WEIGHT).join(", ")}`);
  }
  return BITS_PER_WEIGHT[key];
}

/**
 * Bytes of weights: params × bitsPerWeight / 8.
 * @example weightBytes(5.1e9, 4.25) // 2.709e9 (gpt-oss-120b's active weights in MXFP4)
 */
export function weightBytes(params: number, bits: number): number {
  return (positive("params", params) * positive("bitsPerWeight", bits)) / 8;
}

/**
 * The average bits per weight of a real checkpoint: fileBytes × 8 / params.
 * @example effectiveBitsPerWeight(59.02 * 2 ** 30, 116.83e9) // 4.34
 */
export function effectiveBitsPerWeight(fileBytes: number, params: number): number {
  return (positive("fileBytes", fileBytes) * 8) / positive("params", params);
}
