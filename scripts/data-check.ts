/**
 * npm run data:check — validate data/ and print a coverage table.
 *
 *   npx tsx scripts/data-check.ts [--dir <data dir>] [--write-ids]
 *
 * --write-ids regenerates lib/data/ids.ts (union types of the ids in the CSVs).
 * Exits 1 with the validation message when the data is invalid.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { coverage, DataValidationError, defaultDataDir, formatCoverage, loadData, renderIdsModule } from "../lib/data/index";

const USAGE = "usage: npm run data:check -- [--dir <data dir>] [--write-ids]";

function main(argv: string[]): number {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--dir") {
      if (argv[i + 1] === undefined || argv[i + 1].startsWith("--")) {
        console.error(`--dir needs a folder\n${USAGE}`);
        return 2;
      }
      i++;
    } else if (argv[i] !== "--write-ids") {
      console.error(`unknown argument ${JSON.stringify(argv[i])}\n${USAGE}`);
      return 2;
    }
  }
  const dirFlag = argv.indexOf("--dir");
  const dir = dirFlag >= 0 && argv[dirFlag + 1] ? argv[dirFlag + 1] : defaultDataDir();
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
