/**
 * A worker process that executes notebooks for the renderer (see pool.ts). Started by
 * worker.mjs, which loads this TypeScript without hooking `require`, so that cells run
 * with the same module loading as in the tslab kernel.
 *
 * Cells are type-checked on a thread of their own, ahead of running them (see ahead.ts). That
 * thread starts first, with the notebook folder given as the process's argument, so that it
 * loads TypeScript and builds its converter while this thread loads the executor.
 */
import { AheadConverter, convertibleAhead } from "./ahead";
import { converterPatchStatus } from "./tslab-converter";
import type { FromWorker, ToWorker } from "./worker-protocol";

const send = (message: FromWorker) => process.send?.(message);
// the worker's own exit: a notebook's process.exit is caught while it runs (execute.ts)
const exit = process.exit.bind(process);
const ahead = new AheadConverter(process.argv[2]);
const session = import("./execute").then(({ TslabSession }) => new TslabSession());
let queue: Promise<unknown> = session;

process.on("message", (message: ToWorker) => {
  if (message.type === "exit") {
    queue = queue.then(async () => {
      (await session).close();
      exit(0);
    });
    return;
  }
  const { id, dir, cells, cellTimeoutMs, compileCache } = message;
  // conversion starts now, while the notebooks queued before this one still run
  const sources = cells.map((c) => c.source);
  const aheadId = convertibleAhead(sources) ? ahead.submit(dir, sources, compileCache) : undefined;
  queue = queue.then(async () => {
    try {
      const run = await (
        await session
      ).run(cells, {
        dir,
        cellTimeoutMs,
        compileCache,
        ahead: aheadId === undefined ? undefined : { converter: ahead, id: aheadId },
        onCell: (position, total) => send({ type: "cell", id, position, total }),
        onRunning: (position, phase) => send({ type: "running", id, position, phase }),
      });
      send({ type: "result", id, run });
    } catch (e) {
      send({ type: "crash", id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
});
process.on("disconnect", () => exit(0));
const unpatched = converterPatchStatus();
send({ type: "ready", note: unpatched === null ? undefined : `${unpatched}; running it unpatched (slower, the same outputs)` });
