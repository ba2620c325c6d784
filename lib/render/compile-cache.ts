/**
 * A disk cache of tslab's conversions (type-check + transpile of one cell), so that
 * re-executing an unchanged notebook does not pay TypeScript again; like tsc's
 * incremental build info, it never changes what a cell does.
 *
 * A conversion is a pure function of the cell, the declarations of the cells before it
 * (`prevDecl`) and the files the TypeScript program reads. The key therefore hashes the
 * cell, `prevDecl` and a salt that the renderer computes from every file under lib/,
 * the notebook folder (besides notebooks), package-lock.json (TypeScript, tslab and all
 * type packages) and the Node.js major version (tslab's target). Only conversions
 * without diagnostics are stored. The JavaScript of local modules (side outputs) is
 * stored once per content, under side/.
 */
import { createHash } from "crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "fs";
import { join, relative, resolve } from "path";

/** Bump when the stored format changes. */
const FORMAT = "1";

/** A conversion as stored: tslab's ConvertResult less its side outputs. */
export interface CachedConversion {
  output?: string;
  declOutput?: string;
  hasToplevelAwait?: boolean;
  lastExpressionVar?: string;
  /** Side outputs this notebook had received up to this cell: path relative to the notebook folder -> sha256. */
  sides: [string, string][];
}

export interface CompileCacheOptions {
  /** The cache folder, e.g. ROOT/node_modules/.cache/llm-breakeven-render. */
  dir: string;
  /** Hash of everything the TypeScript program may read (see above). */
  salt: string;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Reads and writes conversions for the notebooks of one folder. */
export class CompileCache {
  constructor(
    private readonly options: CompileCacheOptions,
    /** The notebook folder (tslab's root), to which side-output paths are relative. */
    private readonly root: string,
  ) {}

  /** The key of converting `src` after `prevDecl`. */
  key(prevDecl: string, src: string): string {
    return sha256(JSON.stringify([FORMAT, process.versions.node.split(".")[0], this.options.salt, prevDecl, src]));
  }

  /** A stored conversion with its side outputs (absolute paths), or undefined. */
  get(key: string): { conversion: CachedConversion; sides: Map<string, string> } | undefined {
    const path = this.entryPath(key);
    if (!existsSync(path)) return undefined;
    try {
      const conversion = JSON.parse(readFileSync(path, "utf8")) as CachedConversion;
      const sides = new Map<string, string>();
      for (const [rel, hash] of conversion.sides) {
        sides.set(resolve(this.root, rel).split("\\").join("/"), readFileSync(this.sidePath(hash), "utf8"));
      }
      return { conversion, sides };
    } catch {
      return undefined; // A damaged entry is a miss.
    }
  }

  /** Stores a conversion and the side outputs (absolute path -> JavaScript) given so far. */
  put(key: string, conversion: Omit<CachedConversion, "sides">, sides: ReadonlyMap<string, string>): void {
    try {
      const entries: [string, string][] = [];
      for (const [path, data] of [...sides].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const hash = sha256(data);
        const file = this.sidePath(hash);
        if (!existsSync(file)) writeAtomic(file, data);
        entries.push([relative(this.root, path).split("\\").join("/"), hash]);
      }
      writeAtomic(this.entryPath(key), JSON.stringify({ ...conversion, sides: entries }));
    } catch {
      // The cache is an optimisation: a read-only or full disk only costs time.
    }
  }

  private entryPath(key: string): string {
    return join(this.options.dir, "cells", key.slice(0, 2), `${key}.json`);
  }

  private sidePath(hash: string): string {
    return join(this.options.dir, "side", hash.slice(0, 2), `${hash}.js`);
  }
}

function writeAtomic(path: string, data: string): void {
  mkdirSync(join(path, ".."), { recursive: true });
  const temp = `${path}.tmp-${process.pid}`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

/** tslab's conversion of a cell, with the local modules' JavaScript it emitted (side outputs). */
export interface CellConversion {
  output?: string;
  declOutput?: string;
  hasToplevelAwait?: boolean;
  lastExpressionVar?: string;
  diagnostics: unknown[];
  sideOutputs?: { path: string; data: string }[];
}

/**
 * Converts a cell through `cache`: a stored conversion, whose local modules are merged into
 * `sides` (absolute path -> JavaScript); else `convert()`, whose side outputs are merged into
 * `sides`, stored with every module in `sides` when it has no diagnostics (or handed to
 * `store`, which stores it later). Without a cache, simply `convert()`. The side outputs are
 * left out of the result: they are in `sides`.
 */
export function convertThroughCache(
  cache: CompileCache | undefined,
  prevDecl: string,
  src: string,
  sides: Map<string, string>,
  convert: () => CellConversion,
  store: (key: string, conversion: Omit<CachedConversion, "sides">) => void = (key, conversion) => cache!.put(key, conversion, sides),
): Omit<CellConversion, "sideOutputs"> {
  const key = cache?.key(prevDecl, src);
  const hit = key === undefined ? undefined : cache!.get(key);
  if (hit !== undefined) {
    for (const [path, data] of hit.sides) sides.set(path, data);
    const { sides: _, ...conversion } = hit.conversion;
    return { ...conversion, diagnostics: [] };
  }
  const { sideOutputs, ...result } = convert();
  for (const o of sideOutputs ?? []) sides.set(o.path, o.data);
  if (key !== undefined && result.diagnostics.length === 0) {
    const { output, declOutput, hasToplevelAwait, lastExpressionVar } = result;
    store(key, { output, declOutput, hasToplevelAwait, lastExpressionVar });
  }
  return result;
}
