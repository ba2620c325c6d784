/**
 * `npm run scenario -- --device rtx-4090 --model llama-3.1-8b --format q4_k_m --tokens-per-month 2e8`
 *
 * The scenario notebook's answer in the terminal, from the same lib functions (scenarioAnswer →
 * readerCase): does the model fit (and what would), the cost per million tokens, the break-even,
 * the cheapest API, each with its source or basis. `--json` for scripts; `--help` for the flags;
 * `--list devices|models|apis` for the ids the data knows.
 */
import { loadData } from "../lib/data/load";
import type { Data } from "../lib/data/load";
// the two modules it needs, not lib/articles/index (which brings the sensitivity tools and arquero)
import { answerText, DEFAULT_SITUATION, scenarioAnswer } from "../lib/articles/answer";
import { apiOffers, type Situation } from "../lib/articles/scenario";
import { cacheCatalogIn } from "../lib/data/api-catalog";

/** Each flag, the situation field it sets, and how it reads its value. */
const FLAGS: Record<string, { field: keyof Situation; kind: "id" | "number" | "count" | "api"; help: string }> = {
  "--device": { field: "deviceId", kind: "id", help: "a device_id of data/hardware.csv (--list devices)" },
  "--count": { field: "deviceCount", kind: "count", help: "devices in the machine" },
  "--model": { field: "modelId", kind: "id", help: "a model_id of data/models.csv (--list models)" },
  "--format": { field: "quantization", kind: "id", help: "weight format: mxfp4, q4_k_m, q8_0, fp8, fp16 …" },
  "--concurrency": { field: "concurrency", kind: "count", help: "requests served at once (1: one stream)" },
  "--tokens-per-month": { field: "tokensPerMonth", kind: "number", help: "the volume to serve, e.g. 2e8" },
  "--hours-per-month": { field: "hoursPerMonth", kind: "number", help: "720, 730 (default) or 744" },
  "--life-months": { field: "lifeMonths", kind: "number", help: "months to write the hardware off over" },
  "--hardware-usd": { field: "hardwareUsd", kind: "number", help: "your purchase price (default: the newest price in the data)" },
  "--host-usd": { field: "hostUsd", kind: "number", help: "host (CPU, board, PSU) to add to bare GPUs" },
  "--load-watts": { field: "loadWatts", kind: "number", help: "wall power generating (default: from the data)" },
  "--host-watts": { field: "hostWatts", kind: "number", help: "host power to add to bare GPUs" },
  "--idle-watts": { field: "idleWatts", kind: "number", help: "wall power idle" },
  "--tokens-per-second": { field: "tokensPerSecond", kind: "number", help: "your own speed (default: measured, else estimated)" },
  "--usd-per-kwh": { field: "usdPerKWh", kind: "number", help: "electricity price (default: newest US residential)" },
  "--engineering-fte": { field: "engineeringFte", kind: "number", help: "engineering time, FTE (default 0.05)" },
  "--loaded-usd-per-year": { field: "loadedUsdPerYear", kind: "number", help: "cost of one FTE (default: the data's lowest)" },
  "--api": { field: "apiProvider", kind: "api", help: "provider/model of data/api_prices.csv, e.g. anthropic/claude-sonnet-4.6 (--list apis)" },
  "--input-per-output": { field: "inputPerOutput", kind: "number", help: "input tokens per output token (default 3)" },
};

class UsageError extends Error {}

function help(): string {
  const d = DEFAULT_SITUATION;
  return [
    "usage: npm run scenario -- [flags] [--json]",
    "",
    "Own the hardware or pay an API? The answer of notebooks/12-scenario-explorer in the terminal.",
    "",
    ...Object.entries(FLAGS).map(([flag, f]) => `  ${flag.padEnd(22)} ${f.help}${f.kind === "api" ? ` (default ${d.apiProvider}/${d.apiModel})` : d[f.field] !== null && f.kind !== "id" ? ` (default ${d[f.field]})` : f.kind === "id" ? ` (default ${d[f.field]})` : ""}`),
    `  ${"--json".padEnd(22)} the answer as JSON`,
    `  ${"--list KIND".padEnd(22)} list the devices, models or apis the data knows`,
    `  ${"--help".padEnd(22)} this text`,
  ].join("\n");
}

