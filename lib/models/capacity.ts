/**
 * Capacity: whether weights, KV cache and runtime overhead fit in the memory of one device or
 * several. Capacity decides whether a model runs at all; bandwidth decides how fast.
 */
import { nonNegative, optional } from "./validate";
import { BYTES_PER_GIB } from "./units";
import type { DeviceSpec, SplitMode } from "./spec";

/** What must sit in memory. */
export interface MemoryNeed {
  /** All weights (total parameters, not active), bytes. */
  readonly weightBytes: number;
  /** KV cache for all sequences at the context length, bytes. Default 0. */
  readonly kvCacheBytes?: number;
  /** Runtime overhead per device (CUDA context, activations, buffers), GiB. Default 0. */
  readonly overheadGiBPerDevice?: number;
}

/** One device's share of the memory need. */
export interface DeviceFit {
  readonly device: string;
  readonly neededGiB: number;
  readonly memoryGiB: number;
  readonly fits: boolean;
}

/** The result of a capacity check. */
export interface CapacityCheck {
  readonly fits: boolean;
  readonly neededGiB: number;
  readonly memoryGiB: number;
  readonly perDevice: readonly DeviceFit[];
  /** A sentence for reports. */
  readonly explanation: string;
}

/**
 * Capacity check. Weights and KV cache are shared out in proportion to each device's memory
 * (layer split, as llama.cpp does by default) or equally (tensor split); each device adds its
 * own runtime overhead:
 *
 *   needed_i = (weightBytes + kvCacheBytes) × share_i + overheadGiBPerDevice
 *   fits     = needed_i ≤ memory_i on every device
 */
export function checkCapacity(need: MemoryNeed, devices: readonly DeviceSpec[], split: SplitMode = "layer"): CapacityCheck {
  if (devices.length === 0) throw new RangeError("devices: at least one device is needed");
  const weights = nonNegative("weightBytes", need.weightBytes);
  const kv = optional(nonNegative, "kvCacheBytes", need.kvCacheBytes, 0);
  const overheadGiB = optional(nonNegative, "overheadGiBPerDevice", need.overheadGiBPerDevice, 0);
  const totalMemory = devices.reduce((s, d) => s + nonNegative(`${d.name}.memoryGiB`, d.memoryGiB), 0);
  const sharedGiB = (weights + kv) / BYTES_PER_GIB;
  const perDevice = devices.map((d) => {
    const share = split === "tensor" ? 1 / devices.length : d.memoryGiB / totalMemory;
    const neededGiB = sharedGiB * share + overheadGiB;
    return { device: d.name, neededGiB, memoryGiB: d.memoryGiB, fits: neededGiB <= d.memoryGiB };
  });
  const neededGiB = sharedGiB + overheadGiB * devices.length;
  const fits = perDevice.every((d) => d.fits);
  const where = devices.length === 1 ? devices[0].name : `${devices.length} devices (${split} split)`;
  const explanation = fits
    ? `needs ${neededGiB.toFixed(1)} GiB of ${totalMemory.toFixed(0)} GiB on ${where}: fits`
    : `needs ${neededGiB.toFixed(1)} GiB but ${where} has ${totalMemory.toFixed(0)} GiB: does not fit`;
  return { fits, neededGiB, memoryGiB: totalMemory, perDevice, explanation };
}
