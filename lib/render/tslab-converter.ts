/**
 * tslab's own converter (tslab/dist/converter.js), loaded with changes that make it
 * cheaper without changing what it returns: the same JavaScript, declarations, diagnostics
 * and side outputs for every cell (test/render/tslab-converter.test.ts converts cells both
 * ways and compares; the Jupyter test compares whole notebooks with the real kernel).
 *
 * 1. One program update per cell instead of two. tslab updates the TypeScript program with
 *    the cell only to read the names the cell declares (its source file's `locals`), then
 *    updates it again with `export { …those names }` appended. The names come from the
 *    binder, which works on one file alone; so they are read here by parsing and binding the
 *    same text on its own, and the program is updated once, with the export already appended.
 * 2. The semantic diagnostics of the local modules a cell depends on (lib/…) come from the
 *    builder program, which keeps them for files that no change since affected, instead of
 *    from a fresh type-check of every dependency at every cell. TypeScript's own incremental
 *    logic decides what is affected, as in `tsc --watch`. A dependency's declaration
 *    diagnostics are kept as long as the builder keeps its semantic diagnostics.
 *
 * Two more, off unless a caller turns them on (the render's conversion thread does):
 * 3. `shareSourceFiles()`: the files read from disk are parsed and bound once and shared by
 *    the programs of every converter (TypeScript's language service shares them the same way
 *    between projects), instead of parsed again by each converter and each time a file leaves
 *    a program and comes back.
 * 4. `deferCommonJS(hook)`: tslab's last step, turning the emitted ES module into CommonJS
 *    (a transpile of its own), is handed to the hook, so that it can be done on another
 *    thread with the same function (see ahead.ts).
 *
 * The changes are exact text replacements in the installed file (tslab is pinned by
 * package-lock.json). If a replacement target is not found (another tslab version), the
 * converter is loaded unchanged and `unpatchedReason` says why: slower, same outputs.
 */
import { readFileSync } from "fs";
import Module, { createRequire } from "module";
import { dirname } from "path";

/** A replacement in converter.js: `find` must occur exactly once. */
interface Patch {
  readonly why: string;
  readonly find: string;
  readonly replace: string;
}

const PATCHES: readonly Patch[] = [
  {
    why: "read the cell's declared names by binding it alone, not by updating the program",
    find: `        updateContent(prevDecl, src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);
        const locals = srcFile.locals;`,
    replace: `        const locals = __localsOfCell(srcFilename, srcPrefix + src, builder.getProgram().getCompilerOptions());`,
  },
  {
    why: "update the program once, with the export of the declared names appended",
    find: `            updateContent(prevDecl, src + suffix);
            declsFile = builder.getSourceFile(declFilename);
            srcFile = builder.getSourceFile(srcFilename);
        }`,
    replace: `            src = src + suffix;
        }
        updateContent(prevDecl, src);
        let declsFile = builder.getSourceFile(declFilename);
        let srcFile = builder.getSourceFile(srcFilename);`,
  },
  {
    why: "files read from disk parsed once and shared by the programs of every converter, when asked for",
    find: `    }, sys, null, function (d) {`,
    replace: `    }, sys, __sharingSourceFiles((path) => path === srcFilename || path === declFilename || virtualFiles.has(path)), function (d) {`,
  },
  {
    why: "a local module's CommonJS made where deferCommonJS's hook says, when asked for",
    find: `                    data: esModuleToCommonJSModule(data, transpileTarget),`,
    replace: `                    data: __toCommonJS(data, transpileTarget),`,
  },
  {
    why: "a cell's CommonJS made where deferCommonJS's hook says, when asked for",
    find: `            output: esModuleToCommonJSModule(output, transpileTarget),`,
    replace: `            output: __toCommonJS(output, transpileTarget),`,
  },
  {
    why: "semantic diagnostics of unaffected dependencies from the builder's store",
    find: `    return ts.getPreEmitDiagnosticsOfFiles(builder.getProgram(), files);`,
    replace: `    return __preEmitDiagnosticsOfFiles(builder, files);`,
  },
];

