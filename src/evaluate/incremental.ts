/**
 * `evaluateAll` and `analyzeFlows` for a list that changes a little at a time: the live panel gets
 * a batch every 100 ms and may hold 10,000 flows. Each update is handed the whole list and returns
 * exactly what evaluateAll / analyzeFlows return for it (incremental.test.ts checks it on random
 * histories), but judges again only
 * - a flow that changed (a new object: the correlator keeps the object of a flow that did not), or
 * - a flow whose incoming cookie jar changed in value (only a Set-Cookie can change it);
 * the cross-flow reflection warning is recounted from each flow's remembered grant, and an
 * evaluation that did not change is returned as the same object.
 */
import { nextJar } from '../cookies/index.ts';
import type { Evaluation, EvaluationContext, Flow, StoredCookie } from '../model/index.ts';
import { hasHeader } from '../model/index.ts';
import { evaluate } from './evaluate.ts';
import { reconcileCredentials, type AnalyzedFlow } from './reconcile.ts';
import { reflectingServers, reflectionGrant, reflectionWarning, warnsFor, type ReflectionGrant } from './reflection.ts';
import { sanitizeFlow } from './sanitize.ts';

interface Judged {
  jar: string;
  base: Evaluation;
  /** The jar after the flow, when the flow can change it. */
  after?: StoredCookie[];
}

/** Only a Set-Cookie line can change the jar (evaluateAll passes one `now` for the whole list). */
function setsCookies(flow: Flow): boolean {
  try {
    return flow.hops.some((h) => hasHeader(h.response?.headers, 'set-cookie') || hasHeader(h.preflight?.response?.headers, 'set-cookie'));
  } catch {
    return true; // a flow shaped unlike the model: let nextJar decide
  }
}

/**
 * Judgements by flow object and incoming jar. Shared by the two evaluators of an analysis: a flow
 * the reconciliation left alone is the same object in both lists, judged once.
 */
class Judgements {
  private byFlow = new WeakMap<Flow, Judged[]>();

  get(flow: Flow, jar: string): Judged | undefined {
    return this.byFlow.get(flow)?.find((j) => j.jar === jar);
  }

  set(flow: Flow, judged: Judged): void {
    // Two jars at most: the analysis's two lists may reach a flow with different jars.
    this.byFlow.set(flow, [judged, ...(this.byFlow.get(flow) ?? []).filter((j) => j.jar !== judged.jar)].slice(0, 2));
  }
}

export class IncrementalEvaluator {
  private flows: readonly Flow[] = [];
  /** jars[i]: the jar before flows[i]; jars[flows.length]: the jar after the last. */
  private jars: StoredCookie[][] = [];
  private bases: Evaluation[] = [];
  private jarKeys = new WeakMap<StoredCookie[], string>();
  private grants = new WeakMap<Evaluation, ReflectionGrant | null>();
  private warned = new WeakMap<Evaluation, { evidence: string; evaluation: Evaluation }>();
  /** Positions of the flows with a reflection grant, ascending; the last update's result. */
  private granted: number[] = [];
  private out: Evaluation[] = [];
  private readonly initialJar: StoredCookie[];
  /** How many flows the last update judged (the rest were remembered). */
  judged = 0;

  constructor(
    private readonly ctx: EvaluationContext,
    private readonly judgements = new Judgements(),
  ) {
    this.initialJar = [...(ctx.cookieJar ?? [])];
  }

  update(flows: readonly Flow[]): Evaluation[] {
    this.judged = 0;
    // Flows before the first change keep their evaluations and their jars.
    let from = 0;
    const prev = this.flows;
    while (from < flows.length && from < prev.length && flows[from] === prev[from]) from++;
    const jars = this.jars.slice(0, from);
    const bases = this.bases.slice(0, from);
    let jar = from === 0 ? this.initialJar : this.jars[from]!;

    for (let i = from; i < flows.length; i++) {
      const flow = flows[i]!;
      const key = this.keyOf(jar);
      let judged = this.judgements.get(flow, key);
      if (!judged) {
        const here = { ...this.ctx, cookieJar: jar };
        judged = { jar: key, base: evaluate(flow, here) };
        if (setsCookies(flow)) {
          try {
            judged.after = nextJar(jar, sanitizeFlow(flow), here);
          } catch {
            // as evaluateAll: one bad Set-Cookie must not stop the rest
          }
        }
        this.judgements.set(flow, judged);
        this.judged++;
      }
      jars.push(jar);
      bases.push(judged.base);
      // A jar equal in value to the one judged with leads to a jar equal in value to `after`.
      if (judged.after) jar = judged.after;
    }
    jars.push(jar);
    this.flows = flows;
    this.jars = jars;
    this.bases = bases;
    return this.withReflection(flows, bases, from);
  }

