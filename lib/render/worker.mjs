// Entry point of a render worker process (see pool.ts). tsx's tsImport compiles
// worker.ts and its imports without registering a global `require` hook for .ts files,
// which would let notebook code load modules that the tslab kernel cannot.
import { tsImport } from "tsx/esm/api";

await tsImport("./worker.ts", import.meta.url);
