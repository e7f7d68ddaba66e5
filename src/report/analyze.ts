/**
 * Flows → evaluations: the evaluator's analyzeFlows (src/evaluate/reconcile.ts), which the panel's
 * incremental analysis also matches; re-exported here for the reports and the CLI.
 */
export { analyzeFlows, type AnalyzedFlow } from '../evaluate/index.ts';
