// Entry point of a render worker's conversion thread (see ahead.ts): loads convert-thread.ts
// with tsx's tsImport, as worker.mjs loads worker.ts. A failure to load is sent to the main
// thread, which would otherwise wait for conversions that never come.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

try {
  await tsImport("./convert-thread.ts", import.meta.url);
} catch (e) {
  workerData.port.postMessage({ fatal: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  const signal = new Int32Array(workerData.signal);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
}