function list(data: Data, kind: string | undefined): string {
  if (kind === "devices") return [...new Map(data.hardware.rows.map((r) => [r.device_id, r.name])).entries()].map(([id, name]) => `${id.padEnd(28)} ${name}`).join("\n");
  if (kind === "models") return [...new Map(data.models.rows.map((r) => [r.model_id, r.name])).entries()].map(([id, name]) => `${id.padEnd(28)} ${name}`).join("\n");
  if (kind === "apis") return apiOffers(data, 3).map((o) => `${`${o.provider}/${o.model}`.padEnd(40)} $${o.usdPerMTok.toPrecision(3)}/Mtok blended 3:1 (${o.sourceId}, ${o.effectiveDate})`).join("\n");
  throw new UsageError(`--list takes devices, models or apis (got ${JSON.stringify(kind ?? "")})`);
}

/** The situation the flags describe. */
export function situationFromArgs(args: readonly string[]): { situation: Situation; json: boolean; list: string | null; help: boolean } {
  const s: Record<string, unknown> = { ...DEFAULT_SITUATION };
  let json = false;
  let listKind: string | null = null;
  let wantHelp = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") json = true;
    else if (a === "--help" || a === "-h") wantHelp = true;
    else if (a === "--list") listKind = args[++i] ?? "";
    else if (FLAGS[a]) {
      const f = FLAGS[a];
      const raw = args[++i];
      if (raw === undefined || raw.startsWith("--")) throw new UsageError(`${a} needs a value: ${f.help}`);
      if (f.kind === "id") s[f.field] = raw;
      else if (f.kind === "api") {
        const slash = raw.indexOf("/");
        if (slash < 1) throw new UsageError(`${a} ${raw}: give provider/model, e.g. anthropic/claude-sonnet-4.6`);
        s.apiProvider = raw.slice(0, slash);
        s.apiModel = raw.slice(slash + 1);
      } else {
        const v = Number(raw);
        if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw) || !Number.isFinite(v)) throw new UsageError(`${a} ${raw}: must be a finite number`);
        if (f.kind === "count" && (!Number.isInteger(v) || v < 1)) throw new UsageError(`${a} ${raw}: must be a whole number ≥ 1`);
        s[f.field] = v;
      }
    } else throw new UsageError(`unknown argument ${JSON.stringify(a)}; npm run scenario -- --help lists the flags`);
  }
  return { situation: s as unknown as Situation, json, list: listKind, help: wantHelp };
}

/**
 * Answers for the flags in `argv`, writing to stdout (the answer) or stderr (an error); returns the
 * exit code. `cacheDir`: where the price catalog may be kept between runs (scripts/scenario.mjs
 * passes its bundle's folder, cleared whenever it rebuilds the bundle).
 */
export function main(argv: string[], opts: { cacheDir?: string } = {}): number {
  if (opts.cacheDir) cacheCatalogIn(opts.cacheDir);
  let parsed;
  try {
    parsed = situationFromArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(help() + "\n");
    return 0;
  }
  try {
    const data = loadData();
    if (parsed.list !== null) {
      process.stdout.write(list(data, parsed.list) + "\n");
      return 0;
    }
    const a = scenarioAnswer(data, parsed.situation);
    if (parsed.json) {
      const out =
        a.kind === "does-not-fit"
          ? { kind: a.kind, situation: a.situation, fit: a.fit }
          : {
              kind: a.kind,
              situation: a.situation,
              cheaper: a.cheaper,
              estimated: a.estimated,
              tokensPerSecond: a.tokensPerSecond,
              speedBasis: a.case.speedBasis,
              usdPerMTok: a.usdPerMTok,
              selfHostMonthUsd: a.selfHostMonthUsd,
              apiMonthUsd: a.apiMonthUsd,
              apiUsdPerMTok: a.case.apiUsdPerMTok,
              breakEven: a.breakEven,
              setups: a.case.setups,
              cheapestApi: a.cheapestApi,
              inputs: a.case.inputs,
              caveats: a.case.caveats,
            };
      process.stdout.write(JSON.stringify(out, null, 2) + "\n");
    } else process.stdout.write(answerText(a) + "\n");
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    // the lib's errors name the parameter, the value and the rule; here the parameter is a flag. No stack trace for a user.
    const message = (e as Error).message.replace(/^scenario parameter (\w+):/, (all, field: string) => {
      const flag = Object.entries(FLAGS).find(([, f]) => f.field === field)?.[0];
      return flag ? `${flag}:` : all;
    });
    process.stderr.write(`${message}\n`);
    return 1;
  }
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
// run directly (tsx scripts/scenario.ts); scripts/scenario.mjs imports the bundle and calls main itself
if (process.argv[1] && /scenario\.ts$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
