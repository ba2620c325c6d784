import { mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { afterAll, describe, expect, it } from "vitest";
import { hashTree, reportInputsHash } from "../../lib/render/hash";
import { stableStringify, writeFileAtomic, writeManifest } from "../../lib/render/manifest";

const dir = mkdtempSync(join(tmpdir(), "manifest-test-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("stableStringify(value)", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(stableStringify({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{\n  "a": {\n    "d": [\n      2,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
  });
});

describe("writeFileAtomic(path, content)", () => {
  it("leaves no temporary file behind", () => {
    writeFileAtomic(join(dir, "a.html"), "x");
    expect(readFileSync(join(dir, "a.html"), "utf8")).toBe("x");
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });
});

describe("writeManifest(path, manifest)", () => {
  it("writes only when the content changes", () => {
    const m = { renderer: "1", reports: {} };
    expect(writeManifest(join(dir, "manifest.json"), m)).toBe(true);
    expect(writeManifest(join(dir, "manifest.json"), m)).toBe(false);
  });
});

describe("reportInputsHash(notebook, shared, overrides)", () => {
  it("changes with the notebook, the shared inputs and the overrides", () => {
    const base = reportInputsHash("nb", "s", []);
    expect(reportInputsHash("nb", "s", [])).toBe(base);
    expect(reportInputsHash("nb2", "s", [])).not.toBe(base);
    expect(reportInputsHash("nb", "s2", [])).not.toBe(base);
    expect(reportInputsHash("nb", "s", [["x", 1]])).not.toBe(base);
  });
});

describe("hashTree(root, dir)", () => {
  it("lists files with relative, sorted paths", () => {
    writeFileAtomic(join(dir, "b.txt"), "b");
    const files = [...hashTree(dir, ".").keys()];
    expect(files).toEqual([...files].sort());
    expect(files).toContain("./b.txt");
  });
});
