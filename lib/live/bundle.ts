/**
 * Bundles lib/live/browser.ts (and the lib code it imports: the models, scenarioFromValues,
 * the explorer's markup and chart) with esbuild into one script to inline in a page.
 *
 * Deterministic: fixed options, no source map, no banner, minified (so no file paths), built
 * from the repository root. Built once per process and kept on globalThis, because tslab gives
 * every notebook fresh instances of lib modules; the files it was built from are checked (size
 * and modification time) on each use, so an edited lib is rebuilt in a long-running kernel.
 *
 * Node only. The repository root is found from the working directory (tslab compiles lib to
 * CommonJS, where import.meta does not exist), as lib/data/load.ts finds data/.
 */
import { buildSync } from "esbuild";
import { existsSync, readFileSync, statSync } from "fs";
import { dirname, join, resolve } from "path";

/** The inlined script and how it was made. */
export interface LiveBundle {
  readonly code: string;
  /** UTF-8 bytes of `code`. */
  readonly bytes: number;
  /** Milliseconds the build took (of the build that produced this code). */
  readonly buildMs: number;
  /** The files bundled, relative to the repository root, sorted. */
  readonly inputs: readonly string[];
}

/** The package name that marks the repository root. */
export const PACKAGE_NAME = "llm-breakeven";

/** The browser entry, relative to the repository root. */
export const BROWSER_ENTRY = "lib/live/browser.ts";

/** The nearest directory at or above `from` whose package.json is named llm-breakeven. */
export function repoRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: unknown }).name === PACKAGE_NAME) return dir;
      } catch {
        /* not ours: keep walking up */
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json named "${PACKAGE_NAME}" at or above ${from}`);
    dir = parent;
  }
}

interface Cached {
  readonly root: string;
  readonly bundle: LiveBundle;
  /** "size:mtimeMs" of each input, to notice an edit. */
  readonly stamps: readonly string[];
}

const CACHE_KEY = Symbol.for("llm-breakeven.live.bundle");
type WithCache = typeof globalThis & { [CACHE_KEY]?: Cached };

function stampsOf(root: string, inputs: readonly string[]): string[] {
  return inputs.map((f) => {
    try {
      const s = statSync(join(root, f));
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return "missing";
    }
  });
}

/** Builds the bundle now, without the cache. */
export function buildLiveBundle(root: string = repoRoot()): LiveBundle {
  const started = performance.now();
  const result = buildSync({
    entryPoints: [join(root, BROWSER_ENTRY)],
    absWorkingDir: root,
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: ["es2020"],
    minify: true,
    treeShaking: true,
    legalComments: "none",
    sourcemap: false,
    charset: "ascii",
    metafile: true,
    logLevel: "silent",
    // Independent of tsconfig.json edits: only what affects the emitted code.
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
  });
  const code = result.outputFiles[0].text;
  for (const bad of ["</script", "<!--", "<script"]) {
    if (code.toLowerCase().includes(bad)) throw new Error(`the live bundle contains "${bad}" and cannot be inlined in a <script> element`);
  }
  const inputs = Object.keys(result.metafile.inputs).sort();
  return { code, bytes: Buffer.byteLength(code, "utf8"), buildMs: performance.now() - started, inputs };
}

/** The bundle, built on first use in this process (and again only when a bundled file changed). */
export function liveBundle(): LiveBundle {
  const store = globalThis as WithCache;
  const root = repoRoot();
  const cached = store[CACHE_KEY];
  if (cached && cached.root === root && stampsOf(root, cached.bundle.inputs).join("|") === cached.stamps.join("|")) return cached.bundle;
  const bundle = buildLiveBundle(root);
  store[CACHE_KEY] = { root, bundle, stamps: stampsOf(root, bundle.inputs) };
  return bundle;
}
