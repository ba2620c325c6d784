/**
 * The report template of an audited article, as a notebook: what every article's report has in
 * common (the section headings and their explaining prose, the parameters cell, one call per
 * section of lib/report/article-report.ts) around what is the article's own (its introduction,
 * what the reader should take away, the live explorer's title). `npm run audit -- new` writes a
 * new article's notebook with it; test/report/article-notebooks.test.ts checks that every
 * article notebook in notebooks/ is this template with its own prose, so none drifts.
 */

/** What is the article's own in its report; everything else comes from the template. */
export interface ArticleNotebookOptions {
  /** The article's source id (a source of tier "article" with a case in data/article_inputs.csv). */
  readonly article: string;
  /** The first cell, markdown: the title and what the article argues, written for it. */
  readonly intro: string;
  /** Markdown under the finding: what the reader should take away from this article, written for it. */
  readonly takeaway: string;
  /** The live explorer's title and what it calls the API (lib/live CaseExplorerOptions). */
  readonly explorer: { readonly title: string; readonly apiLabel: string };
  /**
   * Whether the report has the "Everything uncertain at once" section (Monte Carlo and Sobol
   * indices over the input ranges) and its parameters: a case on owned hardware only.
   */
  readonly uncertainty?: boolean;
}

/** A notebook cell as the template writes it (nbformat 4.5). */
export interface TemplateCell {
  readonly cell_type: "markdown" | "code";
  readonly metadata: { readonly tags?: readonly string[] };
  readonly source: readonly string[];
  readonly id: string;
  readonly execution_count?: null;
  readonly outputs?: readonly unknown[];
}

/** A notebook as the template writes it. */
export interface TemplateNotebook {
  readonly cells: readonly TemplateCell[];
  readonly metadata: object;
  readonly nbformat: 4;
  readonly nbformat_minor: 5;
}

const METADATA = {
  kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
  language_info: { codemirror_mode: { mode: "typescript", name: "javascript", typescript: true }, file_extension: ".ts", mimetype: "text/typescript", name: "typescript", version: "3.7.2" },
};

/** The cell ids of the article's own cells. */
export const OWN_CELLS = { intro: "intro", takeaway: "takeaway", explorer: "explorer" } as const;

/** nbformat's source: lines, each but the last ending in "\n". */
function lines(text: string): string[] {
  const parts = text.split("\n");
  return parts.map((l, i) => (i < parts.length - 1 ? `${l}\n` : l)).filter((l) => l.length > 0);
}

function markdown(id: string, text: string): TemplateCell {
  return { cell_type: "markdown", metadata: {}, source: lines(text), id };
}

function code(id: string, text: string, tags: readonly string[] = []): TemplateCell {
  return { cell_type: "code", metadata: tags.length > 0 ? { tags: [...tags] } : {}, source: lines(text), id, execution_count: null, outputs: [] };
}

const str = (s: string) => JSON.stringify(s);

/** lib/ as a notebook imports it: through the notebooks/lib link, relative to the notebook. */
const NOTEBOOK_LIB = "./lib";

/** The parameters cell's text: the article, then each parameter with its default. */
function parametersCell(o: ArticleNotebookOptions): string {
  return [
    `const article = ${str(o.article)}; // the article: its claims are data/claims/${o.article}.csv, its case data/article_inputs.csv`,
    `const overrides = ""; // inputs of the case to replace, e.g. "usdPerKWh=0.30, hardwareUsd=3000"`,
    `const sweepPoints = 41; // points on each sweep`,
    ...(o.uncertainty
      ? [`const monteCarloDraws = 100000; // Monte Carlo draws`, `const sobolBaseSamples = 20000; // Sobol base samples`, `const seed = 20261123; // seed of every random draw`]
      : []),
  ].join("\n");
}

/** The setup cell: the data, and the report's case, ranges and audit with the parameters (no shorthand properties: tslab renames earlier cells' names). */
function setupCell(o: ArticleNotebookOptions): string {
  const params = ["overrides: overrides", "sweepPoints: sweepPoints", ...(o.uncertainty ? ["monteCarloDraws: monteCarloDraws", "sobolBaseSamples: sobolBaseSamples", "seed: seed"] : [])];
  return [
    `import { loadData } from "${NOTEBOOK_LIB}/data/index";`,
    `import { articleReport, show } from "${NOTEBOOK_LIB}/report/article-report";`,
    ``,
    `// the case, its input ranges and its audit, computed once; each section below is one call`,
    `const report = articleReport(loadData(), article, { ${params.join(", ")} });`,
  ].join("\n");
}

