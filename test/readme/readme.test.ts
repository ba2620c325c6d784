/**
 * README.md is tested: every example it shows runs, and prints what README says it prints.
 *
 * README's examples are read with marked's lexer (readme-text.ts), so a block added later is
 * picked up: every fenced or indented code block must be ```sh or ```ts, or the test fails.
 *
 * ```ts blocks: each is a script of its own (it imports what it uses), saved in the root of a
 * scratch copy of the project as a reader would save it, then type-checked with the project's
 * tsconfig and run with `npx tsx`. Each top-level expression statement's value is recorded
 * (ts-example.ts) and compared with what its `//` comment states, by the rule in results.ts:
 * a quoted string is the string (a prefix when it ends in "…"), a number is the value at its
 * written digits, `{ key: value, … }` those keys; a comment stating no result must still see
 * its expression run without throwing.
 *
 * Shell commands: every line of a ```sh block, and every `npm …`/`npx …` code span in the
 * prose, is looked up in commands.ts, which runs it as written in a scratch copy of the
 * project with a temporary HOME and checks what it printed and wrote against README's text.
 * A command with no check there, or whose `#` comment the check does not cover, fails.
 *
 * README_SLOW=1 (or CI, which .ci/run sets) also runs the bench commands, which take minutes.
 */
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { afterAll, describe, expect, it } from "vitest";
import { checks, expectCiRunsNpmCi, sharedProject, SLOW } from "./commands";
import { readExamples, shellLines, type CodeBlock } from "./readme-text";
import { mismatches, readComment, UnreadableComment, workingMismatch } from "./results";
import { cleanup, ROOT, sh, tempHome, transcript } from "./scratch";
import { instrument, type RecordedValue } from "./ts-example";

const markdown = readFileSync(join(ROOT, "README.md"), "utf8");
const readme = readExamples(markdown);
const LANGUAGES = ["sh", "ts"];

afterAll(() => cleanup());

