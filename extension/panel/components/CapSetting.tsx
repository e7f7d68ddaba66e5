import { useRef, useState } from 'preact/hooks';
import { CAP_PER_TAB } from '../../protocol.ts';
import { usePanel } from '../context.ts';
import { parseCap } from '../settings.ts';

const n = (x: number) => x.toLocaleString('en');

/**
 * How many requests the background keeps per tab, and how many older ones it dropped: a small
 * popover in the toolbar. Keyboard: the toggle is a button, Enter applies, Escape closes.
 */
export function CapSetting() {
  const { state, settings } = usePanel();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const toggle = useRef<HTMLElement>(null);
  if (!settings) return null;
  const cap = settings.capPerTab.value;
  const dropped = state.dropped.value;

  const onToggle = (e: Event) => {
    const isOpen = (e.currentTarget as HTMLDetailsElement).open;
    setOpen(isOpen);
    if (isOpen) {
      setDraft(cap === null ? '' : String(cap));
      setError('');
    }
  };
  const apply = (e: Event) => {
    e.preventDefault();
    const value = parseCap(draft);
    if (value === null) {
      setError(`Enter a whole number from ${n(CAP_PER_TAB.min)} to ${n(CAP_PER_TAB.max)}.`);
      return;
    }
    setError('');
    settings.setCap(value);
  };
  const close = (e: KeyboardEvent) => {
    if (e.key !== 'Escape' || !open) return;
    e.stopPropagation();
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <details class="popover settings" open={open} onToggle={onToggle} onKeyDown={close}>
      <summary ref={toggle} role="button" aria-haspopup="dialog" title="How many requests this panel keeps per tab">
        Keep {cap === null ? '…' : n(cap)}
      </summary>
      <div class="popover-popup" role="dialog" aria-label="Capture settings">
        <form class="popover-form" noValidate onSubmit={apply}>
          <label for="cap-per-tab">Requests kept per tab</label>
          <input
            id="cap-per-tab"
            name="cap-per-tab"
            type="number"
            inputMode="numeric"
            min={CAP_PER_TAB.min}
            max={CAP_PER_TAB.max}
            step={1}
            required
            value={draft}
            aria-invalid={error ? 'true' : 'false'}
            aria-describedby="cap-per-tab-hint"
            onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)}
          />
          <p id="cap-per-tab-hint" class="hint">
            {cap === null ? 'Waiting for the background.' : `Now ${n(cap)}; the oldest go first (${n(CAP_PER_TAB.min)}–${n(CAP_PER_TAB.max)}).`}{' '}
            <span class="dropped" data-dropped={dropped}>
              {dropped === 0 ? 'None dropped from this tab.' : `${n(dropped)} older ${dropped === 1 ? 'request' : 'requests'} dropped from this tab.`}
            </span>
          </p>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="primary">
            Apply
          </button>
        </form>
      </div>
    </details>
  );
}
