import { describe, expect, it } from 'vitest';
import { entryOf, rowOf } from './entry.ts';
import { applyFilter, countsOf, domainsOf, NO_FILTER } from './filter.ts';
import {
  cachedPreflightEvaluation,
  cachedPreflightFlow,
  credentialedEvaluation,
  credentialedFlow,
  FIXTURES,
  noAcaoEvaluation,
  noAcaoFlow,
  putRefusedEvaluation,
  putRefusedFlow,
  redirectEvaluation,
  redirectFlow,
} from './test-fixtures.ts';

describe('rowOf', () => {
  it('shows a failed preflight as a badge with its status', () => {
    const row = rowOf(putRefusedFlow, putRefusedEvaluation);
    expect(row).toMatchObject({ method: 'PUT', status: 'net::ERR_FAILED', verdict: 'blocked', redirects: 0, type: 'fetch' });
    expect(row.preflight).toEqual({ kind: 'sent', count: 1, status: '204', failed: true });
  });
  it('marks a preflight served from the cache, and a flow without one', () => {
    expect(rowOf(cachedPreflightFlow, cachedPreflightEvaluation).preflight).toEqual({ kind: 'cached', flowId: 'f-put' });
    expect(rowOf(noAcaoFlow, noAcaoEvaluation).preflight).toEqual({ kind: 'none' });
  });
  it('counts redirects and shows the last status', () => {
    const row = rowOf(credentialedFlow, credentialedEvaluation);
    expect(row.status).toBe('200');
    expect(rowOf(redirectFlow, redirectEvaluation).redirects).toBe(1);
  });
  it('shows the status the server sent when the browser blocked the response, and the error beside it', () => {
    expect(rowOf(noAcaoFlow, noAcaoEvaluation)).toMatchObject({ status: '200', statusError: 'net::ERR_FAILED' });
    const fiveHundred = structuredClone(noAcaoFlow);
    fiveHundred.hops[0]!.response!.status = 500;
    expect(rowOf(fiveHundred, noAcaoEvaluation)).toMatchObject({ status: '500', statusError: 'net::ERR_FAILED' });
  });
  it('shows the network error when no response came', () => {
    expect(rowOf(putRefusedFlow, putRefusedEvaluation)).toMatchObject({ status: 'net::ERR_FAILED', statusError: '' });
    const refused = structuredClone(noAcaoFlow);
    delete refused.hops[0]!.response;
    refused.hops[0]!.error = 'net::ERR_CONNECTION_REFUSED';
    expect(rowOf(refused, noAcaoEvaluation)).toMatchObject({ status: 'net::ERR_CONNECTION_REFUSED', statusError: '' });
  });
  it('shows … while the evaluator says the flow is in flight', () => {
    expect(rowOf(noAcaoFlow, { ...noAcaoEvaluation, verdict: 'pending' }).status).toBe('…');
  });
  it('lets the search find finding codes and summaries', () => {
    const row = rowOf(putRefusedFlow, putRefusedEvaluation);
    expect(row.haystack).toContain('headerdisallowedbypreflightresponse');
    expect(row.haystack).toContain('x-api-key');
  });
});

describe('filters and counts', () => {
  const entries = FIXTURES.map((f) => entryOf(f.flow, f.evaluation));
  const ids = (list: readonly { flow: { id: string } }[]) => list.map((e) => e.flow.id);

  it('shows everything with no filter, as the same array', () => {
    expect(applyFilter(entries, NO_FILTER)).toBe(entries);
  });
  it('failures only, warnings only, or either', () => {
    expect(ids(applyFilter(entries, { ...NO_FILTER, failures: true }))).toEqual(['f-put', 'f-get', 'f-redirect']);
    expect(ids(applyFilter(entries, { ...NO_FILTER, warnings: true }))).toEqual(['f-cred']);
    expect(ids(applyFilter(entries, { ...NO_FILTER, failures: true, warnings: true }))).toEqual(['f-put', 'f-get', 'f-cred', 'f-redirect']);
  });
  it('free text: every word must match, case-insensitively', () => {
    expect(ids(applyFilter(entries, { ...NO_FILTER, text: 'PUT refused' }))).toEqual(['f-put']);
    expect(ids(applyFilter(entries, { ...NO_FILTER, text: 'missingalloworiginheader' }))).toEqual(['f-get']);
    expect(ids(applyFilter(entries, { ...NO_FILTER, text: 'nothing-like-this' }))).toEqual([]);
  });
  it('by domain', () => {
    expect(ids(applyFilter(entries, { ...NO_FILTER, domain: 'api.site-b.test' }))).toHaveLength(5);
    expect(domainsOf(entries)).toEqual(['api.site-b.test']);
  });
  it('counts failures and warnings over every flow', () => {
    expect(countsOf(entries)).toEqual({ failures: 3, warnings: 1 });
  });
});
