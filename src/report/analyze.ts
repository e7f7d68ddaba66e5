/**
 * Flows → evaluations: the evaluator's analyzeFlows (src/evaluate/reconcile.ts), which the panel's
 * incremental analysis also matches; re-exported here for the reports and the CLI.
 */
import { analyzeFlows, type AnalyzedFlow } from '../evaluate/index.ts';
import type { EvaluationContext, Flow } from '../model/index.ts';

export { analyzeFlows, type AnalyzedFlow };

/** The error given to a HAR flow that has neither a response nor an error where one was due. */
export const NO_RESPONSE_IN_HAR = 'no response in the HAR (the browser recorded neither a status nor an error)';

/**
 * analyzeFlows for a HAR: a HAR is written after the fact, so nothing in it is still in flight.
 * A flow the evaluator finds unfinished (`pending`, for live capture only) failed: Firefox, for one,
 * writes a refused connection as status 0 with no error. It is finished with the HAR's own error
 * when it has one, else with NO_RESPONSE_IN_HAR, and the flows are evaluated again.
 */
export function analyzeHarFlows(flows: readonly Flow[], ctx: EvaluationContext): AnalyzedFlow[] {
  const analyzed = analyzeFlows(flows, ctx);
  if (!analyzed.some((a) => a.evaluation.verdict === 'pending')) return analyzed;
  const finished = analyzed.map(({ flow, evaluation }) => {
    if (evaluation.verdict !== 'pending') return flow;
    const hops = flow.hops.map((h) => ({ ...h }));
    const last = hops.at(-1)!;
    const error = [...hops].reverse().find((h) => h.error)?.error ?? NO_RESPONSE_IN_HAR;
    if (!last.response && !last.error) last.error = error;
    return { ...flow, hops, error };
  });
  return analyzeFlows(finished, ctx);
}
