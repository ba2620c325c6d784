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
import { CATALOG_PROVIDER_IDS, cacheCatalogIn } from "../lib/data/api-catalog";

/**
 * Each flag: the situation field it sets, how it reads its value, its help, and, where the default
 * is not a plain value (null in DEFAULT_SITUATION: the data fills it), what the default is in words;
 * `list`: the --list kind that gives its ids.
 */
const FLAGS: Record<string, { field: keyof Situation; kind: "id" | "number" | "count" | "api"; help: string; byDefault?: string; list?: "devices" | "models" | "apis" }> = {
  "--device": { field: "deviceId", kind: "id", help: "a device_id of data/hardware.csv (--list devices)", list: "devices" },
  "--count": { field: "deviceCount", kind: "count", help: "devices in the machine" },
  "--model": { field: "modelId", kind: "id", help: "a model_id of data/models.csv (--list models)", list: "models" },
  "--format": { field: "quantization", kind: "id", help: "weight format: mxfp4, q4_k_m, q8_0, fp8, fp16 …" },
  "--concurrency": { field: "concurrency", kind: "count", help: "requests served at once (1: one stream)" },
  "--tokens-per-month": { field: "tokensPerMonth", kind: "number", help: "the volume to serve, more than 0, e.g. 2e8" },
  "--hours-per-month": { field: "hoursPerMonth", kind: "number", help: "hours the machine runs a month: more than 0, at most 744 (31 days)" },
  "--life-months": { field: "lifeMonths", kind: "number", help: "months to write the hardware off over" },
  "--hardware-usd": { field: "hardwareUsd", kind: "number", help: "your purchase price", byDefault: "the newest price in the data" },
  "--host-usd": { field: "hostUsd", kind: "number", help: "host (CPU, board, PSU) to add to bare GPUs" },
  "--load-watts": { field: "loadWatts", kind: "number", help: "wall power generating", byDefault: "from the data" },
  "--host-watts": { field: "hostWatts", kind: "number", help: "host power to add to bare GPUs" },
  "--idle-watts": { field: "idleWatts", kind: "number", help: "wall power idle", byDefault: "from the data" },
  "--tokens-per-second": { field: "tokensPerSecond", kind: "number", help: "your own speed", byDefault: "measured, else estimated" },
  "--usd-per-kwh": { field: "usdPerKWh", kind: "number", help: "electricity price", byDefault: "newest US residential" },
  "--engineering-fte": { field: "engineeringFte", kind: "number", help: "engineering time, FTE" },
  "--loaded-usd-per-year": { field: "loadedUsdPerYear", kind: "number", help: "cost of one FTE", byDefault: "the data's lowest" },
  "--api": { field: "apiProvider", kind: "api", help: "provider/model of data/api_prices.csv (--list apis) or of the @pydantic/genai-prices catalog", list: "apis" },
  "--input-per-output": { field: "inputPerOutput", kind: "number", help: "input tokens per output token" },
  "--prompt-tokens": { field: "promptTokens", kind: "number", help: "input tokens per request: picks a catalog price's tier, and sets the memory each stream's KV cache takes when streams are estimated", byDefault: "10,000" },
  "--cached-input-share": { field: "cachedInputShare", kind: "number", help: "share of input tokens read from the API's cache, 0–1, priced at its cached-input price where the source gives one", byDefault: "0" },
};

/** The flag that sets a situation field (--api sets both apiProvider and apiModel). */
function flagOf(field: string): string | undefined {
  if (field === "apiModel") return "--api";
  return Object.entries(FLAGS).find(([, f]) => f.field === field)?.[0];
}

class UsageError extends Error {}

/** A default as a reader would type it: 1e8 rather than 100000000. */
function typed(v: unknown): string {
  return typeof v === "number" && Math.abs(v) >= 1e6 ? v.toExponential().replace("e+", "e") : String(v);
}