  clear(): void {
    this.flows = [];
    this.jars = [];
    this.bases = [];
    this.granted = [];
    this.out = [];
  }

  private keyOf(jar: StoredCookie[]): string {
    let key = this.jarKeys.get(jar);
    if (key === undefined) {
      key = jar.length === 0 ? '' : JSON.stringify(jar);
      this.jarKeys.set(jar, key);
    }
    return key;
  }

  /**
   * evaluateAll's cross-flow step (reflection.ts), from each evaluation's remembered grant. Only
   * the positions of flows with a grant are looked at (few: credentialed grants of the Origin
   * sent); the rest of the list is the evaluations as they are, copied from the last update up to `from`.
   */
  private withReflection(flows: readonly Flow[], bases: Evaluation[], from: number): Evaluation[] {
    let cut = 0;
    while (cut < this.granted.length && this.granted[cut]! < from) cut++;
    const granted = this.granted.slice(0, cut);
    for (let i = from; i < bases.length; i++) {
      const base = bases[i]!;
      let g = this.grants.get(base);
      if (g === undefined) this.grants.set(base, (g = reflectionGrant(flows[i], base)));
      if (g) granted.push(i);
    }
    const reflecting = reflectingServers(granted.map((i) => this.grants.get(bases[i]!)!));
    const out = this.out.slice(0, from);
    for (let i = from; i < bases.length; i++) out.push(bases[i]!);
    // Before `from`, a grant's warning may come or go with the grants after it.
    for (const i of granted) {
      const base = bases[i]!;
      const g = this.grants.get(base)!;
      const evidence = warnsFor(g, reflecting);
      if (!evidence) {
        out[i] = base;
        continue;
      }
      // Remembered per evaluation and evidence: the same inputs give the same object.
      let warned = this.warned.get(base);
      if (!warned || warned.evidence !== evidence) this.warned.set(base, (warned = { evidence, evaluation: { ...base, warnings: [...base.warnings, reflectionWarning(g, evidence)] } }));
      out[i] = warned.evaluation;
    }
    this.granted = granted;
    this.out = out;
    return out.slice();
  }
}

/**
 * `analyzeFlows` (./reconcile.ts) for a live list: evaluate, reconcile the guessed credentials mode
 * against what the browser did, and evaluate again when that changed a flow — each step incremental.
 */
export class IncrementalAnalysis {
  private first: IncrementalEvaluator;
  private second: IncrementalEvaluator;
  /** Per flow: the evaluation it was reconciled with, and the flow to use. */
  private reconciled = new WeakMap<Flow, { evaluation: Evaluation; flow: Flow }>();
  /** The last update: its flows, their first evaluations, the flows used, and the result. */
  private last: { flows: readonly Flow[]; evaluations: Evaluation[]; adjusted: Flow[]; analyzed: AnalyzedFlow[] } = { flows: [], evaluations: [], adjusted: [], analyzed: [] };

  constructor(private readonly ctx: EvaluationContext) {
    const judgements = new Judgements();
    this.first = new IncrementalEvaluator(ctx, judgements);
    this.second = new IncrementalEvaluator(ctx, judgements);
  }

  /** How many flows the last update judged. */
  get judged(): number {
    return this.first.judged + this.second.judged;
  }

  update(flows: readonly Flow[]): AnalyzedFlow[] {
    const evaluations = this.first.update(flows);
    this.second.judged = 0;
    const prev = this.last;
    let changed = false;
    // Where a flow and its evaluation are those of the last update at the same place, so is the
    // flow to use; elsewhere, the reconciliation decides (remembered per flow and evaluation).
    const adjusted = flows.map((flow, i) => {
      const evaluation = evaluations[i]!;
      let out: Flow;
      if (prev.flows[i] === flow && prev.evaluations[i] === evaluation) out = prev.adjusted[i]!;
      else {
        const memo = this.reconciled.get(flow);
        if (memo && memo.evaluation === evaluation) out = memo.flow;
        else {
          out = reconcileCredentials([flow], [evaluation], (f) => evaluate(f, this.ctx)).flows[0]!;
          this.reconciled.set(flow, { evaluation, flow: out });
        }
      }
      changed ||= out !== flow;
      return out;
    });
    const final = changed ? this.second.update(adjusted) : evaluations;
    const analyzed = adjusted.map((flow, i) => {
      const same = prev.analyzed[i];
      return same && same.flow === flow && same.evaluation === final[i] ? same : { flow, evaluation: final[i]! };
    });
    this.last = { flows, evaluations, adjusted, analyzed };
    return analyzed.slice();
  }

  clear(): void {
    this.first.clear();
    this.second.clear();
    this.reconciled = new WeakMap();
    this.last = { flows: [], evaluations: [], adjusted: [], analyzed: [] };
  }
}
