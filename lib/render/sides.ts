/** Handing the JavaScript of local modules (tslab's side outputs) to executors. */

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
