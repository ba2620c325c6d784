/** What the renderer hands tslab's executors: its converter set, and the JavaScript of local modules (tslab's side outputs). */

/**
 * The local modules' JavaScript in `sides` (absolute path -> code) that an executor has not been
 * given yet, in path order; records them in `given`. Each executor needs every module once.
 */
export function sidesNotGiven(sides: ReadonlyMap<string, string>, given: Map<string, string>): { path: string; data: string }[] {
  const fresh: { path: string; data: string }[] = [];
  for (const [path, data] of [...sides].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (given.get(path) === data) continue;
    given.set(path, data);
    fresh.push({ path, data });
  }
  return fresh;
}

/**
 * The converter set tslab's executor takes, around the converter of TypeScript cells (`node`).
 * Browser cells are not supported by the renderer.
 */
export function executorConverters<T extends object>(node: T): { node: T; readonly browser: never; close(): void } {
  return {
    node,
    get browser(): never {
      throw new Error("browser cells (/** @browser */) are not supported by the renderer");
    },
    close: () => {},
  };
}
