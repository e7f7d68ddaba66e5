// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.tsx';
import { PanelContext, type PanelServices } from './context.ts';
import { entryOf } from './entry.ts';
import { createPanelState } from './state.ts';
import { CHROME_PUT_MESSAGE, FIREFOX_PUT_MESSAGE, FIXTURES, noAcaoEvaluation, noAcaoFlow } from './test-fixtures.ts';

function setup(entries = FIXTURES.map((f) => entryOf(f.flow, f.evaluation)), browser: 'chrome' | 'firefox' = 'chrome') {
  const state = createPanelState({ browser });
  state.entries.value = entries;
  state.connected.value = true;
  const services: PanelServices = { state, copy: vi.fn(async () => true), download: vi.fn(), now: () => new Date('2026-11-29T21:00:00Z') };
  const actions = { clear: vi.fn(), setPreserveLog: vi.fn() };
  const view = render(
    <PanelContext.Provider value={services}>
      <App actions={actions} />
    </PanelContext.Provider>,
  );
  return { state, services, actions, view };
}
const rows = () => [...document.querySelectorAll<HTMLTableRowElement>('tr[data-flow-id]')];
const row = (id: string) => document.querySelector<HTMLTableRowElement>(`tr[data-flow-id="${id}"]`)!;

afterEach(cleanup);

describe('the list', () => {
  it('shows one row per flow with verdict, method, URL, status, preflight badge, redirects and type', () => {
    setup();
    expect(rows().map((r) => r.dataset.flowId)).toEqual(['f-put', 'f-get', 'f-cred', 'f-cached', 'f-redirect']);
    const put = row('f-put');
    expect(put.querySelector('.url')!.textContent).toBe('http://api.site-b.test:4200/lab/put-refused');
    expect(put.querySelector('.url .path')!.textContent).toBe('/lab/put-refused');
    expect(put.querySelector('.status')!.textContent).toBe('net::ERR_FAILED');
    expect(put.querySelector('.preflight')!.textContent).toBe('✕ OPTIONS 204');
    // A failed preflight shows a shape, not only a colour, and has a name screen readers read.
    const badge = put.querySelector('.preflight .badge')!;
    expect([badge.getAttribute('role'), badge.getAttribute('aria-label')]).toEqual(['img', 'Preflight OPTIONS 204, failed']);
    expect(badge.querySelector('.badge-icon')!.textContent).toBe('✕ ');
    expect(put.querySelector('[role=img]')!.getAttribute('aria-label')).toBe('Blocked by CORS');
    expect(row('f-cached').querySelector('.preflight')!.textContent).toBe('cached');
    expect(row('f-cached').querySelector('.preflight [role=img]')!.getAttribute('aria-label')).toBe("Preflight served from the browser's preflight cache");
    expect(row('f-redirect').querySelector('.redirects')!.textContent).toBe('1');
    expect(row('f-cred').querySelector('[role=img]')!.getAttribute('aria-label')).toBe('Allowed, 1 warning');
  });

  it('counts failures and warnings in the toolbar and filters by them', () => {
    setup();
    expect(document.querySelector('.count.failures')!.textContent).toBe('3 failures');
    expect(document.querySelector('.count.warnings')!.textContent).toBe('1 warning');
    fireEvent.click(screen.getByLabelText('Warnings'));
    expect(rows().map((r) => r.dataset.flowId)).toEqual(['f-cred']);
    fireEvent.click(screen.getByLabelText('Warnings'));
    fireEvent.click(screen.getByLabelText('Failures'));
    expect(rows()).toHaveLength(3);
  });

  it('filters by free text and by domain', () => {
    setup();
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'redirect' } });
    expect(rows().map((r) => r.dataset.flowId)).toEqual(['f-redirect']);
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: '' } });
    fireEvent.change(screen.getByLabelText('Domain'), { target: { value: 'api.site-b.test' } });
    expect(rows()).toHaveLength(5);
    expect(document.querySelector('.shown')!.textContent).toBe('5 flows');
  });

  it('moves with the arrow keys, opens with Enter, closes with Escape', () => {
    const { state } = setup();
    const grid = screen.getByRole('grid');
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    expect(row('f-get').getAttribute('aria-selected')).toBe('true');
    expect(grid.getAttribute('aria-activedescendant')).toBe(row('f-get').id);
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(document.querySelector('.detail')!.getAttribute('data-flow-id')).toBe('f-get');
    fireEvent.keyDown(grid, { key: 'Escape' });
    expect(document.querySelector('.detail')).toBeNull();
    expect(state.selectedId.value).toBe('f-get');
  });

  it('keeps the selection on the same flow when new flows arrive', () => {
    const { state } = setup();
    fireEvent.click(row('f-cred'));
    const extra = { ...noAcaoFlow, id: 'f-new', startedAt: 1 };
    state.entries.value = [entryOf(extra, { ...noAcaoEvaluation, flowId: 'f-new' }), ...state.entries.value];
    expect(row('f-cred').getAttribute('aria-selected')).toBe('true');
    expect(document.querySelector('.detail')!.getAttribute('data-flow-id')).toBe('f-cred');
  });

  it('clears and toggles preserve log through the background', () => {
    const { actions } = setup();
    fireEvent.click(screen.getByText('Clear'));
    fireEvent.click(screen.getByLabelText('Preserve log'));
    expect(actions.clear).toHaveBeenCalled();
    expect(actions.setPreserveLog).toHaveBeenCalledWith(true);
  });

  it('renders only the rows in view of a very long list', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => entryOf({ ...noAcaoFlow, id: `n${i}` }, { ...noAcaoEvaluation, flowId: `n${i}` }));
    setup(many);
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThan(100);
    expect(screen.getByRole('grid').getAttribute('aria-rowcount')).toBe('10001');
  });
});

