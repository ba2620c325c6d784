/** The text of a rendered page, for tests that read what a reader sees. */

/** The page's text outside scripts, styles, code and the folded source of cells (tags removed, entities kept). */
export function proseOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<pre[\s\S]*?<\/pre>/g, " ")
    .replace(/<code[\s\S]*?<\/code>/g, " ")
    .replace(/<[^>]+>/g, " ");
}

/** {@link proseOf} as a reader reads it: entities decoded, runs of white space as one space. */
export function readableText(html: string): string {
  return proseOf(html)
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
