/**
 * `evaluateAll` for a list that grows and changes a little at a time. The live list gets a batch
 * every 100 ms and can hold 10,000 flows; judging them all again each time would freeze the panel.
 * This gives the same evaluations as `evaluateAll(flows, ctx)` (evaluations.test.ts checks it) but
 * re-judges only a flow that changed or whose incoming cookie jar changed. It decides nothing: it
 * calls the core's evaluate, nextJar and reflectionWarnings in evaluateAll's order.
 */
import { nextJar } from '../../src/cookies/index.ts';
import { evaluate } from '../../src/evaluate/index.ts';
import { reflectionWarnings } from '../../src/evaluate/reflection.ts';
import { sanitizeFlow } from '../../src/evaluate/sanitize.ts';
import type { Evaluation, EvaluationContext, Flow, StoredCookie } from '../../src/model/index.ts';
import { hasHeader } from '../../src/model/index.ts';

interface Memo {
  flow: Flow;
  jar: string;
  base: Evaluation;
}

/** Only a Set-Cookie line can change the jar (evaluateAll passes one `now` for the whole list). */
function setsCookies(flow: Flow): boolean {
  return flow.hops.some((h) => hasHeader(h.response?.headers, 'set-cookie') || hasHeader(h.preflight?.response?.headers, 'set-cookie'));
}

export class IncrementalEvaluator {
  private flows: readonly Flow[] = [];
  /** jars[i]: the jar before flows[i]; jars[flows.length]: the jar after the last. */
  private jars: StoredCookie[][] = [];
  private bases: Evaluation[] = [];
  private memo = new Map<string, Memo>();
  private jarKeys = new WeakMap<StoredCookie[], string>();

  constructor(private readonly ctx: EvaluationContext) {}

  private keyOf(jar: StoredCookie[]): string {
    let key = this.jarKeys.get(jar);
    if (key === undefined) {
      key = jar.length === 0 ? '' : JSON.stringify(jar);
      this.jarKeys.set(jar, key);
    }
    return key;
  }

  update(flows: readonly Flow[]): Evaluation[] {
    // Flows before the first change keep their evaluations and their jars.
    let from = 0;
    const prev = this.flows;
    while (from < flows.length && from < prev.length && flows[from] === prev[from]) from++;
    const jars = this.jars.slice(0, from);
    const bases = this.bases.slice(0, from);
    let jar = from === 0 ? [...(this.ctx.cookieJar ?? [])] : this.jars[from]!;

    for (let i = from; i < flows.length; i++) {
      const flow = flows[i]!;
      const here = { ...this.ctx, cookieJar: jar };
      const key = this.keyOf(jar);
      const m = this.memo.get(flow.id);
      const base = m && m.flow === flow && m.jar === key ? m.base : evaluate(flow, here);
      this.memo.set(flow.id, { flow, jar: key, base });
      jars.push(jar);
      bases.push(base);
      if (setsCookies(flow)) {
        try {
          jar = nextJar(jar, sanitizeFlow(flow), here);
        } catch {
          // as evaluateAll: one bad Set-Cookie must not stop the rest
        }
      }
    }
    jars.push(jar);
    if (this.memo.size > flows.length * 2 + 100) {
      const live = new Set(flows.map((f) => f.id));
      for (const id of this.memo.keys()) if (!live.has(id)) this.memo.delete(id);
    }
    this.flows = flows;
    this.jars = jars;
    this.bases = bases;

    // Cross-flow warnings, on copies: reflectionWarnings appends to the evaluations it is given.
    const copies = bases.map((b) => ({ ...b, warnings: b.warnings.slice() }));
    reflectionWarnings(flows, copies);
    return copies.map((c, i) => (c.warnings.length === bases[i]!.warnings.length ? bases[i]! : c));
  }

  clear(): void {
    this.flows = [];
    this.jars = [];
    this.bases = [];
    this.memo.clear();
  }
}
