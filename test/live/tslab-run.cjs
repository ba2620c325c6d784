// Runs notebook cells the way the tslab kernel does (tslab's converter and executor, TypeScript
// 5.0.4, CommonJS, no other loader), in notebooks/, and prints the display_data outputs as JSON.
// Usage: node test/live/tslab-run.cjs '<cell 1>' '<cell 2>' …  (run from any directory)
const path = require("path");
const root = path.resolve(__dirname, "../..");
process.chdir(path.join(root, "notebooks"));
const converter = require(path.join(root, "node_modules/tslab/dist/converter"));
const executor = require(path.join(root, "node_modules/tslab/dist/executor"));
const jupyter = require(path.join(root, "node_modules/tslab/dist/jupyter"));

(async () => {
  const conv = converter.createConverter({ isJS: false, isBrowser: false });
  const logs = [];
  const ex = executor.createExecutor(process.cwd(), { node: conv, browser: conv, close() {} }, {
    log: (...a) => logs.push(a.map(String).join(" ")),
    error: (...a) => logs.push("ERROR " + a.map((x) => (x && x.stack) || String(x)).join(" ")),
  });
  const cells = [];
  for (const src of process.argv.slice(2)) {
    const displays = [];
    jupyter.lastWriteDisplayData = (d) => displays.push(d.data);
    logs.length = 0;
    const ok = await ex.execute(src);
    cells.push({ ok, displays, logs: [...logs] });
    if (!ok) break;
  }
  jupyter.lastWriteDisplayData = null;
  conv.close();
  process.stdout.write("\n@@JSON@@" + JSON.stringify(cells));
  process.exit(0);
})();
