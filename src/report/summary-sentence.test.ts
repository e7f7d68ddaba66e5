import { describe, expect, it } from 'vitest';
import type { Report } from './report.ts';
import { summarySentence } from './summary-sentence.ts';

const summary = (over: Partial<Report['summary']>): Report['summary'] =>
  ({ flows: 0, blocked: 0, allowed: 0, notCors: 0, failed: 0, possiblyBlocked: 0, warnings: 0, skippedEntries: 0, ...over }) as Report['summary'];

describe('summarySentence', () => {
  it('counts in the singular for one', () => {
    expect(summarySentence(summary({ flows: 1, failed: 1, warnings: 1, skippedEntries: 1 }))).toBe(
      '1 flow: 0 blocked by CORS, 0 allowed, 0 not CORS, 1 network failure, 1 warning, 1 HAR entry skipped.',
    );
  });

  it('names possibly blocked flows apart from network failures', () => {
    expect(summarySentence(summary({ flows: 5, blocked: 1, allowed: 1, failed: 3, possiblyBlocked: 2, warnings: 2 }))).toBe(
      '5 flows: 1 blocked by CORS, 1 allowed, 0 not CORS, 2 possibly blocked by CORS, 1 network failure, 2 warnings.',
    );
  });
});
