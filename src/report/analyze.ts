/**
 * Flows → evaluations, the way the CLI and the panel both want them: evaluated in order (the cookie
 * jar carries from one flow to the next), with credentials inference reconciled against what the
 * browser did (../correlate/reconcile.ts).
 */
import { reconcileCredentials } from '../correlate/reconcile.ts';
import { evaluate, evaluateAll } from '../evaluate/index.ts';
import type { Evaluation, EvaluationContext, Flow } from '../model/index.ts';

export interface AnalyzedFlow {
  flow: Flow;
  evaluation: Evaluation;
}

export function analyzeFlows(flows: readonly Flow[], ctx: EvaluationContext): AnalyzedFlow[] {
  let evaluations = evaluateAll(flows, ctx);
  const reconciled = reconcileCredentials(flows, evaluations, (f) => evaluate(f, ctx));
  if (reconciled.changed) evaluations = evaluateAll(reconciled.flows, ctx);
  return reconciled.flows.map((flow, i) => ({ flow, evaluation: evaluations[i]! }));
}
