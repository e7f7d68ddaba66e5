import { describe, expect, it } from 'vitest';
import type { Flow } from '../../../src/model/index.ts';
import { noAcaoEvaluation, noAcaoFlow, PAGE } from '../test-fixtures.ts';
import { noPreflightNote } from './PreflightNote.tsx';

const cross = noAcaoEvaluation.classification;
const sameOriginClass = { ...cross, crossOrigin: false };
const withMode = (mode: Flow['request']['mode']) => {
  const flow = structuredClone(noAcaoFlow);
  flow.request.mode = mode;
  return flow;
};
const sameOriginFlow = (mode: Flow['request']['mode']) => {
  const flow = withMode(mode);
  flow.request.url = flow.hops[0]!.request.url = `${PAGE}/data`;
  return flow;
};

describe('why a flow has no preflight', () => {
  it('a cross-origin cors request with a safelisted method and headers: not needed', () => {
    expect(noPreflightNote(noAcaoFlow, cross)).toMatchObject({ kind: 'not-needed', text: expect.stringContaining('without asking first') });
  });
  it('no-cors never preflights: said so, not "not needed"', () => {
    const note = noPreflightNote(withMode('no-cors'), cross);
    expect(note.kind).toBe('no-cors');
    expect(note.text).toContain('no-cors mode, which never sends one');
    expect(note.text).toContain('opaque');
  });
  it('navigations and WebSockets: CORS does not apply', () => {
    expect(noPreflightNote(withMode('navigate'), cross)).toMatchObject({ kind: 'navigation', text: expect.stringContaining('CORS does not apply') });
    expect(noPreflightNote(withMode('websocket'), cross)).toMatchObject({ kind: 'websocket', text: expect.stringContaining('CORS does not apply') });
  });
  it('same-origin requests, whatever their mode: CORS does not apply', () => {
    for (const mode of ['cors', 'no-cors', 'navigate', 'same-origin'] as const) {
      expect(noPreflightNote(sameOriginFlow(mode), sameOriginClass)).toMatchObject({ kind: 'same-origin', text: expect.stringContaining('same-origin, so CORS does not apply') });
    }
  });
  it('a same-origin request redirected to another origin is not called same-origin', () => {
    const flow = sameOriginFlow('cors');
    flow.hops.push({ ...structuredClone(noAcaoFlow.hops[0]!) });
    expect(noPreflightNote(flow, sameOriginClass).kind).toBe('not-needed');
  });
  it("mode same-origin to another origin: the browser refuses it itself", () => {
    expect(noPreflightNote(withMode('same-origin'), cross)).toMatchObject({ kind: 'same-origin-mode' });
  });
  it('never tells a no-cors, navigation or same-origin flow that its headers are ones a page may send', () => {
    const flows = [withMode('no-cors'), withMode('navigate'), sameOriginFlow('cors')];
    for (const f of flows) expect(noPreflightNote(f, f === flows[2] ? sameOriginClass : cross).text).not.toContain('without asking first');
  });
});
