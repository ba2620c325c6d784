/**
 * The configuration of a live scenario explorer. Plain data (JSON-safe): it is embedded in
 * the page and read by the browser script, and the server renders the initial state from it.
 * All values are in the model's units (utilization as a fraction 0–1); `scale` only changes
 * what the reader sees and types (100 shows a fraction as a percentage).
 */

/** One assumption the reader can change. */
export interface ExplorerInput {
  /** The model input's name, as in data/article_inputs.csv and scenarioFromValues (e.g. "usdPerKWh"). */
  readonly name: string;
  /** What a reader sees, e.g. "Electricity price". */
  readonly label: string;
  /** The unit shown after the field (in display units), e.g. "USD/kWh" or "%". */
  readonly unit: string;
  /** The published value (the article's assumption), model units. */
  readonly value: number;
  /** Slider bounds and step, model units. The number field accepts any value; the model validates it. */
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** Displayed value = value × scale (100 for a fraction shown in %). Default 1. */
  readonly scale?: number;
  /** The range the sources give, model units; marked under the slider. */
  readonly range?: { readonly low: number; readonly high: number; readonly basis?: string };
  /** Where the value and its range come from, in a sentence. */
  readonly sourceNote?: string;
}

/** A live explorer: the inputs exposed, the values held fixed, and labels. */
export interface ExplorerConfig {
  /** Namespaces every element id and the URL state: letters, digits, "-" and "_", starting with a letter. */
  readonly id: string;
  readonly title: string;
  readonly inputs: readonly ExplorerInput[];
  /** Model inputs not exposed, by name (e.g. { idleWatts: 350 }). */
  readonly fixed?: Readonly<Record<string, number>>;
  /** What the API is called in the results and the chart, e.g. "GPT-4o mini". Default "API". */
  readonly apiLabel?: string;
  /** A line under the results, e.g. the article's own claim. */
  readonly note?: string;
}
