import type { CookieOutcome } from '../../../src/model/index.ts';
import { LongText } from './LongText.tsx';
import { Net } from './Net.tsx';

const OUTCOME: Record<CookieOutcome['outcome'], string> = { allowed: 'allowed', blocked: 'blocked', warning: 'warning' };

/** Every Set-Cookie and every cookie sent or withheld, with the outcome and reasons the core gave. */
export function CookieTable({ cookies }: { cookies: readonly CookieOutcome[] }) {
  if (cookies.length === 0) return null;
  return (
    <section class="cookies" aria-label="Cookies">
      <h3>Cookies</h3>
      <table class="cookie-table">
        <thead>
          <tr>
            <th scope="col">Cookie</th>
            <th scope="col">Name</th>
            <th scope="col">Outcome</th>
            <th scope="col">Reasons</th>
            <th scope="col">Where</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {cookies.map((c, i) => (
            <tr key={i} data-cookie={c.name} data-direction={c.direction} data-outcome={c.outcome}>
              <td>{c.direction === 'set' ? 'Set-Cookie' : 'Cookie'}</td>
              <td class="mono">
                <Net value={c.name} />
              </td>
              <td class={c.outcome === 'blocked' ? 'error' : c.outcome === 'warning' ? 'warning' : 'ok'}>{OUTCOME[c.outcome]}</td>
              <td class="reasons">
                {c.reasons.map((r) => (
                  <code key={r} class="reason">
                    {r}
                  </code>
                ))}
                <span class="why">
                  <Net value={c.why} />
                </span>
              </td>
              <td>
                {c.direction === 'set' ? (c.stage === 'preflight' ? 'preflight response' : 'response') : 'request'}
                {` · hop ${c.hop + 1}`}
                {c.domain && (
                  <>
                    {' · '}
                    <Net value={`${c.domain}${c.path ?? ''}`} />
                  </>
                )}
              </td>
              <td class="mono value">{c.raw !== undefined ? <LongText value={c.raw} /> : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
