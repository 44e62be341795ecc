import fs from 'node:fs/promises';
import path from 'node:path';
import { BadInputError } from '../../core/errors/errors';

/** File extensions the article importer reads. */
export const ARTICLE_EXTENSIONS = ['.md', '.mdx'] as const;

/**
 * Lists the Markdown/MDX files under `folder`, recursively, as sorted paths relative to it (with `/` separators).
 * Hidden entries (`.git`, `.DS_Store`) and `node_modules` are skipped. Throws a {@link BadInputError} with a readable
 * message when the folder does not exist or is not a folder.
 */
export async function findArticleFiles(folder: string): Promise<string[]> {
  const root = path.resolve(folder);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat) throw new BadInputError(`folder not found: ${folder}`);
  if (!stat.isDirectory()) throw new BadInputError(`not a folder: ${folder}`);
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && ARTICLE_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x))) {
        found.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  await walk(root);
  return found.sort();
}
