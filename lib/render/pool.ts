/**
 * Worker processes that execute notebooks (worker.ts), so that the renderer's own
 * process keeps its working directory, its stdout and its globals, and so that each
 * worker starts, like a kernel, with a clean Node.js and a stdout that is not a TTY
 * (no colours in printed values).
 */
import { fork, type ChildProcess } from "child_process";
import { fileURLToPath } from "url";
import type { CompileCacheOptions } from "./compile-cache";
import type { CellJob, NotebookRun } from "./execute";
import type { FromWorker, ToWorker } from "./worker-protocol";

const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));

export interface PoolJob {
  dir: string;
  cells: CellJob[];
  cellTimeoutMs?: number;
  compileCache?: CompileCacheOptions;
  /** Called before each cell runs. */
  onCell?: (position: number, total: number) => void;
}

interface Pending {
  job: PoolJob;
  resolve: (run: NotebookRun) => void;
  reject: (error: Error) => void;
}

interface Worker {
  child: ChildProcess;
  busy?: { id: number; pending: Pending };
  log: string[];
}

/** Runs notebooks on up to `size` worker processes, started on demand. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly queue: { id: number; pending: Pending }[] = [];
  private nextId = 1;

  constructor(
    private readonly size: number,
    private readonly cwd: string,
  ) {}

  /** Executes one notebook's cells. */
  run(job: PoolJob): Promise<NotebookRun> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, pending: { job, resolve, reject } });
      this.dispatch();
    });
  }

  /** Stops all workers. */
  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.child.exitCode !== null || !w.child.connected) return resolve();
            w.child.once("exit", () => resolve());
            w.child.send({ type: "exit" } satisfies ToWorker);
          }),
      ),
    );
    this.workers.length = 0;
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let worker = this.workers.find((w) => !w.busy);
      if (!worker && this.workers.length < this.size) worker = this.spawn();
      if (!worker) return;
      const next = this.queue.shift()!;
      worker.busy = next;
      const { dir, cells, cellTimeoutMs, compileCache } = next.pending.job;
      worker.child.send({ type: "run", id: next.id, dir, cells, cellTimeoutMs, compileCache } satisfies ToWorker);
    }
  }

  private spawn(): Worker {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.FORCE_COLOR;
    delete env.NODE_OPTIONS;
    const child = fork(WORKER, [], { cwd: this.cwd, env, execArgv: [], stdio: ["ignore", "pipe", "pipe", "ipc"] });
    const worker: Worker = { child, log: [] };
    // What a worker prints outside cells (warnings) is kept for crash reports.
    const keep = (chunk: Buffer) => {
      worker.log.push(chunk.toString("utf8"));
      if (worker.log.length > 50) worker.log.shift();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("message", (message: FromWorker) => {
      const busy = worker.busy;
      if (message.type === "ready" || !busy || message.id !== busy.id) return;
      if (message.type === "cell") {
        busy.pending.job.onCell?.(message.position, message.total);
        return;
      }
      worker.busy = undefined;
      if (message.type === "result") busy.pending.resolve(message.run);
      else busy.pending.reject(new Error(`render worker crashed: ${message.message}`));
      this.dispatch();
    });
    child.on("exit", (code, signal) => {
      const i = this.workers.indexOf(worker);
      if (i >= 0) this.workers.splice(i, 1);
      if (worker.busy) {
        worker.busy.pending.reject(
          new Error(`render worker exited (${signal ?? `code ${code}`}) while running a notebook:\n${worker.log.join("")}`),
        );
        worker.busy = undefined;
        this.dispatch();
      }
    });
    this.workers.push(worker);
    return worker;
  }
}
