// Escaping text for HTML and XML (the run report's HTML, the SVG export): one function, so a node
// label such as `<img src=x onerror=…>` reads as those characters wherever it is written.

/** Escapes the five characters that can end text or a quoted attribute value. */
export function escapeMarkup(text: string): string {
  return String(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
