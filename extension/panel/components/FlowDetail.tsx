import { useEffect, useRef } from 'preact/hooks';
import { usePanel } from '../context.ts';
import { visible } from '../display.ts';
import { preflightAsCurl, requestAsCurl } from '../curl.ts';
import type { FlowEntry } from '../entry.ts';
import { CookieTable } from './CookieTable.tsx';
import { CopyButton } from './CopyButton.tsx';
import { FindingCard } from './FindingCard.tsx';
import { Net } from './Net.tsx';
import { PreflightNote } from './PreflightNote.tsx';
import { ResponseHeaders } from './ResponseHeaders.tsx';
import { Timeline } from './Timeline.tsx';
import { VerdictIcon } from './VerdictIcon.tsx';

function RequestFacts({ entry }: { entry: FlowEntry }) {
  const r = entry.flow.request;
  return (
    <section class="facts" aria-label="Request">
      <h3>Request</h3>
      <dl>
        <dt>Page origin</dt>
        <dd>
          <Net value={r.origin} />
        </dd>
        <dt>Made by</dt>
        <dd>{r.initiatorType}</dd>
        <dt>Mode</dt>
        <dd>{r.mode}</dd>
        <dt>Credentials</dt>
        <dd>{r.credentials}</dd>
      </dl>
      {entry.flow.inferred.length > 0 && (
        <details class="inferred">
          <summary>Inferred from the capture ({entry.flow.inferred.length})</summary>
          <ul>
            {entry.flow.inferred.map((i, k) => (
              <li key={k}>
                <code>{i.field}</code>: <Net value={i.from} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** Everything about one flow: the explanation first, then its preflight, its hops and its cookies. */
export function FlowDetail({ entry }: { entry: FlowEntry }) {
  const { state } = usePanel();
  const { flow, evaluation } = entry;
  const findings = [evaluation.error, ...evaluation.warnings].filter((f) => f !== null);
  const body = useRef<HTMLDivElement>(null);
  useEffect(() => body.current?.scrollTo?.(0, 0), [flow.id]);
  return (
    <section class="detail" aria-label="Flow details" data-flow-id={flow.id} data-verdict={evaluation.verdict}>
      <header class="detail-head">
        <div class="detail-title">
          <VerdictIcon verdict={evaluation.verdict} warnings={evaluation.warnings.length} />
          <h2 class="summary">
            <Net value={evaluation.summary} />
          </h2>
          <button type="button" class="close" aria-label="Close details" title="Close (Esc)" onClick={() => state.open(null)}>
            ✕
          </button>
        </div>
        <p class="detail-url" title={visible(flow.request.url)}>
          <span class="method">
            <Net value={flow.request.method} />
          </span>{' '}
          <Net value={flow.request.url} />
        </p>
        <div class="actions">
          <CopyButton name="preflight-curl" label="Copy preflight as curl" text={() => preflightAsCurl(flow, evaluation)} />
          <CopyButton name="request-curl" label="Copy request as curl" text={() => requestAsCurl(flow, evaluation)} />
        </div>
      </header>
      <div class="detail-body" ref={body}>
        {findings.map((f, i) => (
          <FindingCard key={`${f.code}-${i}`} finding={f} id={`finding-${i}`} />
        ))}
        <PreflightNote flow={flow} evaluation={evaluation} />
        <section class="hops" aria-label="Timeline">
          <h3>Timeline</h3>
          <Timeline flow={flow} evaluation={evaluation} />
        </section>
        <ResponseHeaders evaluation={evaluation} />
        <CookieTable cookies={evaluation.cookies} />
        <RequestFacts entry={entry} />
      </div>
    </section>
  );
}
