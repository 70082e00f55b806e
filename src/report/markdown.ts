/** Escapes text typed by people (names, comments) so that Markdown shows it literally and no HTML gets through. */
export function mdText(value: unknown): string {
  return String(value ?? '')
    .replace(/\r\n?/g, '\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1')
    .replace(/\n{2,}/g, '\n')
    .replace(/\n/g, ' ');
}

/** Like mdText, for a table cell: line breaks become <br> so that a cell stays on its row. */
export function mdCell(value: unknown): string {
  return String(value ?? '')
    .replace(/\r\n?/g, '\n')
    .trim()
    .split('\n')
    .map(mdText)
    .join('<br>');
}
