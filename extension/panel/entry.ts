/**
 * One line of the list: a flow, the core's evaluation of it, and the strings its row shows,
 * computed once per change of the flow (not on every render or keystroke).
 */
import type { Evaluation, Flow, Verdict } from '../../src/model/index.ts';
import { hostOf } from './display.ts';

export type PreflightBadge =
  /** A preflight was seen: its status (or network error), and whether the flow failed on it. */
  | { kind: 'sent'; count: number; status: string; failed: boolean }
  /** The browser reused a cached preflight result from an earlier flow. */
  | { kind: 'cached'; flowId: string }
  | { kind: 'none' };

/** What one row of the list shows (the FlowRow component renders it). */
export interface RowFields {
  id: string;
  verdict: Verdict;
  warnings: number;
  method: string;
  url: string;
  host: string;
  initiator: string;
  /**
   * `…` while in flight; else the status the server sent on the last hop that got a response, or,
   * when no response came, the network error.
   */
  status: string;
  /** The network error the browser reported after the response in `status` arrived (it blocked it), else ''. */
  statusError: string;
  preflight: PreflightBadge;
  redirects: number;
  type: string;
  summary: string;
  /** Lower-case text the search box matches against. */
  haystack: string;
}

export interface FlowEntry {
  flow: Flow;
  evaluation: Evaluation;
  row: RowFields;
}

// A response blocked by CORS still came from the server: its status says what the server did,
// the error (net::ERR_FAILED) only that the browser withheld it.
function statusOf(flow: Flow, evaluation: Evaluation): Pick<RowFields, 'status' | 'statusError'> {
  if (evaluation.verdict === 'pending') return { status: '…', statusError: '' };
  for (let i = flow.hops.length - 1; i >= 0; i--) {
    const hop = flow.hops[i]!;
    if (hop.response) return { status: String(hop.response.status), statusError: hop.error ?? flow.error ?? '' };
    // The last hop that went out got no response: the error is all there is to show.
    if (hop.error || hop.sent) return { status: hop.error ?? flow.error ?? '', statusError: '' };
  }
  return { status: flow.error ?? '', statusError: '' };
}

function preflightOf(flow: Flow, evaluation: Evaluation): PreflightBadge {
  const preflights = flow.hops.flatMap((h) => (h.preflight ? [h.preflight] : []));
  const first = preflights[0];
  if (first) {
    const status = first.response ? String(first.response.status) : (first.error ?? '…');
    return { kind: 'sent', count: preflights.length, status, failed: evaluation.error?.location.stage === 'preflight' };
  }
  if (flow.preflightCacheHit) return { kind: 'cached', flowId: flow.preflightCacheHit.flowId };
  return { kind: 'none' };
}

export function rowOf(flow: Flow, evaluation: Evaluation): RowFields {
  const findings = [evaluation.error, ...evaluation.warnings].filter((f) => f !== null);
  const row: RowFields = {
    id: flow.id,
    verdict: evaluation.verdict,
    warnings: evaluation.warnings.length,
    method: flow.request.method,
    url: flow.request.url,
    host: hostOf(flow.request.url),
    // A navigation the user started (typed, bookmarked) has no initiating origin to show.
    initiator: flow.request.mode === 'navigate' && flow.request.origin === 'null' ? '' : flow.request.origin,
    ...statusOf(flow, evaluation),
    preflight: preflightOf(flow, evaluation),
    redirects: Math.max(0, flow.hops.length - 1),
    type: flow.request.initiatorType,
    summary: evaluation.summary,
    haystack: '',
  };
  row.haystack = [row.method, row.url, row.status, row.statusError, row.initiator, row.type, row.summary, ...findings.map((f) => f.code)]
    .join('\n')
    .toLowerCase();
  return row;
}

export function entryOf(flow: Flow, evaluation: Evaluation): FlowEntry {
  return { flow, evaluation, row: rowOf(flow, evaluation) };
}
