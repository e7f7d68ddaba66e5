// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PanelContext, type PanelServices } from '../context.ts';
import { createPanelSettings } from '../settings.ts';
import { createPanelState } from '../state.ts';
import { Toolbar } from './Toolbar.tsx';

function setup({ cap = 5000 as number | null, dropped = 0 } = {}) {
  const state = createPanelState({ browser: 'chrome' });
  state.dropped.value = dropped;
  const settings = createPanelSettings();
  settings.capPerTab.value = cap;
  const send = vi.fn();
  settings.attach(send);
  const services: PanelServices = { state, copy: vi.fn(async () => true), download: vi.fn(), now: () => new Date(0), settings };
  render(
    <PanelContext.Provider value={services}>
      <Toolbar actions={{ clear: vi.fn(), setPreserveLog: vi.fn() }} />
    </PanelContext.Provider>,
  );
  const details = document.querySelector<HTMLDetailsElement>('details.settings')!;
  const open = () => {
    fireEvent.click(details.querySelector('summary')!);
    expect(details.open).toBe(true);
  };
  return { state, settings, send, details, open };
}

afterEach(cleanup);

describe('the per-tab cap setting', () => {
  it('shows the current cap and the dropped count', () => {
    const { open } = setup({ cap: 5000, dropped: 12 });
    expect(document.querySelector('details.settings summary')!.textContent).toBe('Keep 5,000');
    open();
    expect(screen.getByLabelText<HTMLInputElement>('Requests kept per tab').value).toBe('5000');
    expect(document.querySelector('.settings .dropped')!.textContent).toBe('12 older requests dropped from this tab.');
    expect(screen.getByRole('dialog', { name: 'Capture settings' })).toBeTruthy();
  });

  it('sends set-cap with the typed value, and updates when the background answers', () => {
    const { settings, send, open } = setup();
    open();
    const input = screen.getByLabelText<HTMLInputElement>('Requests kept per tab');
    fireEvent.input(input, { target: { value: '100' } });
    fireEvent.submit(input.form!);
    expect(send).toHaveBeenCalledWith({ v: 1, type: 'set-cap', capPerTab: 100 });
    act(() => {
      settings.capPerTab.value = 100; // the snapshot that follows
    });
    expect(document.querySelector('details.settings summary')!.textContent).toBe('Keep 100');
  });

  it('refuses a value the background would not take, and says why', () => {
    const { send, open } = setup();
    open();
    const input = screen.getByLabelText<HTMLInputElement>('Requests kept per tab');
    for (const bad of ['50', '100001', '1e3', '', 'abc', '150.5']) {
      fireEvent.input(input, { target: { value: bad } });
      fireEvent.submit(input.form!);
      expect(screen.getByRole('alert').textContent).toBe('Enter a whole number from 100 to 100,000.');
    }
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(send).not.toHaveBeenCalled();
  });

  it('closes with Escape and gives the focus back to its button', () => {
    const { details, open } = setup();
    open();
    fireEvent.keyDown(screen.getByLabelText('Requests kept per tab'), { key: 'Escape' });
    expect(details.open).toBe(false);
    expect(document.activeElement).toBe(details.querySelector('summary'));
  });

  it('is left out when the panel has no settings to change', () => {
    const state = createPanelState({ browser: 'chrome' });
    render(
      <PanelContext.Provider value={{ state, copy: vi.fn(async () => true), download: vi.fn(), now: () => new Date(0) }}>
        <Toolbar actions={{ clear: vi.fn(), setPreserveLog: vi.fn() }} />
      </PanelContext.Provider>,
    );
    expect(document.querySelector('details.settings')).toBeNull();
  });
});
