/**
 * Two of tslab's converters for one folder, so that a cell which reads no module does not
 * empty the program of the cells that do.
 *
 * tslab's TypeScript program holds a cell, the declarations of the cells before it, and what
 * those import. A notebook's first cell (its `parameters`) imports nothing, and starts with no
 * earlier declarations: converting it drops every lib/ and node_modules file from the program,
 * with their parsed text and their kept type-check, and the next cell's imports bring them all
 * back, parsed and checked again: more than a second for each notebook after the first.
 *
 * A cell's conversion depends only on its source and the declarations before it (the
 * renderer already converts every notebook of a folder with one converter, in any order).
 * So a cell that reads no module, after declarations that import none, is handed to a second
 * converter, whose program never holds a module; the first keeps the modules of the last
 * notebook for the next one. Which of the two converts a cell changes its cost, never its
 * result (test/render/converter-pair.test.ts compares both ways).
 */
import type { CellConversion } from "./compile-cache";

/** One of tslab's converters, as the renderer calls it. */
export interface CellConverter {
  convert(prevDecl: string, src: string): CellConversion;
  close(): void;
}

/**
 * Text that may bring a module into the program: an `import` (declaration, `import(…)`,
 * `import x = require(…)`), a `require`, or a triple-slash reference. It may also match a word
 * in a string or comment; such a cell goes to the converter that holds modules, which costs
 * nothing more than before.
 */
const READS_MODULES = /\b(?:import|require)\b|\/\/\/\s*<reference/;

/** Whether a cell, after declarations `prevDecl`, may bring a module into the program. */
export function readsModules(prevDecl: string, src: string): boolean {
  return READS_MODULES.test(prevDecl) || READS_MODULES.test(src);
}

/** A converter for a folder that hands cells reading no module to a second converter, made when first needed. */
export class ConverterPair implements CellConverter {
  private second: CellConverter | null = null;
  /** Whether the first converter's program may hold modules (it has converted a cell that reads some). */
  private holdsModules = false;
  /** Cells converted by each converter: [first, second]. */
  readonly counts: [number, number] = [0, 0];

  /** @param create makes a converter for the folder (both converters are made by it). */
  constructor(
    private readonly create: () => CellConverter,
    private readonly first: CellConverter = create(),
  ) {}

  convert(prevDecl: string, src: string): CellConversion {
    if (readsModules(prevDecl, src)) {
      this.holdsModules = true;
    } else if (this.holdsModules) {
      this.second ??= this.create();
      this.counts[1]++;
      return this.second.convert(prevDecl, src);
    }
    this.counts[0]++;
    return this.first.convert(prevDecl, src);
  }

  close(): void {
    this.first.close();
    this.second?.close();
  }
}
