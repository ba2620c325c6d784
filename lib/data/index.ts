/** Source-cited datasets in data/: typed loader, validation, look-ups, staleness and coverage. */
export { parseCsv } from "./csv";
export type { CsvParseResult, CsvRecord, CsvSyntaxError } from "./csv";
export { DataValidationError, formatIssue } from "./errors";
export type { ValidationIssue, ValidationRule } from "./errors";
export { readDataPackage, DATAPACKAGE_FILE } from "./datapackage";
export type { DataPackage, DataResource, SchemaField, TableSchema, ForeignKey, FieldConstraints } from "./datapackage";
export { validateTable, checkForeignKeys, checkAsOf } from "./validate";
export type { TableResult, RawRow, Cell } from "./validate";
export { loadData, defaultDataDir } from "./load";
export type { Data, Dataset, LoadOptions, Tables } from "./load";
export { ageInDays, compareDates, dayNumber, isPartialDate } from "./dates";
export { findStale, warnIfOlderThan } from "./staleness";
export type { StaleWarning, StalenessOptions, WarnOptions } from "./staleness";
export {
  apiPrice,
  benchmarks,
  cloudGpuPrices,
  device,
  electricityPrice,
  hardwarePrices,
  model,
  range,
  source,
  tierOf,
  UnknownIdError,
  HARDWARE_SPEC_FIELDS,
  MODEL_SPEC_FIELDS,
} from "./lookups";
export type {
  ApiPriceQuery,
  AsOfQuery,
  BenchmarkFilter,
  CloudGpuQuery,
  DeviceSpec,
  ElectricityQuery,
  HardwarePriceQuery,
  HardwareSpecField,
  ModelSpec,
  ModelSpecField,
  RangeResult,
} from "./lookups";
export { computeFromData, deviceSpecFromData, modelSpecFromData } from "./specs";
export type { SpecTrace } from "./specs";
export { coverage, formatCoverage } from "./coverage";
export type { Coverage, TableCoverage, ArticleOnlyFact } from "./coverage";
export {
  CATALOG_AS_OF,
  CATALOG_PACKAGE,
  CATALOG_PROVIDER_IDS,
  CATALOG_SOURCE_ID,
  CATALOG_VERSION,
  CatalogShapeError,
  DEFAULT_PROMPT_TOKENS,
  cacheCatalogIn,
  catalogMatches,
  catalogModelPasses,
  catalogModels,
  catalogOffer,
  catalogOffers,
  catalogRateAt,
  findCatalogModel,
  normalizeModelId,
  readCatalogProvider,
} from "./api-catalog";
export type { CatalogFilter, CatalogModel, CatalogOffer, CatalogPriceEntry, CatalogPrices, CatalogPricing, CatalogRate } from "./api-catalog";
export { renderIdsModule } from "./ids-render";
export * from "./ids";
export * from "./types";
