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

function main(argv: string[]): number {
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

process.exitCode = main(process.argv.slice(2));
