import type { Evaluation, Flow } from '../../../src/model/index.ts';
import { usePanel } from '../context.ts';
import { Net } from './Net.tsx';

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
  } else if (!c.crossOrigin) {
    note = <p data-note="same-origin">No preflight: the request is same-origin, so CORS does not apply.</p>;
  } else {
    note = (
      <p data-note="not-needed">
        No preflight: not needed. The method and headers are ones a page may send cross-origin without asking first.
      </p>
    );
  }
  return (
    <section class="preflight-note" aria-label="Preflight">
      <h3>Preflight</h3>
      {note}
    </section>
  );
}
