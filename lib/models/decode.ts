/**
 * Decode speed: an upper bound on single-stream generation from memory bandwidth.
 *
 * Each generated token reads every active weight once, plus the KV cache of the context so far.
 * No runtime can move more bytes than the bus allows, so
 *
 *   tokens/s ≤ effective bandwidth / bytes read per token
 *
 * and a model that does not fit is reported as not fitting, never given a speed.
 */
import { checkCapacity, type CapacityCheck } from "./capacity";
import { kvBytesPerToken } from "./kv-cache";
import { bitsPerWeight } from "./quantization";
import { fraction, nonNegative, optional, positive, positiveFraction } from "./validate";
import { BYTES_PER_GB } from "./units";
import type { DeviceSpec, ModelSpec, SplitMode } from "./spec";

/** Inputs of a decode estimate. */
export interface DecodeInputs {
  readonly model: ModelSpec;
  /** Weight format, e.g. "mxfp4", "q4_k_m", "fp16"; or give bitsPerWeight. */
  readonly quant?: string;
  /** Average bits per weight (overrides quant), e.g. from a checkpoint's size. */
  readonly bitsPerWeight?: number;
  /** One device, or several for a split model. */
  readonly devices: readonly DeviceSpec[];
  /** How several devices share the model. Default "layer". */
  readonly split?: SplitMode;
  /** Tensor split only: fraction of aggregate bandwidth left after communication, 0–1. */
  readonly commEfficiency?: number;
  /** Tokens of context already in the KV cache. Default 0. */
  readonly contextTokens?: number;
  /** Bytes per KV-cache element (2 for fp16, 1 for fp8). Default 2. */
  readonly kvBytesPerElement?: number;
  /** Fraction of peak bandwidth achieved, 0–1. Default 1: the physical upper bound. */
  readonly efficiency?: number;
  /** Runtime memory overhead per device, GiB. Default 0. */
  readonly overheadGiBPerDevice?: number;
}

/** What a speed estimate assumed: the answer to "where did that number come from?". */
export interface DecodeAssumptions {
  readonly method: "memory-bandwidth bound";
  readonly devices: readonly string[];
  readonly split: SplitMode;
  /** Bandwidth the token's bytes move through, GB/s (after split and communication losses). */
  readonly bandwidthGBps: number;
  readonly efficiency: number;
  readonly bitsPerWeight: number;
  /** Active weights read per token, bytes. */
  readonly weightBytesPerToken: number;
  /** KV cache read per token at this context, bytes. */
  readonly kvBytesPerToken: number;
  readonly bytesPerToken: number;
  readonly contextTokens: number;
  /** Whether the KV cache was included (false when the architecture is unknown). */
  readonly kvModelled: boolean;
}

/** A decode estimate, or the reason there is none. */
export type DecodeEstimate =
  | { readonly kind: "does-not-fit"; readonly capacity: CapacityCheck; readonly explanation: string }
  | {
      readonly kind: "estimate";
      /** Single-stream tokens per second (an upper bound when efficiency = 1). */
      readonly tokensPerSecond: number;
      readonly assumptions: DecodeAssumptions;
      readonly capacity: CapacityCheck;
      /** A sentence stating the arithmetic. */
      readonly explanation: string;
    };

function resolveBits(inputs: DecodeInputs): number {
  if (inputs.bitsPerWeight !== undefined) return positive("bitsPerWeight", inputs.bitsPerWeight);
  if (inputs.quant !== undefined) return bitsPerWeight(inputs.quant);
  throw new RangeError("decode: give quant (e.g. \"mxfp4\") or bitsPerWeight");
}

/**
 * Effective bandwidth of several devices:
 * - layer split: a token passes through the devices in turn; with weights shared in proportion
 *   to memory, time per byte is Σ share_i / bw_i, so identical devices give one device's bandwidth;
 * - tensor split: Σ bw_i × commEfficiency.
 */