describe('the detail of a flow', () => {
  it('explains a failing preflight: the exact Chrome message, the failing hop, the fix', () => {
    setup();
    fireEvent.click(row('f-put'));
    const detail = document.querySelector<HTMLElement>('.detail')!;
    expect(detail.querySelector('.message')!.textContent).toBe(CHROME_PUT_MESSAGE);
    const failed = detail.querySelectorAll('.step[data-failed="true"]');
    expect([...failed].map((s) => [s.getAttribute('data-stage'), s.getAttribute('data-hop')])).toEqual([['preflight', '0']]);
    expect(within(detail).getByText('Add Access-Control-Allow-Headers: content-type, x-api-key to the preflight (OPTIONS) response.')).toBeTruthy();
    expect(detail.querySelector('.fix-fields')!.textContent).toContain('the preflight (OPTIONS) response');
    // The actual request was never sent.
    expect(detail.querySelector('.step[data-stage="actual"]')!.classList.contains('unsent')).toBe(true);
  });

  it('switches the message to Firefox’s, and defaults to the browser the panel runs in', () => {
    setup();
    fireEvent.click(row('f-put'));
    fireEvent.click(screen.getByRole('button', { name: 'Firefox' }));
    expect(document.querySelector('.message')!.textContent).toBe(FIREFOX_PUT_MESSAGE);
    cleanup();
    setup(undefined, 'firefox');
    fireEvent.click(row('f-put'));
    expect(document.querySelector('.message')!.textContent).toBe(FIREFOX_PUT_MESSAGE);
  });

  it('shows server snippets in tabs', () => {
    setup();
    fireEvent.click(row('f-put'));
    expect(document.querySelector('.snippet')!.getAttribute('data-server')).toBe('express');
    fireEvent.click(screen.getByRole('tab', { name: 'nginx' }));
    expect(document.querySelector('.snippet')!.textContent).toBe("add_header Access-Control-Allow-Headers 'content-type, x-api-key' always;");
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Express', 'nginx', 'Apache', 'Flask', 'Django']);
    // The tablist holds only the tabs: Copy snippet sits beside it, and the arrow keys do not act on it.
    const tablist = screen.getByRole('tablist');
    expect([...tablist.children].every((c) => c.getAttribute('role') === 'tab')).toBe(true);
    const copy = document.querySelector<HTMLButtonElement>('button[data-copy="snippet"]')!;
    expect(tablist.contains(copy)).toBe(false);
    fireEvent.keyDown(copy, { key: 'ArrowRight' });
    expect(document.querySelector('.snippet')!.getAttribute('data-server')).toBe('nginx');
    fireEvent.keyDown(screen.getByRole('tab', { name: 'nginx' }), { key: 'ArrowRight' });
    expect(document.querySelector('.snippet')!.getAttribute('data-server')).toBe('apache');
  });

  it('copies the message, the fix and curl commands', async () => {
    const { services } = setup();
    fireEvent.click(row('f-put'));
    fireEvent.click(screen.getByText('Copy message'));
    fireEvent.click(screen.getByText('Copy fix'));
    fireEvent.click(screen.getByText('Copy preflight as curl'));
    expect(await screen.findAllByText('Copied')).toHaveLength(3);
    expect(vi.mocked(services.copy).mock.calls.map((c) => c[0])).toEqual([
      CHROME_PUT_MESSAGE,
      'Access-Control-Allow-Headers: content-type, x-api-key',
      "curl -i -X OPTIONS -H 'Origin: http://app.site-a.test:4200' -H 'Access-Control-Request-Method: PUT' -H 'Access-Control-Request-Headers: content-type,x-api-key' 'http://api.site-b.test:4200/lab/put-refused'",
    ]);
  });

  it('highlights CORS-relevant headers', () => {
    setup();
    fireEvent.click(row('f-put'));
    const pre = document.querySelector('.step[data-stage="preflight"]')!;
    const highlighted = [...pre.querySelectorAll('tr[data-cors="true"] th')].map((th) => th.textContent);
    expect(highlighted).toEqual(['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Methods']);
    expect(pre.querySelector('tr:not([data-cors]) th')!.textContent).toBe('Date');
  });

  it('lists readable and hidden response headers and every cookie with its reasons', () => {
    setup();
    fireEvent.click(row('f-cred'));
    const readability = document.querySelector('.readability')!;
    expect([...readability.querySelectorAll('tbody tr')].map((r) => r.textContent)).toEqual([
      'content-typereadableCORS-safelisted response header',
      'x-request-idhiddennot safelisted, and not in Access-Control-Expose-Headers',
      'set-cookiehiddennever readable from JavaScript',
    ]);
    const sid = document.querySelector('.cookie-table tr[data-cookie="sid"]')!;
    expect(sid.getAttribute('data-outcome')).toBe('blocked');
    expect(sid.querySelector('.reason')!.textContent).toBe('SameSiteUnspecifiedTreatedAsLax');
    expect(sid.textContent).toContain('treats it as SameSite=Lax');
    expect(document.querySelector('.cookie-table tr[data-cookie="theme"]')!.getAttribute('data-direction')).toBe('send');
    expect(document.querySelector('.finding.warning')!.getAttribute('data-code')).toBe('MissingVaryOrigin');
    expect(document.querySelector('.finding.warning .message')!.textContent).toBe('Chrome prints no console message for this.');
  });

  it('says why a flow shows no preflight: cached by an earlier flow, or not needed', () => {
    setup();
    fireEvent.click(row('f-cached'));
    expect(document.querySelector('[data-note="cached"]')!.textContent).toContain('preflight cache (Access-Control-Max-Age allowed 600 s)');
    fireEvent.click(screen.getByText('Show the flow that made it'));
    expect(document.querySelector('.detail')!.getAttribute('data-flow-id')).toBe('f-put');
    fireEvent.click(row('f-get'));
    expect(document.querySelector('[data-note="not-needed"]')).not.toBeNull();
  });

  it('marks the failing redirect hop', () => {
    setup();
    fireEvent.click(row('f-redirect'));
    const steps = [...document.querySelectorAll('.step')].map((s) => `${s.getAttribute('data-hop')}:${s.getAttribute('data-failed')}`);
    expect(steps).toEqual(['0:false', '1:true']);
    expect(document.querySelector('.redirect-to')!.textContent).toBe('Redirects to http://api.site-c.test:4200/lab/redirect-end');
  });
});

