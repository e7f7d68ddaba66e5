import type { Evaluation, HiddenHeader, ReadableHeader } from '../../../src/model/index.ts';
import { Net } from './Net.tsx';

// Labels for the evaluator's reason codes (it decides which applies).
const READABLE: Record<ReadableHeader['reason'], string> = {
  safelisted: 'CORS-safelisted response header',
  exposed: 'listed in Access-Control-Expose-Headers',
  'exposed-by-wildcard': 'exposed by Access-Control-Expose-Headers: *',
  'same-origin': 'same-origin response: every header is readable',
};
const HIDDEN: Record<HiddenHeader['reason'], string> = {
  'not-safelisted': 'not safelisted, and not in Access-Control-Expose-Headers',
  'wildcard-with-credentials': 'Access-Control-Expose-Headers: * does not count for a request with credentials',
  'never-readable': 'never readable from JavaScript',
  opaque: 'the response is blocked or opaque: JavaScript can read none of it',
};

/** Which response headers JavaScript can read (`response.headers.get`) and which it cannot, and why. */
export function ResponseHeaders({ evaluation }: { evaluation: Evaluation }) {
  const { readable, hiddenResponseHeaders: hidden } = evaluation;
  if (readable.length === 0 && hidden.length === 0) return null;
  return (
    <section class="readability" aria-label="Response headers readable from JavaScript">
      <h3>Response headers in JavaScript</h3>
      <table class="reasons-table">
        <thead>
          <tr>
            <th scope="col">Header</th>
            <th scope="col">JavaScript</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {readable.map((h) => (
            <tr key={`r-${h.name}`} data-readable="true">
              <td class="mono">
                <Net value={h.name} />
              </td>
              <td class="ok">readable</td>
              <td>{READABLE[h.reason] ?? h.reason}</td>
            </tr>
          ))}
          {hidden.map((h) => (
            <tr key={`h-${h.name}`} data-readable="false">
              <td class="mono">
                <Net value={h.name} />
              </td>
              <td class="dim">hidden</td>
              <td>
                {HIDDEN[h.reason] ?? h.reason}
                {h.detail && (
                  <div class="hidden-detail">
                    <Net value={h.detail} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
