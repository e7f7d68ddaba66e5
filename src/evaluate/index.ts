/**
 * The evaluator's entry points: judge one flow, or a sequence of flows carrying the cookie jar.
 * `evaluate` never throws: whatever a flow holds, it returns a verdict.
 */
import type { Evaluation, EvaluationContext, Flow } from '../model/index.ts';

export function evaluate(flow: Flow, _ctx: EvaluationContext): Evaluation {
  // Skeleton: the rules land in src/fetch and src/evaluate/judge.ts shortly.
  return {
    flowId: String(flow?.id ?? ''),
    verdict: 'pending',
    error: null,
    warnings: [],
    classification: {
      crossOrigin: false,
      sameSite: true,
      needsPreflight: false,
      preflightReasons: [],
      requestHeadersForPreflight: '',
      originPerHop: [],
    },
    readableResponseHeaders: [],
    readable: [],
    hiddenResponseHeaders: [],
    cookies: [],
    summary: 'Not evaluated yet',
  };
}

/** Evaluates flows in order, carrying the cookie jar from one flow's Set-Cookie to the next (via src/cookies). */
export function evaluateAll(flows: readonly Flow[], ctx: EvaluationContext): Evaluation[] {
  return flows.map((flow) => evaluate(flow, ctx));
}