/** Helpers appended to the patched file (they use its `ts`). */
const HELPERS = `
/** The names a cell declares, as the program's binder records them in the cell file's locals. */
function __localsOfCell(fileName, text, options) {
    const file = ts.createSourceFile(fileName, text, ts.getEmitScriptTarget(options));
    ts.bindSourceFile(file, options);
    return file.locals;
}
/**
 * The source files read from disk (parsed and bound), by compiler options (as JSON), then parse
 * options and path: shared by the programs of every converter of this module once
 * shareSourceFiles() is called; else unused.
 */
const __sourceFiles = new Map();
let __sharing = false;
exports.shareSourceFiles = function () { __sharing = true; };
/**
 * A createProgram for ts.createWatchCompilerHost: the default one (an emit-and-semantic-diagnostics
 * builder), its host's getSourceFile and getSourceFileByPath first looking in __sourceFiles for a
 * file that is not one of the converter's own (\`isVirtual\`), and storing there what they read.
 */
function __sharingSourceFiles(isVirtual) {
    const wrapped = new WeakSet();
    return function (rootNames, options, host, oldProgram, configFileParsingDiagnostics, projectReferences) {
        if (__sharing && host !== undefined && !wrapped.has(host)) {
            wrapped.add(host);
            const optionsKey = JSON.stringify(options);
            let files = __sourceFiles.get(optionsKey);
            if (files === undefined) __sourceFiles.set(optionsKey, (files = new Map()));
            const getSourceFile = host.getSourceFile;
            const getSourceFileByPath = host.getSourceFileByPath;
            const shared = (path, languageVersionOrOptions, shouldCreateNewSourceFile, read) => {
                if (shouldCreateNewSourceFile || isVirtual(path)) return read();
                const o = languageVersionOrOptions;
                const parse = typeof o === "object" ? o.languageVersion + "/" + o.impliedNodeFormat : String(o);
                let byPath = files.get(parse);
                if (byPath === undefined) files.set(parse, (byPath = new Map()));
                const known = byPath.get(path);
                if (known !== undefined) return known;
                const file = read();
                if (file !== undefined) byPath.set(path, file);
                return file;
            };
            host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile) =>
                shared(ts.toPath(fileName, host.getCurrentDirectory(), host.getCanonicalFileName), languageVersionOrOptions, shouldCreateNewSourceFile,
                    () => getSourceFile.call(host, fileName, languageVersionOrOptions, onError, shouldCreateNewSourceFile));
            if (getSourceFileByPath !== undefined) {
                host.getSourceFileByPath = (fileName, path, languageVersionOrOptions, onError, shouldCreateNewSourceFile) =>
                    shared(path, languageVersionOrOptions, shouldCreateNewSourceFile,
                        () => getSourceFileByPath.call(host, fileName, path, languageVersionOrOptions, onError, shouldCreateNewSourceFile));
            }
        }
        return ts.createEmitAndSemanticDiagnosticsBuilderProgram(rootNames, options, host, oldProgram, configFileParsingDiagnostics, projectReferences);
    };
}
/** Set by deferCommonJS: what convert() calls instead of esModuleToCommonJSModule. */
let __deferred = null;
exports.deferCommonJS = function (hook) { __deferred = hook; };
function __toCommonJS(js, target) {
    return __deferred === null ? esModuleToCommonJSModule(js, target) : __deferred(js, target);
}
/** A dependency's declaration diagnostics, with the builder's semantic diagnostics they were computed beside, by folder and file. */
const __declarationDiagnostics = new Map();
/**
 * ts.getPreEmitDiagnosticsOfFiles, with each file's semantic diagnostics from the builder program;
 * and a dependency's declaration diagnostics (files[0] is the cell) kept while the builder keeps
 * its semantic diagnostics: the builder drops those as soon as the file, or what it depends on,
 * changes; then both are computed again.
 */
function __preEmitDiagnosticsOfFiles(builder, files) {
    const program = builder.getProgram();
    const state = builder.getState();
    const declarations = ts.getEmitDeclarations(program.getCompilerOptions());
    const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
    files.forEach((file, i) => {
        const kept = i > 0 && state.semanticDiagnosticsPerFile !== undefined && state.semanticDiagnosticsPerFile.has(file.resolvedPath);
        diagnostics.push(...program.getSyntacticDiagnostics(file));
        const semantic = builder.getSemanticDiagnostics(file);
        diagnostics.push(...semantic);
        if (!declarations) return;
        const key = program.getCurrentDirectory() + "\0" + file.resolvedPath;
        const known = __declarationDiagnostics.get(key);
        if (kept && known !== undefined && known.semantic === semantic) {
            diagnostics.push(...known.declaration);
            return;
        }
        const declaration = program.getDeclarationDiagnostics(file);
        if (i > 0) __declarationDiagnostics.set(key, { semantic, declaration });
        diagnostics.push(...declaration);
    });
    return ts.sortAndDeduplicateDiagnostics(diagnostics);
}
`;