/** The notebook of an article's report: the template around the article's own prose. */
export function articleNotebook(o: ArticleNotebookOptions): TemplateNotebook {
  const hidden = ["remove-input"];
  const cells: TemplateCell[] = [
    markdown(OWN_CELLS.intro, o.intro),
    code("parameters", parametersCell(o), ["parameters"]),
    code("setup", setupCell(o), hidden),
    markdown(
      "inputs-heading",
      "## What the article assumes\n\nEach input of the case, where it comes from and how: *stated* by the article, *reconstructed* (not\nstated, but the value that reproduces the article's figure), *derived* from other inputs, or taken\n*from data* where the article leaves a gap.",
    ),
    code("inputs", "show(report.inputs());"),
    markdown("headlines-heading", "## Its headline figures, recomputed"),
    code("headlines", "show(report.headlines());", hidden),
    markdown(
      "audit-heading",
      "## The audit: every number the article prints\n\nEach claim is checked by recomputation from the article's own inputs, against the data's sources,\nagainst physics (a single stream's memory-bandwidth bound, or the serving ceiling of batched\nthroughput: compute and memory), or against another of its own figures (see `data/claims/`).",
    ),
    code("audit", "show(report.audit());"),
    markdown(
      "robustness-heading",
      "## How robust is the conclusion?\n\nEach input moves alone across its range (from the data's sources where they give one, the article's\nown range, or a stated assumption), everything else at the article's values.",
    ),
    code("tornado", "show(report.tornado());"),
    code("api-price-sweep", "show(report.apiPriceSweep());"),
    code("hardware-price-sweep", "show(report.hardwarePriceSweep());"),
    code("utilization-sweep", "show(report.utilizationSweep());"),
    markdown("flips-heading", "## Where the conclusion flips"),
    code("flips", "show(report.flips());", hidden),
    markdown(
      "explorer-heading",
      "## Try your own assumptions\n\nChange any of the case's assumptions below: the cost per million tokens, the break-even volume,\nthe verdict and the chart are recomputed in the page by the same model code that produced the\nfigures above. The shaded band under a slider is the range the sources give, the tick the\narticle's value; the address of the page keeps the scenario, so a link to it reopens it.",
    ),
    code(OWN_CELLS.explorer, `show(report.explorer({ title: ${str(o.explorer.title)}, apiLabel: ${str(o.explorer.apiLabel)} }));`, hidden),
    ...(o.uncertainty
      ? [
          markdown(
            "uncertainty-heading",
            "## Everything uncertain at once\n\nMonte Carlo: every input drawn at once from a triangular distribution over its range, peaked at the\narticle's value, except utilization, drawn uniformly from 2% to 100% because nobody runs a rig flat\nout, with a seeded generator (the page reproduces exactly). Then Sobol indices: how much\nof the variance of the break-even each input explains alone (first order) and with its interactions\n(total).",
          ),
          code("monte-carlo", "show(report.monteCarlo());"),
          code("sobol", "show(report.sobol());"),
        ]
      : []),
    markdown("takeaway-heading", "## What to take away"),
    code("finding", "show(report.finding());", hidden),
    markdown(OWN_CELLS.takeaway, o.takeaway),
    markdown("sources-heading", "## Sources and data as of"),
    code("sources", "show(report.sources());"),
  ];
  return { cells, metadata: METADATA, nbformat: 4, nbformat_minor: 5 };
}

/** The notebook file's text, formatted as the project's notebooks are (one-space JSON, a final newline). */
export function articleNotebookText(o: ArticleNotebookOptions): string {
  return `${JSON.stringify(articleNotebook(o), null, 1)}\n`;
}

/**
 * The article's own parts of a notebook written from the template: its article id, introduction,
 * take-away, explorer title and whether it has the uncertainty section. Throws naming what is
 * missing when the notebook is not an article report.
 */
export function articleNotebookOptions(notebook: { readonly cells: readonly { readonly id?: string; readonly cell_type: string; readonly source: string | readonly string[] }[] }): ArticleNotebookOptions {
  const text = (id: string) => {
    const cell = notebook.cells.find((c) => c.id === id);
    if (cell === undefined) throw new RangeError(`not an article report: no cell with id ${JSON.stringify(id)}`);
    return typeof cell.source === "string" ? cell.source : cell.source.join("");
  };
  const article = /^const article = ("[^"\n]*");/m.exec(text("parameters"));
  if (!article) throw new RangeError('not an article report: its parameters cell does not start with const article = "…";');
  const explorer = /^show\(report\.explorer\(\{ title: ("(?:[^"\\]|\\.)*"), apiLabel: ("(?:[^"\\]|\\.)*") \}\)\);$/.exec(text(OWN_CELLS.explorer));
  if (!explorer) throw new RangeError("not an article report: its explorer cell is not show(report.explorer({ title: …, apiLabel: … }));");
  return {
    article: JSON.parse(article[1]) as string,
    intro: text(OWN_CELLS.intro),
    takeaway: text(OWN_CELLS.takeaway),
    explorer: { title: JSON.parse(explorer[1]) as string, apiLabel: JSON.parse(explorer[2]) as string },
    uncertainty: notebook.cells.some((c) => c.id === "monte-carlo"),
  };
}
