/**
 * Flows → evaluations, the one way the CLI, the reports and the panel all take (the panel through
 * ./incremental.ts, which gives the same): evaluated in order (the cookie jar carries from one flow
 * to the next), with the inferred credentials mode checked against what the browser did.
 *
 * Inference checked against what the browser did. Captures never record a request's credentials
 * mode; without cookies on the wire it is assumed to be fetch's default. When Chromium failed a
 * response (net::ERR_FAILED after the response arrived) that passes the CORS check without
 * credentials but fails it with them, the request was credentialed: nothing else explains the
 * failure. The flow is then corrected, and the inference note says why.
 */
import type { Evaluation, EvaluationContext, Flow } from '../model/index.ts';
import { evaluate, evaluateAll } from './evaluate.ts';

export interface AnalyzedFlow {
  flow: Flow;
  evaluation: Evaluation;
}

/** Chromium's network error for a request blocked by CORS (services/network/cors/cors_url_loader.cc). */
const CHROMIUM_CORS_FAILURE = 'net::ERR_FAILED';

function credentialsGuessed(flow: Flow): boolean {
  const note = flow.inferred.find((i) => i.field === 'credentials');
  // Only the fallback guess ("no cookies were sent; assumed the default") may be overturned.
  return flow.request.credentials !== 'include' && note !== undefined && note.from.startsWith('no cookies were sent');
}

export function withCredentials(flow: Flow): Flow {
  return {
    ...flow,
    request: { ...flow.request, credentials: 'include' },
    inferred: [
      ...flow.inferred.filter((i) => i.field !== 'credentials'),
      {
        field: 'credentials',
        from: "the browser failed (net::ERR_FAILED) a response that passes the CORS check without credentials but not with them: the request was credentialed (credentials: 'include')",
      },
    ],
  };
}

/**
 * Returns the flows to use: each flow the browser failed although its evaluation finds no CORS failure is
 * retried as credentialed, and kept so when that explains the failure.
 */
export function reconcileCredentials(
  flows: readonly Flow[],
  evaluations: readonly Evaluation[],
  evaluateOne: (flow: Flow) => Evaluation,
): { flows: Flow[]; changed: boolean } {
  let changed = false;
  const out = flows.map((flow, i) => {
    const ev = evaluations[i];
    const lastHop = flow.hops.at(-1);
    if (
      !ev ||
      // The evaluator calls such a flow `failed` (every CORS check passes, yet the browser failed it).
      (ev.verdict !== 'allowed' && ev.verdict !== 'failed') ||
      flow.error !== CHROMIUM_CORS_FAILURE ||
      flow.request.mode !== 'cors' ||
      !lastHop?.response ||
      !credentialsGuessed(flow)
    ) {
      return flow;
    }
    const retried = withCredentials(flow);
    if (evaluateOne(retried).verdict !== 'blocked') return flow;
    changed = true;
    return retried;
  });
  return { flows: out, changed };
}

/** Evaluates flows in order, reconciles the guessed credentials, and evaluates again when that changed a flow. */
export function analyzeFlows(flows: readonly Flow[], ctx: EvaluationContext): AnalyzedFlow[] {
  let evaluations = evaluateAll(flows, ctx);
  const reconciled = reconcileCredentials(flows, evaluations, (f) => evaluate(f, ctx));
  if (reconciled.changed) evaluations = evaluateAll(reconciled.flows, ctx);
  return reconciled.flows.map((flow, i) => ({ flow, evaluation: evaluations[i]! }));
}
