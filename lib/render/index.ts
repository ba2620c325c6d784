/** Notebook rendering: execution with tslab, pages, index, manifest. Only re-exports. */
export {
  renderReports,
  executeNotebooks,
  listNotebooks,
  cellJobs,
  relativizePaths,
  type RenderOptions,
  type RenderEvent,
  type RenderResult,
  type ReportResult,
  type Failure,
} from "./render";
export { renderPage, renderOutput, summarize, pageShell, escapeHtml, stripAnsi, type PageInput, type ReportSummary } from "./page";
export { renderIndex, type IndexInput } from "./index-page";
export {
  parseParameters,
  parseLiteral,
  parseAssignments,
  notebookParameters,
  parametersCellIndex,
  resolveOverrides,
  injectParameters,
  injectedSource,
  describeParameters,
  coerceValue,
  formatLiteral,
  ParameterError,
  type Parameter,
  type ParameterType,
  type ParameterValue,
  type Override,
} from "./params";
export { createMarkdownRenderer, firstHeading, slugify, rewriteNotebookLink } from "./markdown";
export { checkOutputFolder, realFolder, foreignEntries, withFolderLock, publishFiles, OutputFolderError, LOCK_FILE } from "./outdir";
export { readManifest, writeManifest, stableStringify, writeFileAtomic, type Manifest, type ManifestEntry } from "./manifest";
export { sha256, hashFile, hashTree, sharedInputsDigest, compileInputsDigest, reportInputsHash, RENDERER_VERSION } from "./hash";
export { findVerdictProvider, normalizeVerdictCounts, AUDIT_MODULE, type VerdictCounts, type VerdictProvider } from "./verdicts";
export {
  readNotebook,
  parseNotebook,
  cellSource,
  cellTags,
  hasTag,
  joinText,
  type Notebook,
  type Cell,
  type CodeCell,
  type MarkdownCell,
  type Output,
  type MimeBundle,
} from "./nbformat";
export type { CellJob, CellRun, NotebookRun, ExecuteOptions } from "./execute";
export { STYLE } from "./style";
