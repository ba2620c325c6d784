/**
 * A worker process that executes notebooks for the renderer (see pool.ts). Started by
 * worker.mjs, which loads this TypeScript without hooking `require`, so that cells run
 * with the same module loading as in the tslab kernel.
 */
import { TslabSession } from "./execute";
import type { FromWorker, ToWorker } from "./worker-protocol";

const send = (message: FromWorker) => process.send?.(message);
const session = new TslabSession();
let queue: Promise<void> = Promise.resolve();

process.on("message", (message: ToWorker) => {
  if (message.type === "exit") {
    queue = queue.then(() => {
      session.close();
      process.exit(0);
    });
    return;
  }
  const { id, dir, cells, cellTimeoutMs, compileCache } = message;
  queue = queue.then(async () => {
    try {
      const run = await session.run(cells, {
        dir,
        cellTimeoutMs,
        compileCache,
        onCell: (position, total) => send({ type: "cell", id, position, total }),
      });
      send({ type: "result", id, run });
    } catch (e) {
      send({ type: "crash", id, message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
});
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
