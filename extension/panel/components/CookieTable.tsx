import type { CookieOutcome } from '../../../src/model/index.ts';
import { LongText } from './LongText.tsx';
import { Net } from './Net.tsx';
import { Prose } from './Prose.tsx';

const TONE: Record<CookieOutcome['outcome'], string> = { allowed: 'ok', blocked: 'error', warning: 'warning' };

function where(c: CookieOutcome): string {
  const on = c.direction === 'set' ? (c.stage === 'preflight' ? 'preflight response' : 'response') : c.stage === 'preflight' ? 'preflight request' : 'request';
  return `${on}, hop ${c.hop + 1}`;
}

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
            <th scope="col">Outcome</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {cookies.map((c, i) => (
            <tr key={i} data-cookie={c.name} data-direction={c.direction} data-outcome={c.outcome}>
              <td class="cookie">
                <span class="dim">{c.direction === 'set' ? 'Set-Cookie' : 'Cookie'}</span>{' '}
                <code class="name">
                  <Net value={c.name} />
                </code>
                <span class="where dim">
                  {where(c)}
                  {c.domain && (
                    <>
                      {' · '}
                      <Net value={`${c.domain}${c.path ?? ''}`} />
                    </>
                  )}
                </span>
                {c.raw !== undefined && (
                  <code class="value">
                    <LongText value={c.raw} />
                  </code>
                )}
              </td>
              <td class={TONE[c.outcome]}>{c.outcome}</td>
              <td class="reasons">
                {c.reasons.map((r) => (
                  <code key={r} class="reason">
                    {r}
                  </code>
                ))}
                <span class="why">
                  <Prose text={c.why} />
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