describe('export', () => {
  it('downloads the shown flows as a report, with cookies redacted unless asked', () => {
    const { services } = setup();
    fireEvent.click(screen.getByLabelText('Warnings'));
    fireEvent.click(screen.getByText('Export'));
    fireEvent.click(screen.getByLabelText('Markdown'));
    fireEvent.click(screen.getByRole('button', { name: 'Download 1 flow' }));
    const [name, text, type] = vi.mocked(services.download).mock.calls[0]!;
    expect([name, type]).toEqual(['cors-lens-2026-11-29T21-00-00.md', 'text/markdown']);
    expect(text).toContain('/lab/credentialed');
    expect(text).not.toContain('/lab/put-refused');
    expect(text).not.toContain('theme=dark');
    expect(text).not.toContain('abc123');

    fireEvent.click(screen.getByText('Export'));
    fireEvent.click(screen.getByLabelText('JSON'));
    fireEvent.click(screen.getByLabelText('Include Cookie, Set-Cookie and Authorization values'));
    fireEvent.click(screen.getByRole('button', { name: 'Download 1 flow' }));
    const [, json, jsonType] = vi.mocked(services.download).mock.calls[1]!;
    expect(jsonType).toBe('application/json');
    const report = JSON.parse(json);
    expect(report.flows).toHaveLength(1);
    expect(JSON.stringify(report)).toContain('theme=dark');
  });
});

describe('hostile values', () => {
  it('renders markup, scripts and bidi marks from the network as inert text', () => {
    const evil = structuredClone(noAcaoFlow);
    evil.id = 'evil';
    evil.request.url = 'http://api.site-b.test/<img src=x onerror="window.pwned=1">';
    evil.hops[0]!.request.url = evil.request.url;
    evil.hops[0]!.response!.headers = [
      { name: '<script>window.pwned=2</script>', value: 'javascript:window.pwned=3' },
      { name: 'X-Rtl', value: 'abc\u202Eexe.txt' },
      { name: 'X-Huge', value: 'v'.repeat(100_000) },
    ];
    setup([entryOf(evil, { ...noAcaoEvaluation, flowId: 'evil', error: null, verdict: 'allowed' })]);
    fireEvent.click(row('evil'));
    expect(document.querySelectorAll('main img, main script, main a[href^="javascript"]')).toHaveLength(0);
    expect((window as unknown as { pwned?: number }).pwned).toBeUndefined();
    expect(row('evil').querySelector('.url')!.textContent).toBe(evil.request.url);
    const text = document.querySelector('.detail')!.textContent!;
    expect(text).toContain('<script>window.pwned=2</script>');
    expect(text).toContain('abc\\u202Eexe.txt');
    expect(document.querySelector('.detail .esc')!.textContent).toBe('\\u202E');
    expect(text).not.toContain('\u202E');
    // The 100 KB value is cut for display, with a way to see the rest.
    expect(screen.getByText('… show 98,000 more characters')).toBeTruthy();
  });
});