describe("README.md's code blocks", () => {
  it("are all shell (```sh) or TypeScript (```ts), the two kinds this file runs", () => {
    expect(readme.blocks.length).toBeGreaterThan(0);
    const unknown = readme.blocks.filter((b) => !LANGUAGES.includes(b.lang));
    expect(
      unknown.map((b) => `README.md:${b.line}: a ${b.lang ? `\`\`\`${b.lang}` : "code block without a language"}, which test/readme does not know how to run`),
    ).toEqual([]);
  });
});

// ---------- TypeScript ----------

const tsBlocks = readme.blocks.filter((b) => b.lang === "ts");
const exampleName = (b: CodeBlock) => `readme-example-line-${b.line}`;

/** The examples saved in a copy of the project: each as written, and instrumented to record its values. */
const saved = (async () => {
  const project = await sharedProject();
  for (const b of tsBlocks) {
    writeFileSync(join(project, `${exampleName(b)}.ts`), b.text + "\n");
    writeFileSync(join(project, `${exampleName(b)}.run.ts`), instrument(b.text).script);
  }
  return { project, home: tempHome("examples") };
})();
saved.catch(() => undefined); // reported by the tests that await it

describe("README.md's TypeScript examples", () => {
  it.concurrent(
    "type-check with the project's tsconfig",
    async () => {
      const { project, home } = await saved;
      const config = join(project, "readme-examples.tsconfig.json");
      writeFileSync(config, JSON.stringify({ extends: "./tsconfig.json", include: [], files: tsBlocks.map((b) => `${exampleName(b)}.ts`) }));
      const r = await sh(`node node_modules/typescript/bin/tsc -p ${config} --noEmit --pretty false`, { cwd: project, home, timeoutMs: 300_000 });
      // an error in an example, at its README line
      const errors = r.stdout
        .split("\n")
        .filter((l) => l.includes("error TS"))
        .map((l) => {
          const m = /^readme-example-line-(\d+)\.ts\((\d+),(\d+)\): (.*)$/.exec(l);
          return m ? `README.md:${Number(m[1]) + Number(m[2]) - 1}:${m[3]}: ${m[4]}` : l;
        });
      expect(errors, transcript(r)).toEqual([]);
      expect(r.code, transcript(r)).toBe(0);
    },
    300_000,
  );

  for (const block of tsBlocks) {
    it.concurrent(
      `README.md:${block.line}: runs, and each result a comment states is what the expression gives`,
      async () => {
        const { project, home } = await saved;
        const { expressions } = instrument(block.text);
        const results = join(project, `${exampleName(block)}.results.json`);
        const r = await sh(`npx tsx ${exampleName(block)}.run.ts`, { cwd: project, home, env: { README_RESULTS: results }, timeoutMs: 240_000 });
        expect(r.code, transcript(r)).toBe(0);
        let recorded: Record<number, RecordedValue> = {};
        if (expressions.length > 0) recorded = JSON.parse(readFileSync(results, "utf8")) as Record<number, RecordedValue>;
        const problems: string[] = [];
        let stated = 0;
        for (const e of expressions) {
          const where = `README.md:${block.line + e.line}: ${e.source.split("\n")[0]}`;
          const got = recorded[e.index];
          if (!got) {
            problems.push(`${where}: did not run`);
            continue;
          }
          if (!got.ok) {
            problems.push(`${where}: threw ${got.error}`);
            continue;
          }
          if (e.comment === undefined) continue;
          try {
            const reading = readComment(e.comment);
            if (reading.result) {
              stated++;
              for (const m of mismatches(reading.result, got.value)) problems.push(`${where}: ${m} (comment: ${e.comment})`);
              const w = workingMismatch(reading);
              if (w) problems.push(`${where}: ${w}`);
            }
            for (const p of reading.properties) if (!got.properties?.includes(p)) problems.push(`${where}: the comment names .${p}, which the value does not have`);
          } catch (err) {
            if (!(err instanceof UnreadableComment)) throw err;
            problems.push(`${where}: ${err.message}`);
          }
        }
        expect(problems).toEqual([]);
        // the example ran every expression statement it has (a count, not a value: results were compared above)
        expect(Object.keys(recorded).length).toBe(expressions.length);
        if (stated === 0) console.log(`README.md:${block.line}: an example whose comments state no result; it ran without throwing`);
      },
      300_000,
    );
  }
});

// ---------- shell ----------

const commands = [...readme.blocks.filter((b) => b.lang === "sh").flatMap(shellLines), ...readme.inline];

describe("README.md's shell commands", () => {
  it("are found: the blocks' lines and the npm commands in the prose", () => {
    expect(commands.filter((c) => c.where === "block").length).toBeGreaterThan(10);
    expect(commands.filter((c) => c.where === "inline").length).toBeGreaterThan(3);
  });

  for (const line of commands) {
    const title = `README.md:${line.line}: ${line.command}${line.comment ? `  # ${line.comment}` : ""}${line.where === "inline" ? " (in the prose)" : ""}`;
    const direct = checks[line.command];
    const rest = line.command.startsWith("npm ci && ") ? line.command.slice("npm ci && ".length) : undefined;
    const slow = (direct ?? (rest ? checks[rest] : undefined))?.slow === true;
    it.concurrent(
      title,
      async (ctx) => {
        let command = line.command;
        let check = direct;
        if (!check && rest !== undefined) {
          // `npm ci` would replace node_modules under the running tests: CI runs it on a clean clone
          expectCiRunsNpmCi();
          command = rest;
          check = checks[rest];
        }
        if (!check) throw new Error(`README.md:${line.line}: no check for \`${line.command}\`: add one to test/readme/commands.ts`);
        if (line.where === "block") {
          expect(check.comments, `README.md:${line.line}: the comment of \`${line.command}\` changed: re-read what it claims and update its check in test/readme/commands.ts`).toContain(line.comment);
        }
        if (check.slow && !SLOW) {
          console.warn(`SKIPPED: README.md:${line.line}: \`${line.command}\` takes minutes; README_SLOW=1 (or CI) runs it`);
          ctx.skip();
          return;
        }
        await check.run(command, {
          readme,
          markdown,
          skip: (why) => {
            console.warn(why);
            ctx.skip();
          },
        });
      },
      slow ? 1_800_000 : 900_000,
    );
  }
});
