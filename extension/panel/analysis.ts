/**
 * `analyzeFlows` (src/report/analyze.ts) for a live list: evaluate, reconcile the guessed
 * credentials mode against what the browser did, and evaluate again when that changed a flow —
 * each step incremental, so that a batch of new records costs only what changed. It gives what
 * analyzeFlows gives (analysis.test.ts checks it); the decisions are the core's.
 */
import { reconcileCredentials } from '../../src/correlate/reconcile.ts';
import { evaluate } from '../../src/evaluate/index.ts';
import type { AnalyzedFlow } from '../../src/report/analyze.ts';
import type { Evaluation, EvaluationContext, Flow } from '../../src/model/index.ts';
import { IncrementalEvaluator } from './evaluations.ts';

export class IncrementalAnalysis {
  private first: IncrementalEvaluator;
  private second: IncrementalEvaluator;
  /** Per flow: the evaluation it was reconciled with, and the flow to use. */
  private reconciled = new WeakMap<Flow, { evaluation: Evaluation; flow: Flow }>();

  constructor(private readonly ctx: EvaluationContext) {
    this.first = new IncrementalEvaluator(ctx);
    this.second = new IncrementalEvaluator(ctx);
  }

  update(flows: readonly Flow[]): AnalyzedFlow[] {
    const evaluations = this.first.update(flows);
    let changed = false;
    const adjusted = flows.map((flow, i) => {
      const evaluation = evaluations[i]!;
      const memo = this.reconciled.get(flow);
      if (memo && memo.evaluation === evaluation) {
        changed ||= memo.flow !== flow;
        return memo.flow;
      }
      const out = reconcileCredentials([flow], [evaluation], (f) => evaluate(f, this.ctx)).flows[0]!;
      this.reconciled.set(flow, { evaluation, flow: out });
      changed ||= out !== flow;
      return out;
    });
    const final = changed ? this.second.update(adjusted) : evaluations;
    return adjusted.map((flow, i) => ({ flow, evaluation: final[i]! }));
  }

  clear(): void {
    this.first.clear();
    this.second.clear();
    this.reconciled = new WeakMap();
  }
}
