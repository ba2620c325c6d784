/**
 * An explorer's state in the URL fragment, so that a scenario can be shared as a link:
 * `#<id>.<input>=<value>&…`, one pair per input changed from the article's value (model
 * units, full precision). Pairs of other explorers and any other fragment (an anchor such as
 * `#cell-3`) are kept as they are. Pure.
 */

/** The fragment's pairs, without the leading "#". */
function segments(hash: string): string[] {
  const h = hash.startsWith("#") ? hash.slice(1) : hash;
  return h === "" ? [] : h.split("&");
}

/** The values explorer `id` keeps in `hash`: input name -> number (NaN when not a number). */
export function readHashState(hash: string, id: string): Record<string, number> {
  const out: Record<string, number> = {};
  const prefix = `${id}.`;
  for (const s of segments(hash)) {
    const eq = s.indexOf("=");
    if (eq < 0) continue;
    let key: string;
    let raw: string;
    try {
      key = decodeURIComponent(s.slice(0, eq));
      raw = decodeURIComponent(s.slice(eq + 1));
    } catch {
      continue;
    }
    if (!key.startsWith(prefix)) continue;
    out[key.slice(prefix.length)] = raw.trim() === "" ? NaN : Number(raw);
  }
  return out;
}

/**
 * `hash` (without "#") with explorer `id`'s pairs replaced by `state`, in input order
 * (`order`); other pairs stay where they were.
 */
export function writeHashState(hash: string, id: string, state: Readonly<Record<string, number>>, order: readonly string[]): string {
  const prefix = `${id}.`;
  const kept = segments(hash).filter((s) => {
    let key = s;
    try {
      key = decodeURIComponent(s.split("=")[0]);
    } catch {
      /* keep as is */
    }
    return !key.startsWith(prefix);
  });
  const ours = order.filter((name) => state[name] !== undefined).map((name) => `${id}.${encodeURIComponent(name)}=${encodeURIComponent(String(state[name]))}`);
  return [...kept, ...ours].join("&");
}
