/** The one-line summary shown in lists. */
import type { Evaluation, Flow } from '../model/index.ts';
import { SHORT } from '../explain/short.ts';
import type { Walk } from './walk.ts';

export function summarize(flow: Flow, w: Walk, e: Evaluation): string {
  const target = `${flow.request.method} ${flow.request.url}`;
  switch (e.verdict) {
    case 'allowed':
      return `Allowed: ${target}${e.classification.needsPreflight ? ' (preflighted)' : ''} passed the CORS checks.`;
    case 'blocked': {
      const f = w.failure!;
      const short = SHORT[f.code];
      const where = f.stage === 'preflight' ? 'on the preflight' : f.hop > 0 ? `on the response after redirect ${f.hop}` : 'on the response';
      return short.includes('preflight') ? `Blocked: ${short}.` : `Blocked: ${short} (${where}).`;
    }
    case 'not-cors':
      if (flow.request.mode === 'no-cors' && w.tainting === 'opaque') return `Not checked by CORS: no-cors request, the page gets an opaque response.`;
      if (flow.request.redirect === 'manual' && w.tainting === 'opaque') return `Not checked further: redirect "manual", the page gets an opaque-redirect response.`;
      if (flow.request.mode === 'navigate' || flow.request.mode === 'websocket') return `Not checked by CORS: ${flow.request.mode} request.`;
      return `Not checked by CORS: same-origin request.`;
    case 'failed':
      return w.networkError
        ? `Failed: ${w.networkError.error} — not a CORS block.${w.notes.length ? ` ${w.notes.at(-1)}` : ''}`
        : `Failed: ${w.notes.at(-1) ?? 'the request did not complete.'}`;
    case 'pending':
      return w.notes.length ? `In flight: ${w.notes.at(-1)}` : 'In flight.';
  }
}
