/**
 * The one HTML escaper of the project (reports, the renderer's pages and the browser bundle of the
 * live explorer all use it): safe in element content and in attribute values quoted either way.
 * Pure, with no imports, so the browser bundle can take it as it is.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
