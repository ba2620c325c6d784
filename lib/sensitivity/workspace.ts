/**
 * Reusable Float64Array columns, so that repeated Monte Carlo runs of the same size allocate
 * nothing (allocating and zeroing 100 MB per run costs as much as the model itself).
 */
export class Workspace {
  private readonly columns = new Map<string, Float64Array>();
  private readonly flags = new Map<string, Uint8Array>();

  /**
   * @param uninitialized new arrays are not zeroed (Node's Buffer.allocUnsafeSlow, where
   *   available): for callers that write every element before reading any, as the Monte Carlo
   *   does with its fresh arrays. Saves the zeroing pass (a few ms per 100 MB).
   */
  constructor(
    private readonly uninitialized = false,
    /**
     * Arrays on SharedArrayBuffers (always zeroed when new), so that worker threads can write
     * them in place: what {@link monteCarlo} needs to run shards on several threads.
     */
    readonly shared = false,
  ) {}

  private allocate(bytes: number): ArrayBuffer {
    if (this.shared) return new SharedArrayBuffer(bytes) as unknown as ArrayBuffer;
    const B = this.uninitialized ? (globalThis as { Buffer?: { allocUnsafeSlow(size: number): Uint8Array } }).Buffer : undefined;
    if (B === undefined) return new ArrayBuffer(bytes);
    const b = B.allocUnsafeSlow(bytes);
    return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? (b.buffer as ArrayBuffer) : new ArrayBuffer(bytes);
  }

  /** A Float64Array of length n kept under `name` (contents are whatever the last user left; zeros when new, unless `uninitialized`). */
  column(name: string, n: number): Float64Array {
    let c = this.columns.get(name);
    if (c === undefined || c.length !== n) {
      c = new Float64Array(this.allocate(8 * n));
      this.columns.set(name, c);
    }
    return c;
  }

  /** A Uint8Array of length n kept under `name`. */
  flag(name: string, n: number): Uint8Array {
    let c = this.flags.get(name);
    if (c === undefined || c.length !== n) {
      c = new Uint8Array(this.allocate(n));
      this.flags.set(name, c);
    }
    return c;
  }

  /** The SharedArrayBuffers of the shared arrays of length n, by name (columns and flags). */
  sharedBuffers(n: number): { columns: Record<string, SharedArrayBuffer>; flags: Record<string, SharedArrayBuffer> } {
    const pick = (m: Map<string, Float64Array | Uint8Array>) => {
      const out: Record<string, SharedArrayBuffer> = {};
      for (const [name, a] of m) if (a.length === n && a.buffer instanceof SharedArrayBuffer) out[name] = a.buffer;
      return out;
    };
    return { columns: pick(this.columns), flags: pick(this.flags) };
  }
}
