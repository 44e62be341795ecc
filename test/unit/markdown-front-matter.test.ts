import { parseArticleSource } from '../../src/modules/articles/article-front-matter';
import { slugFromPath, titleFromPath, toArticleInput } from '../../src/modules/articles/article-import';
import { ArticleStatus } from '../../src/modules/articles/article.entity';

describe('parseArticleSource (front matter of Markdown/MDX files)', () => {
  it('reads title, description as summary, slug, tags, locale and status', () => {
    const src = '---\ntitle: " Hello "\ndescription: Short\nslug: my-slug\ntags: [A, b]\nlocale: fr\nstatus: draft\n---\n\nBody';
    expect(parseArticleSource(src)).toEqual({
      meta: { title: 'Hello', summary: 'Short', slug: 'my-slug', tags: ['A', 'b'], locale: 'fr', status: ArticleStatus.DRAFT },
      body: 'Body',
    });
  });

  it('accepts common variants: keywords as a string, lang, permalink, draft/published flags, BOM, CRLF', () => {
    const src = '\uFEFF---\r\ntitle: T\r\nkeywords: one, two\r\nlang: pt-BR\r\npermalink: /docs/x/\r\ndraft: true\r\n---\r\nText';
    const { meta, body } = parseArticleSource(src);
    expect(meta).toEqual({ title: 'T', tags: ['one', 'two'], locale: 'pt-BR', slug: '/docs/x/', status: ArticleStatus.DRAFT });
    expect(body.trim()).toBe('Text');
    expect(parseArticleSource('---\npublished: true\n---\nx').meta.status).toBe(ArticleStatus.PUBLISHED);
  });

  it('treats invalid YAML as no front matter and cuts the block from the body', () => {
    const parsed = parseArticleSource('---\ntitle: [unclosed\n  : bad: yaml\n---\n# Heading\nText');
    expect(parsed.meta).toEqual({});
    expect(parsed.frontMatterError).toBeTruthy();
    expect(parsed.body).toBe('# Heading\nText');
  });

  it('ignores front matter that is not a mapping or has values of the wrong type', () => {
    expect(parseArticleSource('---\n- a\n- b\n---\nx').meta).toEqual({});
    expect(parseArticleSource('---\ntitle: {a: 1}\ntags: 5\nstatus: weird\n---\nx').meta).toEqual({});
  });

  it('leaves files without front matter whole', () => {
    expect(parseArticleSource('# Title\n\n---\n\nmore')).toEqual({ meta: {}, body: '# Title\n\n---\n\nmore' });
  });
});

describe('article fields derived from the file', () => {
  it('derives the slug from the relative path', () => {
    expect(slugFromPath('capabilities/analytics/getting_started.mdx')).toBe('capabilities-analytics-getting-started');
    expect(slugFromPath('guides/setup/index.md')).toBe('guides-setup');
    expect(slugFromPath('README.md')).toBe('readme');
  });

  it('derives a title from the file name', () => {
    expect(titleFromPath('a/getting_started.mdx')).toBe('Getting started');
    expect(titleFromPath('guides/setup-wizard/index.md')).toBe('Setup wizard');
  });

  it('takes the title from front matter, else the first heading, else the file name', () => {
    expect(toArticleInput('x/a_b.md', '---\ntitle: FM\n---\n# H', {}).title).toBe('FM');
    expect(toArticleInput('x/a_b.md', 'intro\n\n## The *heading*\n', {}).title).toBe('The heading');
    expect(toArticleInput('x/a_b.md', 'no heading', {}).title).toBe('A b');
  });

  it('lets the forced status win, then front matter, then published; locale from front matter, else the default', () => {
    const draftFile = '---\nstatus: draft\nlocale: de\n---\nx';
    expect(toArticleInput('a.md', draftFile, {}).status).toBe(ArticleStatus.DRAFT);
    expect(toArticleInput('a.md', draftFile, { status: ArticleStatus.PUBLISHED }).status).toBe(ArticleStatus.PUBLISHED);
    expect(toArticleInput('a.md', 'x', {}).status).toBe(ArticleStatus.PUBLISHED);
    expect(toArticleInput('a.md', draftFile, { locale: 'en' }).locale).toBe('de');
    expect(toArticleInput('a.md', 'x', { locale: 'es' }).locale).toBe('es');
  });

  it('slugifies a front matter slug and rejects a bad locale', () => {
    expect(toArticleInput('a.md', '---\nslug: /Docs/My Page/\n---\nx', {}).slug).toBe('docs-my-page');
    expect(() => toArticleInput('a.md', '---\nlocale: "not a locale"\n---\nx', {})).toThrow(/locale/);
  });
});
