import type { Evaluation, Exchange, Flow } from '../../../src/model/index.ts';
import { visible } from '../display.ts';
import { HeaderTable } from './HeaderTable.tsx';
import { Net } from './Net.tsx';

interface Step {
  stage: 'preflight' | 'actual';
  hop: number;
  exchange: Exchange;
  sent: boolean;
}

/** The exchanges of a flow in the order the browser made them: each hop's preflight, then the hop. */
export function stepsOf(flow: Flow): Step[] {
  return flow.hops.flatMap((hop, i): Step[] => [
    ...(hop.preflight ? [{ stage: 'preflight' as const, hop: i, exchange: hop.preflight, sent: true }] : []),
    { stage: 'actual' as const, hop: i, exchange: hop, sent: hop.sent },
  ]);
}

/** Names the step and, for a preflight, the hop it belongs to (each redirect hop may have its own). */
export function stepLabel(step: Pick<Step, 'stage' | 'hop'>): string {
  if (step.stage === 'actual') return step.hop === 0 ? 'Request' : `Redirect ${step.hop}`;
  return step.hop === 0 ? 'Preflight' : `Preflight for redirect ${step.hop}`;
}

function outcomeOf(step: Step): string {
  const res = step.exchange.response;
  if (res) return `${res.status}${res.statusText ? ` ${res.statusText}` : ''}`;
  if (step.exchange.error) return step.exchange.error;
  return step.sent ? 'no response yet' : 'not sent';
}

function StepView({ step, flow, evaluation }: { step: Step; flow: Flow; evaluation: Evaluation }) {
  const at = (l: { hop: number; stage: string }) => l.hop === step.hop && l.stage === step.stage;
  const failed = evaluation.error !== null && at(evaluation.error.location);
  const warned = evaluation.warnings.some((w) => at(w.location));
  const isLast = step.hop === flow.hops.length - 1 && step.stage === 'actual';
  const label = stepLabel(step);
  const { request, response, error } = step.exchange;
  const redirect = step.stage === 'actual' ? response?.redirectURL : undefined;
  return (
    <li
      class={`step ${step.stage}${failed ? ' failed' : ''}${warned ? ' warned' : ''}${step.sent ? '' : ' unsent'}`}
      data-stage={step.stage}
      data-hop={step.hop}
      data-failed={failed ? 'true' : 'false'}
    >
      <details open={failed || (evaluation.error === null && isLast)}>
        <summary>
          <span class="step-label">{label}</span>
          <span class="method">
            <Net value={request.method} />
          </span>
          <span class="step-url" title={visible(request.url)}>
            <Net value={request.url} />
          </span>
          <span class={`step-outcome${failed || error ? ' error' : ''}`}>{outcomeOf(step)}</span>
          {failed && (
            <span class="marker error" data-marker="failed">
              ✕ Failed here
            </span>
          )}
          {warned && !failed && <span class="marker warning">▲ Warning</span>}
        </summary>
        <div class="step-body">
          {redirect && (
            <p class="redirect-to">
              Redirects to <Net value={redirect} />
            </p>
          )}
          <h4>Request headers{step.sent ? '' : ' (not sent)'}</h4>
          <HeaderTable headers={request.headers} label="Request headers" />
          {response && (
            <>
              <h4>Response headers</h4>
              <HeaderTable headers={response.headers} label="Response headers" />
            </>
          )}
        </div>
      </details>
    </li>
  );
}

/** Preflight → request → each redirect hop, with headers; the hop that failed is marked. */
export function Timeline({ flow, evaluation }: { flow: Flow; evaluation: Evaluation }) {
  return (
    <ol class="timeline" aria-label="Timeline">
      {stepsOf(flow).map((s) => (
        <StepView key={`${s.hop}-${s.stage}`} step={s} flow={flow} evaluation={evaluation} />
      ))}
    </ol>
  );
}
