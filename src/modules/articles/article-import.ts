import fs from 'node:fs/promises';
import path from 'node:path';
import type { Services } from '../../app/services';
import type { RequestContext } from '../../core/context/request-context';
import { ArticleStatus } from './article.entity';
import { findArticleFiles } from './article-files';
import { parseArticleSource } from './article-front-matter';
import { firstHeading, slugify } from './markdown';

/** Options of {@link importArticlesFolder}. */
export interface ImportArticlesOptions {
  /** Folder walked recursively for `.md` and `.mdx` files. */
  folder: string;
  /** Locale of files whose front matter names none (default `en`). */
  locale?: string;
  /**
   * Status forced on every imported article. When undefined, a file's front matter decides (`status`, `draft`,
   * `published`) and files without one are published.
   */
  status?: ArticleStatus;
  /** Called after each file with the running count. */
  onProgress?: (progress: ImportProgress) => void;
}

/** Progress of an import, reported after each file. */
export interface ImportProgress {
  done: number;
  total: number;
  file: string;
}

/** What an import did, file by file counted once. */
export interface ImportArticlesResult {
  files: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: { file: string; error: string }[];
}

const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const MAX_BODY = 1_000_000;

/**
 * Imports a folder of Markdown/MDX articles into the context's workspace, upserting each by slug so that running
 * it again changes only what changed. Per-file problems (unreadable file, duplicate slug, bad locale, too large)
 * are collected in `failed` and do not stop the import; a missing folder throws a `BadInputError`.
 */
export async function importArticlesFolder(
  ctx: RequestContext,
  services: Pick<Services, 'articles'>,
  opts: ImportArticlesOptions,
): Promise<ImportArticlesResult> {
  const files = await findArticleFiles(opts.folder);
  const result: ImportArticlesResult = { files: files.length, created: 0, updated: 0, unchanged: 0, failed: [] };
  const slugOwners = new Map<string, string>();
  let done = 0;
  for (const file of files) {
    try {
      const source = await fs.readFile(path.join(opts.folder, file), 'utf8');
      const input = toArticleInput(file, source, opts);
      const owner = slugOwners.get(input.slug);
      if (owner) throw new Error(`slug "${input.slug}" is already used by ${owner}`);
      slugOwners.set(input.slug, file);
      result[await services.articles.upsertBySlug(ctx, input)] += 1;
    } catch (err) {
      result.failed.push({ file, error: (err as Error).message });
    }
    opts.onProgress?.({ done: ++done, total: files.length, file });
  }
  return result;
}

/** The article fields for one file: front matter first, then what the path and the body imply. */
export function toArticleInput(file: string, source: string, opts: Pick<ImportArticlesOptions, 'locale' | 'status'>) {
  const { meta, body } = parseArticleSource(source);
  if (body.length > MAX_BODY) throw new Error(`body is larger than ${MAX_BODY} characters`);
  const locale = meta.locale ?? opts.locale ?? 'en';
  if (!LOCALE.test(locale)) throw new Error(`locale "${locale}" is not a language tag such as en or pt-BR`);
  const title = (meta.title ?? firstHeading(body) ?? titleFromPath(file)).slice(0, 300);
  return {
    slug: meta.slug ? slugify(meta.slug) : slugFromPath(file),
    title,
    summary: (meta.summary ?? '').slice(0, 1000),
    body,
    locale,
    tags: (meta.tags ?? []).slice(0, 50).map((t) => t.slice(0, 100)),
    status: opts.status ?? meta.status ?? ArticleStatus.PUBLISHED,
  };
}

/**
 * The slug a file gets when its front matter has none: its path without extension, slugified
 * (`capabilities/analytics/getting_started.mdx` -> `capabilities-analytics-getting-started`); an `index` or
 * `README` file takes its folder's name.
 */
export function slugFromPath(file: string): string {
  const parts = file.replace(/\.(md|mdx)$/i, '').split('/');
  if (parts.length > 1 && /^(index|readme)$/i.test(parts[parts.length - 1])) parts.pop();
  return slugify(parts.join('-'));
}

/** A readable title from a file name: `getting_started.mdx` -> `Getting started`. */
export function titleFromPath(file: string): string {
  const parts = file.replace(/\.(md|mdx)$/i, '').split('/');
  let base = parts.pop() ?? '';
  if (/^(index|readme)$/i.test(base) && parts.length) base = parts.pop()!;
  const name = base.replace(/[-_]+/g, ' ').trim();
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : 'Untitled';
}
