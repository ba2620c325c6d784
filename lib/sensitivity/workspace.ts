/**
 * Reusable Float64Array columns, so that repeated Monte Carlo runs of the same size allocate
 * nothing (allocating and zeroing 100 MB per run costs as much as the model itself).
 */
export class Workspace {
  private readonly columns = new Map<string, Float64Array>();
  private readonly flags = new Map<string, Uint8Array>();

  /** A Float64Array of length n kept under `name` (contents are whatever the last user left). */
  column(name: string, n: number): Float64Array {
    let c = this.columns.get(name);
    if (c === undefined || c.length !== n) {
      c = new Float64Array(n);
      this.columns.set(name, c);
    }
    return c;
  }

  /** A Uint8Array of length n kept under `name`. */
  flag(name: string, n: number): Uint8Array {
    let c = this.flags.get(name);
    if (c === undefined || c.length !== n) {
      c = new Uint8Array(n);
      this.flags.set(name, c);
    }
    return c;
  }
}
