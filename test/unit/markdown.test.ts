import { firstHeading, markdownToPlainText, slugify } from '../../src/modules/articles/markdown';

const MDX = `---
title: Getting started
description: Set up analytics
---

import { NoticeTag } from '/snippets/notice_tag.mdx'
import CodeSamplesAnalyticsEventClick from '/snippets/samples/code_samples_analytics_event_click.mdx';
export const meta = { hidden: true }

# Getting **started** with analytics

<Note>
Analytics is only available on [Meilisearch Cloud](https://www.meilisearch.com/cloud).
</Note>

{/* internal comment */}
<!-- html comment -->

<CardGroup cols={2}>
  <Card title="Events" icon="chart-line" href="/capabilities/analytics/events">
    Track _click_ events and \`conversion\` events.
  </Card>
</CardGroup>

![Dashboard screenshot](/assets/images/dashboard.png)

| Metric | Meaning |
| ------ | ------- |
| CTR    | Click-through rate |

- First item with a [reference link][ref]
* Second item

\`\`\`javascript
client.index('movies').search('matrix')
\`\`\`

[ref]: https://example.com/reference
`;

describe('markdownToPlainText on MDX', () => {
  const text = markdownToPlainText(MDX);

  it('drops front matter, MDX imports/exports and comments', () => {
    expect(text).not.toMatch(/title: Getting started/);
    expect(text).not.toMatch(/^import /m);
    expect(text).not.toMatch(/^export /m);
    expect(text).not.toContain('internal comment');
    expect(text).not.toContain('html comment');
  });

  it('drops JSX/HTML tags but keeps the words inside them', () => {
    expect(text).not.toMatch(/<\/?[A-Za-z]/);
    expect(text).toContain('Analytics is only available on Meilisearch Cloud.');
    expect(text).toContain('Track click events and conversion events.');
  });

  it('keeps link and image text without their syntax', () => {
    expect(text).not.toContain('](');
    expect(text).not.toContain('https://');
    expect(text).toContain('Dashboard screenshot');
    expect(text).toContain('First item with a reference link');
  });

  it('drops heading marks, emphasis, table pipes, list bullets and code fences; keeps code', () => {
    expect(text).toContain('Getting started with analytics');
    expect(text).not.toMatch(/[*#|`]/);
    expect(text).toContain("client.index('movies').search('matrix')");
    expect(text).toMatch(/^Second item$/m);
    expect(text).toMatch(/CTR Click-through rate/);
  });

  it('keeps snake_case identifiers and inline comparisons intact', () => {
    expect(markdownToPlainText('Set `ranking_rules` when a_b_c < 3 or x > 2')).toBe('Set ranking_rules when a_b_c < 3 or x > 2');
  });

  it('collapses blank lines and whitespace', () => {
    expect(markdownToPlainText('a   b\n\n\n\nc\r\n\r\nd')).toBe('a b\nc\nd');
  });
});

describe('firstHeading', () => {
  it('returns the first heading as plain text, ignoring closing hashes', () => {
    expect(firstHeading('intro\n\n## Use [filters](/f) `here` ##\n# Later')).toBe('Use filters here');
  });

  it('is undefined without a heading', () => {
    expect(firstHeading('no heading\n#hashtag')).toBeUndefined();
  });
});

describe('slugify', () => {
  it('makes lowercase ASCII dash slugs', () => {
    expect(slugify('Crème Brûlée: how_to   guide!')).toBe('creme-brulee-how-to-guide');
    expect(slugify('capabilities/analytics/getting_started')).toBe('capabilities-analytics-getting-started');
    expect(slugify('!!!')).toBe('article');
    expect(slugify('x'.repeat(200))).toHaveLength(120);
  });
});
