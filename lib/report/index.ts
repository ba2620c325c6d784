export { displayBundle, canDisplay, escapeHtml, type MimeBundle } from "./display";
export {
  headline,
  finding,
  formatValue,
  headlineRecord,
  headlineText,
  headlineHtml,
  HEADLINE_MIME,
  FINDING_MIME,
  type Headline,
  type HeadlineRecord,
  type FindingRecord,
} from "./headline";
