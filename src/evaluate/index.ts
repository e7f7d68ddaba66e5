/**
 * The evaluator's entry points: judge one flow (`evaluate`), a sequence of flows carrying the
 * cookie jar (`evaluateAll`), flows with their credentials inference reconciled (`analyzeFlows`),
 * and the same two for a list that changes a little at a time (`IncrementalEvaluator`,
 * `IncrementalAnalysis`: the live panel's).
 */
export { evaluate, evaluateAll, judge } from './evaluate.ts';
export { analyzeFlows, reconcileCredentials, withCredentials, type AnalyzedFlow } from './reconcile.ts';
export { IncrementalAnalysis, IncrementalEvaluator } from './incremental.ts';
