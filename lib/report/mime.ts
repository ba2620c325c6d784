/** MIME types of this project's machine-readable outputs (no imports: the renderer reads them cheaply). */

/** A headline number's JSON copy in a display bundle (see headline.ts). */
export const HEADLINE_MIME = "application/vnd.llm-breakeven.headline+json";
/** The report's finding's JSON copy in a display bundle (see headline.ts). */
export const FINDING_MIME = "application/vnd.llm-breakeven.finding+json";
