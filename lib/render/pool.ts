/**
 * Worker processes that execute notebooks (worker.ts), so that the renderer's own
 * process keeps its working directory, its stdout and its globals, and so that each
 * worker starts, like a kernel, with a clean Node.js and a stdout that is not a TTY
 * (no colours in printed values).
 *
 * The pool also keeps each cell's time: a cell whose code runs longer than the cell timeout (an
 * endless loop never lets the worker's own timers fire) gets its worker stopped, and its notebook
 * fails naming the cell; the notebooks the worker held next go to another worker.
 */
import { fork, type ChildProcess } from "child_process";
import { fileURLToPath } from "url";
import type { CompileCacheOptions } from "./compile-cache";
import type { CellJob, NotebookRun } from "./execute";
import { DEFAULT_CELL_TIMEOUT_MS, type FromWorker, type ToWorker } from "./worker-protocol";

/** A notebook stopped by its worker's end: the cell it was running (CellJob.index), if any. */
export class NotebookStopped extends Error {
  override name = "NotebookStopped";
  constructor(
    message: string,
    readonly cellIndex: number | undefined,
  ) {
    super(message);
  }
}

/** After the last cell, the wait for the cells' timers may take the cell timeout; the worker gets this much more to say so itself. */
const TIMERS_GRACE_MS = 10_000;

/**
 * How long a cell's conversion (type-check) may take on top of the cell timeout: the clock is
 * the cell's own from when its code starts running (the worker's "running" message).
 */
export const CONVERSION_TIMEOUT_MS = 600_000;

const WORKER = fileURLToPath(new URL("./worker.mjs", import.meta.url));

/**
 * V8 flags of a worker, which spends its time type-checking with TypeScript: a larger young
 * generation (fewer scavenges of the compiler's short-lived objects), a larger interrupt budget
 * (V8 optimizes only the hottest of TypeScript's functions instead of compiling many that run
 * briefly) and garbage collection on the thread that allocates. Measured on 2 cores (cold
 * render of the nine reports, CPU seconds of the worker's threads): 61 s without them, 39–43 s
 * with them. None of them changes what a cell computes.
 */
const WORKER_V8_FLAGS = ["--max-semi-space-size=64", "--interrupt-budget=524288", "--single-threaded-gc"];

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
  /** Notebooks sent and not finished, in the order the worker runs them. */
  inFlight: { id: number; pending: Pending }[];
  log: string[];
  /** The cell the worker is at (position in the running notebook's cells), and its clock. */
  at?: number;
  clock?: NodeJS.Timeout;
  /** Why the pool stopped the worker. */
  stopped?: NotebookStopped;
}

/**
 * Notebooks a worker holds at once when there are several workers: the one it runs and the
 * next, whose cells its conversion thread type-checks meanwhile (see ahead.ts). A lone worker
 * is handed every notebook at once, so that its conversion thread never waits for work.
 */
const DEPTH = 2;

/** Every worker process running, stopped when this process exits (a worker in an endless loop would not see its parent go). */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** Runs notebooks on up to `size` worker processes, started on demand. */
export class WorkerPool {
  private readonly workers: Worker[] = [];
  private readonly queue: { id: number; pending: Pending }[] = [];
  private nextId = 1;

  constructor(
    private readonly size: number,
    private readonly cwd: string,
    /** Called with what a worker says the user should know, once per distinct message. */
    private readonly onNote: (message: string) => void = () => {},
    /** The notebook folder, if known: a worker prepares its converter for it as it starts. */
    private readonly warmDir?: string,
  ) {}

  private readonly notes = new Set<string>();

