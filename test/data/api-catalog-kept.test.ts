/**
 * The price catalog kept between runs (lib/data/api-catalog.ts cacheCatalogIn): the terminal
 * answer keeps what it read from @pydantic/genai-prices as JSON beside its bundle and reads that
 * next time. The kept copy must be exactly what the package gives, and anything else in its place
 * (another package's key, a torn or foreign file) must be read afresh from the package.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { cacheCatalogIn, catalogModels, CATALOG_VERSION } from "../../lib/data";

const dir = mkdtempSync(join(tmpdir(), "kept-catalog-"));
const file = join(dir, `genai-prices-${CATALOG_VERSION}.json`);
const kept = () => JSON.parse(readFileSync(file, "utf8")) as { key: string; models: { name: string | null }[] };

afterEach(() => cacheCatalogIn(null));
cacheCatalogIn(null);
const fromPackage = catalogModels();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the kept catalog", () => {
  it("is written on the first read and read back as exactly what the package gives", () => {
    rmSync(file, { force: true });
    cacheCatalogIn(dir);
    catalogModels(); // nothing kept yet: reads the package and keeps it
    expect(kept().key).toMatch(new RegExp(`^@pydantic/genai-prices@${CATALOG_VERSION.replace(/\./g, "\\.")} \\d+ \\d+$`));
    expect(kept().models).toHaveLength(fromPackage.length);
    cacheCatalogIn(dir);
    expect(catalogModels()).toStrictEqual(fromPackage);
  });

  it("is what the next read uses (a mark put into the file shows up)", () => {
    cacheCatalogIn(dir);
    catalogModels();
    const k = kept();
    k.models[0].name = "marked in the kept file";
    writeFileSync(file, JSON.stringify(k));
    cacheCatalogIn(dir);
    expect(catalogModels()[0].name).toBe("marked in the kept file");
  });

  it("is read afresh from the package, and rewritten, when its key is another install's", () => {
    cacheCatalogIn(dir);
    catalogModels();
    const k = kept();
    writeFileSync(file, JSON.stringify({ key: `${k.key}0`, models: [{ ...k.models[0], name: "another install" }] }));
    cacheCatalogIn(dir);
    expect(catalogModels()).toStrictEqual(fromPackage);
    expect(kept().key).toBe(k.key);
  });

  it("is read afresh from the package, and rewritten, when the file is torn or not a catalog", () => {
    for (const text of ['{"key": "@pydantic/genai', "[]", '{"key": 1, "models": {}}']) {
      writeFileSync(file, text);
      cacheCatalogIn(dir);
      expect(catalogModels()).toStrictEqual(fromPackage);
      expect(kept().models).toHaveLength(fromPackage.length);
    }
  });
});
