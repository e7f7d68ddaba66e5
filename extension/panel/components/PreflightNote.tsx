import { isSameOrigin, normalizeOrigin } from '../../../src/fetch/origin.ts';
import type { Classification, Evaluation, Flow, RequestMode } from '../../../src/model/index.ts';
import { usePanel } from '../context.ts';
import { Net } from './Net.tsx';

// Why a flow has no preflight although it needs none: only a cors-mode request to another origin
// can have one (Fetch, main fetch: "CORS-preflight flag"); navigations, no-cors and WebSockets never do.
const NOT_NEEDED = {
  'same-origin': 'No preflight: the request is same-origin, so CORS does not apply.',
  navigation: 'No preflight: this is a navigation (a page or frame loading), and CORS does not apply to navigations.',
  websocket: 'No preflight: CORS does not apply to WebSocket connections (the server checks their Origin header itself).',
  'no-cors':
    'No preflight: the request was made in no-cors mode, which never sends one. In exchange the browser allows only a method and headers a page may send cross-origin without asking, and the page gets an opaque response it cannot read.',
  'same-origin-mode': "No preflight: the request's mode is same-origin, so the browser refuses a cross-origin URL itself, without asking the server.",
  'not-needed': 'No preflight: not needed. The method and headers are ones a page may send cross-origin without asking first.',
} as const;
export type NoPreflightKind = keyof typeof NOT_NEEDED;

const BY_MODE: Record<RequestMode, NoPreflightKind> = {
  cors: 'not-needed',
  'no-cors': 'no-cors',
  navigate: 'navigation',
  websocket: 'websocket',
  'same-origin': 'same-origin-mode',
};

/** Why a flow that needs no preflight has none, and the text that says so. */
export function noPreflightNote(flow: Flow, c: Classification): { kind: NoPreflightKind; text: string } {
  const origin = normalizeOrigin(flow.request.origin);
  // Same-origin only if every hop is: a redirect to another origin brings CORS back in.
  const sameOrigin = !c.crossOrigin && flow.hops.every((h) => isSameOrigin(origin, h.request.url));
  const kind = sameOrigin ? 'same-origin' : BY_MODE[flow.request.mode];
  return { kind, text: NOT_NEEDED[kind] };
}

/**
 * Why this flow has a preflight, or why none is visible: not needed, or the browser reused a
 * cached preflight result from an earlier flow. The facts are the evaluator's classification and
 * the correlator's `preflightCacheHit`.
 */
export function PreflightNote({ flow, evaluation }: { flow: Flow; evaluation: Evaluation }) {
  const { state } = usePanel();
  const c = evaluation.classification;
  const seen = flow.hops.some((h) => h.preflight);
  const reasons =
    c.preflightReasons.length > 0 ? (
      <ul class="reasons">
        {c.preflightReasons.map((r, i) => (
          <li key={i} data-kind={r.kind}>
            <Net value={r.detail} />
          </li>
        ))}
      </ul>
    ) : null;

  let note;
  if (seen) {
    note = (
      <>
        <p>The browser sent a preflight (OPTIONS) first{reasons ? ', because:' : '.'}</p>
        {reasons}
      </>
    );
  } else if (flow.preflightCacheHit) {
    const hit = flow.preflightCacheHit;
    const earlier = state.entries.value.find((e) => e.flow.id === hit.flowId);
    note = (
      <>
        <p data-note="cached">
          No preflight on the wire: the browser reused the answer to an earlier preflight from its preflight cache
          {hit.maxAgeSeconds !== null ? ` (Access-Control-Max-Age allowed ${hit.maxAgeSeconds} s)` : ''}.{' '}
          {earlier && (
            <button type="button" class="link" onClick={() => state.open(hit.flowId)}>
              Show the flow that made it
            </button>
          )}
        </p>
        {reasons}
      </>
    );
  } else if (c.needsPreflight) {
    note = (
      <>
        <p data-note="missing">This request needs a preflight, but none was captured for it{reasons ? ':' : '.'}</p>
        {reasons}
      </>
    );
  } else {
    const { kind, text } = noPreflightNote(flow, c);
    note = <p data-note={kind}>{text}</p>;
  }
  return (
    <section class="preflight-note" aria-label="Preflight">
      <h3>Preflight</h3>
      {note}
    </section>
  );
}
