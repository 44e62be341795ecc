import { createHash } from 'node:crypto';

/**
 * Turns Markdown or MDX into plain text for the search index and snippets: front matter, MDX imports/exports,
 * JSX/HTML tags, comments, link and image syntax, emphasis, heading marks, table pipes and code fences go; the words
 * (including code inside fences) stay.
 */
export function markdownToPlainText(source: string): string {
  let s = source.replace(/\r\n?/g, '\n');
  s = s.replace(/^---\n[\s\S]*?\n---\n/, '');
  s = s.replace(/^(import|export)\s.*$/gm, '');
  s = s.replace(/<!--[\s\S]*?-->/g, ' ');
  s = s.replace(/\{\/\*[\s\S]*?\*\/\}/g, ' ');
  s = s.replace(/^\s*(```|~~~).*$/gm, '');
  s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1');
  s = s.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1');
  s = s.replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1');
  s = s.replace(/^\s*\[[^\]]+\]:\s+\S+.*$/gm, '');
  s = s.replace(/<\/?[A-Za-z][\w.-]*(\s+[^<>]*?)?\/?>/g, ' ');
  s = s.replace(/^\s{0,3}#{1,6}\s+/gm, '');
  s = s.replace(/^\s{0,3}>\s?/gm, '');
  s = s.replace(/^\s*([-*+]|\d+\.)\s+/gm, '');
  s = s.replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/gm, '');
  s = s.replace(/\|/g, ' ');
  s = s.replace(/(\*\*|__)(.+?)\1/g, '$2');
  s = s.replace(/(^|\W)[*_]([^*_\n]+)[*_](?=\W|$)/g, '$1$2');
  s = s.replace(/`([^`]+)`/g, '$1');
  s = s.replace(/^\s*([-*_]\s*){3,}$/gm, '');
  s = s.replace(/[ \t]+/g, ' ');
  s = s.replace(/\n\s*\n+/g, '\n');
  return s.trim();
}

/**
 * Turns a title into a URL slug: lowercase ASCII letters, digits and dashes. A title with letters but none of them
 * Latin (Arabic, Chinese, Cyrillic...) becomes `article-<hash of the title>`: distinct titles get distinct slugs, and
 * the same title the same slug (a retried create still answers CONFLICT instead of making a duplicate).
 */
export function slugify(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  if (ascii) return ascii;
  const normalized = text.normalize('NFC').trim().toLowerCase();
  if (!/[\p{L}\p{N}]/u.test(normalized)) return 'article';
  return `article-${createHash('sha256').update(normalized).digest('hex').slice(0, 12)}`;
}

/** The first heading of a Markdown text, if any (used as a title when front matter has none). */
export function firstHeading(source: string): string | undefined {
  const m = /^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$/m.exec(source);
  return m ? markdownToPlainText(m[1]) : undefined;
}
