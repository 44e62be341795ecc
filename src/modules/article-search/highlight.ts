const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/**
 * Makes an engine-highlighted fragment safe to render: everything is HTML-escaped except the `<mark>` and `</mark>`
 * tags the engine inserted. (Meilisearch returns the document text unescaped, so an article title containing markup
 * would otherwise reach the portal as live HTML.)
 */
export function safeHighlight(fragment: string): string {
  return escapeHtml(fragment).replace(/&lt;(\/?)mark&gt;/g, '<$1mark>');
}

/** The words of a query worth highlighting (letters and digits, lowercased). */
export function queryTerms(query: string): string[] {
  const words = query.toLocaleLowerCase('und').match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

/** HTML-escapes `text` and wraps every word starting with one of `terms` in `<mark>`. */
export function highlightTerms(text: string, terms: string[]): string {
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .map((part, i) => {
      const isWord = i % 2 === 1;
      const hit = isWord && terms.some((t) => part.toLocaleLowerCase('und').startsWith(t));
      return hit ? `<mark>${escapeHtml(part)}</mark>` : escapeHtml(part);
    })
    .join('');
}

/**
 * An extract of about `words` words of `text` around the first word matching a term (the start when none does),
 * highlighted like {@link highlightTerms}, with `…` where text was cut.
 */
export function snippetAround(text: string, terms: string[], words = 24): string {
  const all = text.split(/\s+/).filter(Boolean);
  const lower = all.map((w) => w.toLocaleLowerCase('und').replace(/^[^\p{L}\p{N}]+/u, ''));
  const hit = Math.max(0, lower.findIndex((w) => terms.some((t) => w.startsWith(t))));
  const start = Math.max(0, Math.min(hit - Math.floor(words / 3), all.length - words));
  const end = Math.min(all.length, start + words);
  const body = highlightTerms(all.slice(start, end).join(' '), terms);
  return `${start > 0 ? '…' : ''}${body}${end < all.length ? '…' : ''}`;
}
