/**
 * npm run data:check — validate data/ and print a coverage table.
 *
 *   npx tsx scripts/data-check.ts [--dir <data dir>] [--as-of YYYY-MM-DD] [--max-age-days N] [--write-ids]
 *
 * After the coverage table it prints freshness: per dated table (prices, benchmarks, electricity,
 * labour) the newest row's date and its age, and the rows older than a year (--max-age-days, default
 * 365), measured against datapackage.json's "x-data-as-of" (or --as-of). Never against the clock.
 * --write-ids regenerates lib/data/ids.ts (union types of the ids in the CSVs).
 * Exits 1 with the validation message when the data is invalid.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { coverage, DataValidationError, defaultDataDir, formatCoverage, isPartialDate, loadData, renderIdsModule } from "../lib/data/index";
import { formatFreshness, freshness } from "../lib/data/staleness";

const USAGE = "usage: npm run data:check -- [--dir <data dir>] [--as-of YYYY-MM-DD] [--max-age-days N] [--write-ids]";
const VALUE_FLAGS = ["--dir", "--as-of", "--max-age-days"];

function main(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    if (VALUE_FLAGS.includes(argv[i])) {
      if (argv[i + 1] === undefined || argv[i + 1].startsWith("--")) {
        console.error(`${argv[i]} needs ${argv[i] === "--dir" ? "a folder" : argv[i] === "--as-of" ? "a date (YYYY-MM-DD)" : "a whole number of days"}\n${USAGE}`);
        return 2;
      }
      i++;
    } else if (argv[i] !== "--write-ids") {
      console.error(`unknown argument ${JSON.stringify(argv[i])}\n${USAGE}`);
      return 2;
    }
  }
  const flag = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const dir = flag("--dir") ?? defaultDataDir();
  const asOfFlag = flag("--as-of");
  if (asOfFlag !== undefined && !isPartialDate(asOfFlag)) {
    console.error(`--as-of ${JSON.stringify(asOfFlag)}: not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)\n${USAGE}`);
    return 2;
  }
  const maxAgeFlag = flag("--max-age-days");
  if (maxAgeFlag !== undefined && !/^\d+$/.test(maxAgeFlag)) {
    console.error(`--max-age-days ${JSON.stringify(maxAgeFlag)}: not a whole number of days\n${USAGE}`);
    return 2;
  }
  let data;
  try {
    data = loadData(dir);
  } catch (e) {
    if (e instanceof DataValidationError) {
      console.error(e.message);
      return 1;
    }
    throw e;
  }
  console.log(`Data in ${dir} is valid (datapackage ${data.package.name} ${data.package.version ?? ""}, data as of ${data.package["x-data-as-of"] ?? "?"}).\n`);
  console.log(formatCoverage(coverage(data)));
  const asOf = asOfFlag ?? data.package["x-data-as-of"];
  console.log("");
  if (asOf === undefined || !isPartialDate(asOf)) {
    console.log(`Freshness not reported: datapackage.json has no valid "x-data-as-of"; pass --as-of YYYY-MM-DD.`);
  } else {
    const asOfFrom = asOfFlag !== undefined ? "--as-of" : `datapackage.json "x-data-as-of"`;
    console.log(formatFreshness(freshness(data, { asOf, asOfFrom, maxAgeDays: maxAgeFlag === undefined ? 365 : Number(maxAgeFlag) })));
  }
  if (argv.includes("--write-ids")) {
    const target = fileURLToPath(new URL("../lib/data/ids.ts", import.meta.url));
    writeFileSync(target, renderIdsModule(data));
    console.log(`\nWrote ${target}`);
  }
  return 0;
}

// a reader that stops early (npm run data:check | head) is not an error
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(0);
  throw e;
});
try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`data:check could not run: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
}
