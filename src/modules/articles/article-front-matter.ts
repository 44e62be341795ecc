import matter from 'gray-matter';
import { ArticleStatus } from './article.entity';

/** Metadata an article file may declare in its front matter; every field is optional. */
export interface ArticleFrontMatter {
  title?: string;
  summary?: string;
  slug?: string;
  tags?: string[];
  locale?: string;
  status?: ArticleStatus;
}

/** An article file split into its front matter (already normalised) and its Markdown body. */
export interface ParsedArticleSource {
  meta: ArticleFrontMatter;
  body: string;
  /** Set when a front matter block was present but could not be parsed (it is then ignored). */
  frontMatterError?: string;
}

const BLOCK = /^---[^\n]*\r?\n[\s\S]*?\r?\n(---|\.\.\.)[ \t]*(\r?\n|$)/;

/**
 * Splits a Markdown/MDX source into front matter and body with gray-matter. Tolerates the common variants:
 * `description`/`summary`/`excerpt`, `tags`/`keywords` as a list or a comma-separated string, `locale`/`lang`/
 * `language`, `slug`/`permalink`, and `status` or `draft: true` / `published: false`. A block that is not valid YAML
 * (or not a mapping) is treated as absent: its metadata is ignored and it is cut from the body.
 */
export function parseArticleSource(source: string): ParsedArticleSource {
  const text = source.replace(/^\uFEFF/, '');
  let data: Record<string, unknown>;
  let body: string;
  try {
    // Passing options disables gray-matter's content cache, which would hand back shared mutable objects.
    const parsed = matter(text, {});
    data = parsed.data && typeof parsed.data === 'object' && !Array.isArray(parsed.data) ? parsed.data : {};
    body = parsed.content;
  } catch (err) {
    return { meta: {}, body: text.replace(BLOCK, ''), frontMatterError: (err as Error).message.split('\n')[0] };
  }
  return { meta: normalizeFrontMatter(data), body: body.replace(/^\s*\n/, '') };
}

/** Maps a raw front matter object onto {@link ArticleFrontMatter}, dropping values of the wrong type. */
export function normalizeFrontMatter(data: Record<string, unknown>): ArticleFrontMatter {
  const meta: ArticleFrontMatter = {};
  const title = text(data.title);
  if (title) meta.title = title;
  const summary = text(data.description) ?? text(data.summary) ?? text(data.excerpt);
  if (summary) meta.summary = summary;
  const slug = text(data.slug) ?? text(data.permalink);
  if (slug) meta.slug = slug;
  const tags = list(data.tags) ?? list(data.keywords);
  if (tags) meta.tags = tags;
  const locale = text(data.locale) ?? text(data.lang) ?? text(data.language);
  if (locale) meta.locale = locale;
  const status = statusOf(data);
  if (status) meta.status = status;
  return meta;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t || undefined;
}

function list(v: unknown): string[] | undefined {
  if (typeof v === 'string') v = v.split(',');
  if (!Array.isArray(v)) return undefined;
  const items = v.map(text).filter((x): x is string => Boolean(x));
  return items.length ? items : undefined;
}

function statusOf(data: Record<string, unknown>): ArticleStatus | undefined {
  const raw = text(data.status)?.toUpperCase();
  if (raw && raw in ArticleStatus) return raw as ArticleStatus;
  if (raw === 'PUBLISH' || raw === 'LIVE') return ArticleStatus.PUBLISHED;
  if (data.draft === true || data.published === false) return ArticleStatus.DRAFT;
  if (data.draft === false || data.published === true) return ArticleStatus.PUBLISHED;
  return undefined;
}
