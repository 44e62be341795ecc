import { scoreFeedback, QUALITY_WEIGHTS, describesSteps } from './quality';
import { findNearDuplicate, jaccard, shingles } from './near-duplicate';

describe('scoreFeedback', () => {
  it('has weights adding up to 100', () => {
    expect(Object.values(QUALITY_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
  });

  it('gives only notDuplicate (15) to a bare short item, and is deterministic', () => {
    const item = { text: 'meh' };
    expect(scoreFeedback(item)).toEqual(scoreFeedback(item));
    expect(scoreFeedback(item).score).toBe(15);
  });

  it('adds each signal weight', () => {
    const words = Array.from({ length: 20 }, (_, i) => `word${i}`).join(' ');
    // enoughWords 20 + specific 20 + hasScore 15 + attributed 10 (near-duplicate: no 15, no steps)
    expect(
      scoreFeedback({ text: words, featureId: 'f', effortScore: 3, externalAccountId: 'a', nearDuplicate: true }).score,
    ).toBe(65);
  });

  it('recognises steps, expected and actual phrasing', () => {
    expect(describesSteps('### Steps to reproduce\n1. x')).toBe(true);
    expect(describesSteps('Expected behavior: it saves')).toBe(true);
    expect(describesSteps('## Actual\nnothing')).toBe(true);
    expect(describesSteps('1. open the app\n2. click save')).toBe(true);
    expect(describesSteps('I love this product')).toBe(false);
  });
});

describe('near-duplicates', () => {
  it('treats case and punctuation changes as the same text', () => {
    expect(jaccard(shingles('The export fails on Firefox!'), shingles('the EXPORT fails, on firefox'))).toBe(1);
  });

  it('only matches earlier items within 7 days', () => {
    const s = shingles('the export button does nothing at all on the reports page');
    const c = [
      { id: 'late', occurredAt: new Date('2026-01-10T00:00:00Z'), shingles: s },
      { id: 'old', occurredAt: new Date('2025-12-01T00:00:00Z'), shingles: s },
      { id: 'ok', occurredAt: new Date('2026-01-05T00:00:00Z'), shingles: s },
    ];
    expect(findNearDuplicate(s, new Date('2026-01-08T00:00:00Z'), c)?.id).toBe('ok');
    expect(findNearDuplicate(shingles('something else entirely here'), new Date('2026-01-08T00:00:00Z'), c)).toBeNull();
  });
});
