// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Finding } from '../../../src/model/index.ts';
import { PanelContext, type PanelServices } from '../context.ts';
import { createPanelState } from '../state.ts';
import { putRefusedFinding } from '../test-fixtures.ts';
import { FindingCard } from './FindingCard.tsx';

function show(finding: Finding) {
  const state = createPanelState({ browser: 'chrome' });
  const services: PanelServices = { state, copy: vi.fn(async () => true), download: vi.fn(), now: () => new Date(0) };
  return render(
    <PanelContext.Provider value={services}>
      <FindingCard finding={finding} id="f" />
    </PanelContext.Provider>,
  ).container;
}

afterEach(cleanup);

describe('FindingCard texts', () => {
  it('shows the code spans of why and fix as <code>, without the backticks', () => {
    const card = show({
      ...putRefusedFinding,
      why: 'The preflight response does not list `x-api-key` in Access-Control-Allow-Headers.',
      fix: { ...putRefusedFinding.fix!, summary: 'Send `Access-Control-Allow-Headers: content-type, x-api-key` on the preflight response.' },
    });
    const why = card.querySelector('.why')!;
    expect(why.textContent).toBe('The preflight response does not list x-api-key in Access-Control-Allow-Headers.');
    expect([...why.querySelectorAll('code')].map((c) => c.textContent)).toEqual(['x-api-key']);
    const fix = card.querySelector('.fix-summary')!;
    expect(fix.textContent).toBe('Send Access-Control-Allow-Headers: content-type, x-api-key on the preflight response.');
    expect([...fix.querySelectorAll('code.inline')].map((c) => c.textContent)).toEqual(['Access-Control-Allow-Headers: content-type, x-api-key']);
  });

  it('keeps markup in a code span as text, and an unpaired backtick as it is', () => {
    const card = show({ ...putRefusedFinding, why: 'Header `<img src=x onerror="window.pwned=1">` and a lone ` tick.\u202E' });
    const why = card.querySelector('.why')!;
    expect(why.querySelector('img')).toBeNull();
    expect(why.querySelector('code')!.textContent).toBe('<img src=x onerror="window.pwned=1">');
    expect(why.textContent).toBe('Header <img src=x onerror="window.pwned=1"> and a lone ` tick.\\u202E');
  });
});