export function effectiveBandwidthGBps(devices: readonly DeviceSpec[], split: SplitMode, commEfficiency?: number): number {
  if (devices.length === 0) throw new RangeError("devices: at least one device is needed");
  devices.forEach((d) => positive(`${d.name}.bandwidthGBps`, d.bandwidthGBps));
  if (devices.length === 1) return devices[0].bandwidthGBps;
  if (split === "tensor") {
    if (commEfficiency === undefined) throw new RangeError("commEfficiency: required for a tensor split (fraction of aggregate bandwidth kept, 0–1)");
    return devices.reduce((s, d) => s + d.bandwidthGBps, 0) * positiveFraction("commEfficiency", commEfficiency);
  }
  const totalMemory = devices.reduce((s, d) => s + positive(`${d.name}.memoryGiB`, d.memoryGiB), 0);
  const secondsPerGB = devices.reduce((s, d) => s + d.memoryGiB / totalMemory / d.bandwidthGBps, 0);
  return 1 / secondsPerGB;
}

/**
 * Single-stream decode estimate:
 *
 *   bytesPerToken = activeParams × bitsPerWeight / 8 + kvBytesPerToken × contextTokens
 *   tokens/s      = effectiveBandwidthGBps × 1e9 × efficiency / bytesPerToken
 *
 * @example gpt-oss-120b (5.1e9 active) in MXFP4 on a DGX Spark (273 GB/s), context 0:
 *   273e9 / (5.1e9 × 4.25 / 8) = 100.8 tokens/s at most
 */
export function decodeEstimate(inputs: DecodeInputs): DecodeEstimate {
  const { model, devices } = inputs;
  const total = positive("model.totalParams", model.totalParams);
  const active = positive("model.activeParams", model.activeParams);
  if (active > total) throw new RangeError(`model.activeParams = ${active}: must not exceed totalParams = ${total}`);
  const bits = resolveBits(inputs);
  const split: SplitMode = inputs.split ?? "layer";
  const context = optional(nonNegative, "contextTokens", inputs.contextTokens, 0);
  const efficiency = optional(fraction, "efficiency", inputs.efficiency, 1);
  if (efficiency === 0) throw new RangeError("efficiency = 0: must be > 0");
  const kvPerToken = kvBytesPerToken(model, optional(positive, "kvBytesPerElement", inputs.kvBytesPerElement, 2), context);
  const kvRead = kvPerToken === null ? 0 : kvPerToken * context;
  const capacity = checkCapacity(
    { weightBytes: (total * bits) / 8, kvCacheBytes: kvRead, overheadGiBPerDevice: inputs.overheadGiBPerDevice },
    devices,
    split,
  );
  if (!capacity.fits) {
    return { kind: "does-not-fit", capacity, explanation: `${model.name}: ${capacity.explanation}; no speed is given` };
  }
  const bandwidthGBps = effectiveBandwidthGBps(devices, split, inputs.commEfficiency);
  const weightBytesPerToken = (active * bits) / 8;
  const bytesPerToken = weightBytesPerToken + kvRead;
  const tokensPerSecond = (bandwidthGBps * BYTES_PER_GB * efficiency) / bytesPerToken;
  const assumptions: DecodeAssumptions = {
    method: "memory-bandwidth bound",
    devices: devices.map((d) => d.name),
    split,
    bandwidthGBps,
    efficiency,
    bitsPerWeight: bits,
    weightBytesPerToken,
    kvBytesPerToken: kvRead,
    bytesPerToken,
    contextTokens: context,
    kvModelled: kvPerToken !== null,
  };
  const explanation =
    `${bandwidthGBps.toFixed(0)} GB/s × ${efficiency} efficiency / ${(bytesPerToken / 1e9).toFixed(3)} GB per token ` +
    `(${(active / 1e9).toPrecision(3)}B active × ${bits} bits / 8` +
    (kvPerToken === null ? ", KV cache not modelled" : ` + KV at ${context} tokens`) +
    `) = ${tokensPerSecond.toFixed(1)} tokens/s`;
  return { kind: "estimate", tokensPerSecond, assumptions, capacity, explanation };
}

/**
 * Efficiency of a measurement against its bound: measured / bound. Above 1 means the measured
 * figure is faster than physics allows for the stated setup.
 * @example decodeEfficiency(59.02, 100.8) // 0.586
 */
export function decodeEfficiency(measuredTokensPerSecond: number, boundTokensPerSecond: number): number {
  return nonNegative("measuredTokensPerSecond", measuredTokensPerSecond) / positive("boundTokensPerSecond", boundTokensPerSecond);
}