  /** Starts every worker now (else each starts when a notebook first needs it). */
  start(): void {
    while (this.workers.length < this.size) this.spawn();
  }

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
      // an idle worker first, then a new one, then the least loaded with room for one more
      let worker = this.workers.find((w) => w.inFlight.length === 0);
      if (!worker && this.workers.length < this.size) worker = this.spawn();
      if (!worker) {
        const depth = this.size === 1 ? Infinity : DEPTH;
        const open = this.workers.filter((w) => w.inFlight.length < depth).sort((a, b) => a.inFlight.length - b.inFlight.length);
        worker = open[0];
      }
      if (!worker) return;
      const next = this.queue.shift()!;
      worker.inFlight.push(next);
      const { dir, cells, cellTimeoutMs, compileCache } = next.pending.job;
      worker.child.send({ type: "run", id: next.id, dir, cells, cellTimeoutMs, compileCache } satisfies ToWorker);
    }
  }

  /** (Re)starts the clock of the cell at `position`: when it runs out, the worker is stopped. */
  private startClock(worker: Worker, job: PoolJob, position: number, phase: "converting" | "cell" | "timers"): void {
    clearTimeout(worker.clock);
    const timeoutMs = job.cellTimeoutMs ?? DEFAULT_CELL_TIMEOUT_MS;
    worker.clock = setTimeout(
      () => {
        const seconds = `${Math.round(timeoutMs / 100) / 10} s`;
        worker.stopped = new NotebookStopped(
          phase === "timers"
            ? `a timer or callback this cell set was still running ${seconds} after the notebook's last cell (the cell timeout), so the worker process running it was stopped.`
            : `the cell ran longer than the cell timeout (${seconds}), so the worker process running it was stopped. Give a cell that needs longer more time with --cell-timeout SECONDS.`,
          job.cells[position]?.index,
        );
        worker.child.kill("SIGTERM");
        setTimeout(() => worker.child.exitCode === null && worker.child.signalCode === null && worker.child.kill("SIGKILL"), 2000).unref();
      },
      timeoutMs + (phase === "timers" ? TIMERS_GRACE_MS : 0) + (phase === "converting" ? CONVERSION_TIMEOUT_MS : 0),
    );
  }

  private spawn(): Worker {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete env.FORCE_COLOR;
    delete env.NODE_OPTIONS;
    const child = fork(WORKER, this.warmDir === undefined ? [] : [this.warmDir], { cwd: this.cwd, env, execArgv: WORKER_V8_FLAGS, stdio: ["ignore", "pipe", "pipe", "ipc"] });
    const worker: Worker = { child, inFlight: [], log: [] };
    running.add(child);
    // What a worker prints outside cells (warnings) is kept for crash reports.
    const keep = (chunk: Buffer) => {
      worker.log.push(chunk.toString("utf8"));
      if (worker.log.length > 50) worker.log.shift();
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("message", (message: FromWorker) => {
      if (message.type === "ready") {
        if (message.note !== undefined && !this.notes.has(message.note)) {
          this.notes.add(message.note);
          this.onNote(message.note);
        }
        return;
      }
      const at = worker.inFlight.findIndex((f) => f.id === message.id);
      if (at < 0) return;
      const busy = worker.inFlight[at];
      if (message.type === "cell") {
        worker.at = message.position;
        this.startClock(worker, busy.pending.job, message.position, "converting");
        busy.pending.job.onCell?.(message.position, message.total);
        return;
      }
      if (message.type === "running") {
        worker.at = message.position;
        this.startClock(worker, busy.pending.job, message.position, message.phase);
        return;
      }
      clearTimeout(worker.clock);
      worker.at = undefined;
      worker.inFlight.splice(at, 1);
      if (message.type === "result") busy.pending.resolve(message.run);
      else busy.pending.reject(new Error(`render worker crashed: ${message.message}`));
      this.dispatch();
    });
    child.on("exit", (code, signal) => {
      running.delete(child);
      clearTimeout(worker.clock);
      const i = this.workers.indexOf(worker);
      if (i >= 0) this.workers.splice(i, 1);
      if (worker.inFlight.length > 0) {
        // the notebook it was running fails; those it held next go to another worker
        const [running, ...next] = worker.inFlight.splice(0);
        const cell = worker.at === undefined ? undefined : running.pending.job.cells[worker.at]?.index;
        const printed = worker.log.join("").trim();
        running.pending.reject(
          worker.stopped ??
            new NotebookStopped(
              `the worker process running the notebook ended (${signal ?? `exit code ${code}`}) ${cell === undefined ? "before its first cell" : "during this cell"}` +
                (printed ? `; what it printed last:\n${printed}` : ""),
              cell,
            ),
        );
        this.queue.unshift(...next);
        this.dispatch();
      }
    });
    this.workers.push(worker);
    return worker;
  }
}