/** What tslab/dist/converter exports that the renderer uses. */
export interface TslabConverterModule {
  createConverter(options: { isJS: boolean; isBrowser: boolean }): unknown;
  /**
   * Patched only: from now on, the converters this module creates share the source files they
   * read from disk, each parsed once. For a process (or thread) that reads files which do not
   * change while it runs, as a render's conversion thread; TypeScript's file watchers no longer
   * see a change to a shared file.
   */
  shareSourceFiles?(): void;
  /**
   * Patched only: from now on, convert() hands each piece of JavaScript it would turn into
   * CommonJS with `esModuleToCommonJSModule(js, target)` to `hook` instead, and returns what the
   * hook returns in its place (a token, for the conversion to be made elsewhere: see ahead.ts).
   */
  deferCommonJS?(hook: (js: string, target: number) => string): void;
  /** tslab's ES module to CommonJS step (a TypeScript transpile of JavaScript). */
  esModuleToCommonJSModule(js: string, target: number): string;
}

export interface LoadedConverter {
  readonly module: TslabConverterModule;
  /** Null when patched; else why the converter runs as installed. */
  readonly unpatchedReason: string | null;
}

/** The patched source of converter.js, or the reason it cannot be patched. */
export function patchConverterSource(source: string): { source: string } | { reason: string } {
  let out = source;
  for (const p of PATCHES) {
    const first = out.indexOf(p.find);
    if (first < 0) return { reason: `tslab's converter.js has changed: not found, for "${p.why}"` };
    if (out.indexOf(p.find, first + 1) >= 0) return { reason: `tslab's converter.js has changed: found twice, for "${p.why}"` };
    out = out.slice(0, first) + p.replace + out.slice(first + p.find.length);
  }
  return { source: out + HELPERS };
}

/** Why the installed converter.js cannot be patched, or null when it can: without loading it (no TypeScript). */
export function converterPatchStatus(): string | null {
  const file = createRequire(import.meta.url).resolve("tslab/dist/converter");
  const patched = patchConverterSource(readFileSync(file, "utf8"));
  return "reason" in patched ? patched.reason : null;
}

let loaded: LoadedConverter | null = null;

/** tslab's converter, patched (see the file comment), loaded once per process. */
export function loadTslabConverter(): LoadedConverter {
  if (loaded !== null) return loaded;
  const require = createRequire(import.meta.url);
  const file = require.resolve("tslab/dist/converter");
  const patched = patchConverterSource(readFileSync(file, "utf8"));
  if ("reason" in patched) {
    loaded = { module: require(file) as TslabConverterModule, unpatchedReason: patched.reason };
    return loaded;
  }
  // compiled as a module of its own file, so that its require() calls resolve as tslab's do
  const M = Module as unknown as {
    new (id: string, parent?: unknown): { filename: string; paths: string[]; exports: unknown; _compile(code: string, filename: string): void };
    _nodeModulePaths(dir: string): string[];
  };
  const mod = new M(file);
  mod.filename = file;
  mod.paths = M._nodeModulePaths(dirname(file));
  mod._compile(patched.source, file);
  loaded = { module: mod.exports as TslabConverterModule, unpatchedReason: null };
  return loaded;
}