/** One flag's line of --help: its help, then its default, once. */
function helpLine(flag: string): string {
  const f = FLAGS[flag];
  const d = DEFAULT_SITUATION;
  const value = f.kind === "api" ? `${d.apiProvider}/${d.apiModel}` : d[f.field];
  const byDefault = value === null || value === undefined ? (f.byDefault === undefined ? "" : ` (default: ${f.byDefault})`) : ` (default ${typed(value)})`;
  return `  ${flag.padEnd(22)} ${f.help}${byDefault}`;
}

function help(): string {
  return [
    "usage: npm run scenario -- [flags] [--json]",
    "",
    "Own the hardware or pay an API? The answer of notebooks/12-scenario-explorer in the terminal.",
    "",
    ...Object.keys(FLAGS).map(helpLine),
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
export function situationFromArgs(args: readonly string[]): { situation: Situation; json: boolean; list: string | null; help: boolean; given: Record<string, string> } {
  const s: Record<string, unknown> = { ...DEFAULT_SITUATION };
  /** The value typed for each flag, as typed (for the error messages). */
  const given: Record<string, string> = {};
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
      given[a] = raw;
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
  return { situation: s as unknown as Situation, json, list: listKind, help: wantHelp, given };
}

/**
 * A lib error about a scenario parameter in the terminal's terms: the flag, and the value typed for
 * it where the rule does not already quote it (`scenario parameter apiModel: …` → `--api: … foo/bar …`,
 * `scenario parameter tokensPerMonth: must be a number > 0 (got 0)` → `--tokens-per-month: …`). For
 * an id, the lib's long lists of known ids give way to the `--list` that prints them, keeping the
 * lib's short sample; for an API whose provider neither the data nor the catalog knows, it says so.
 * Any other message is returned as it is.
 *
 * @example flagMessage('scenario parameter apiModel: no list price for foo/bar in data/api_prices.csv (known: a/b, c/d) nor …', { "--api": "foo/bar" }, new Set(["anthropic"]))
 *   // '--api: no list price for foo/bar in data/api_prices.csv nor …; no provider "foo" in either; `npm run scenario -- --list apis` lists the APIs in the data'
 */
export function flagMessage(message: string, given: Readonly<Record<string, string>>, providers?: ReadonlySet<string>): string {
  const m = /^scenario parameter (\w+): ([\s\S]*)$/.exec(message);
  const flag = m ? flagOf(m[1]) : undefined;
  if (!m || !flag) return message;
  const f = FLAGS[flag];
  const raw = given[flag];
  let rule = m[2];
  if (f.list) {
    // the lib's lists: "(known: every cited API)", "(providers: the catalog's 43 …)", "… (89 in all; see the data/ table)"
    rule = rule.replace(/ \((?:known|providers): [^)]*\)/g, "").replace(/; see the data\/ table\)/, ")");
    if (f.list === "apis" && raw !== undefined && providers && !providers.has(raw.slice(0, raw.indexOf("/")))) rule += `; no provider ${JSON.stringify(raw.slice(0, raw.indexOf("/")))} in either`;
    rule += `; \`npm run scenario -- --list ${f.list}\` lists ${f.list === "apis" ? "the APIs in the data" : `every ${f.list.slice(0, -1)}`}`;
  }
  return `${raw === undefined || rule.includes(raw) ? flag : `${flag} ${raw}`}: ${rule}`;
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
  let data: Data | undefined;
  try {
    data = loadData();
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
    const providers = data ? new Set<string>([...data.api_prices.rows.map((r) => r.provider), ...CATALOG_PROVIDER_IDS]) : undefined;
    process.stderr.write(`${flagMessage((e as Error).message, parsed.given, providers)}\n`);
    return 1;
  }
}

process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
// run directly (tsx scripts/scenario.ts); scripts/scenario.mjs imports the bundle and calls main itself
if (process.argv[1] && /scenario\.ts$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2));
