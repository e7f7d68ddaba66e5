import type { ComponentChildren } from 'preact';
import { usePanel } from '../context.ts';
import { CapSetting } from './CapSetting.tsx';

export interface ToolbarActions {
  clear(): void;
  setPreserveLog(on: boolean): void;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Clear, preserve log, the filters, live counts of failures and warnings, and the per-tab cap. */
export function Toolbar({ actions, children }: { actions: ToolbarActions; children?: ComponentChildren }) {
  const { state } = usePanel();
  const f = state.filter.value;
  const { failures, warnings } = state.counts.value;
  const domains = state.domains.value;
  const total = state.entries.value.length;
  const shown = state.visible.value.length;
  return (
    <div class="toolbar" role="toolbar" aria-label="CORS flows">
      <button type="button" class="clear" title="Clear the list" onClick={() => actions.clear()}>
        <span aria-hidden="true">⊘</span> Clear
      </button>
      <label class="check" title="Keep flows when the page navigates">
        <input
          type="checkbox"
          name="preserve-log"
          checked={state.preserveLog.value}
          onChange={(e) => actions.setPreserveLog((e.currentTarget as HTMLInputElement).checked)}
        />
        Preserve log
      </label>
      <span class="sep" aria-hidden="true" />
      <input
        type="search"
        class="search"
        name="filter"
        placeholder="Filter"
        aria-label="Filter flows by URL, method, status or finding"
        value={f.text}
        onInput={(e) => state.setFilter({ text: (e.currentTarget as HTMLInputElement).value })}
      />
      <label class="check">
        <input type="checkbox" name="failures" checked={f.failures} onChange={(e) => state.setFilter({ failures: (e.currentTarget as HTMLInputElement).checked })} />
        Failures
      </label>
      <label class="check">
        <input type="checkbox" name="warnings" checked={f.warnings} onChange={(e) => state.setFilter({ warnings: (e.currentTarget as HTMLInputElement).checked })} />
        Warnings
      </label>
      <select
        name="domain"
        aria-label="Domain"
        value={f.domain}
        onChange={(e) => state.setFilter({ domain: (e.currentTarget as HTMLSelectElement).value })}
      >
        <option value="">All domains</option>
        {(f.domain && !domains.includes(f.domain) ? [f.domain, ...domains] : domains).map((d) => (
          <option key={d} value={d}>
            {d}
          </option>
        ))}
      </select>
      <span class="sep" aria-hidden="true" />
      <span class="counts" role="status" aria-live="polite">
        <span class={`count failures${failures ? ' error' : ''}`} data-count={failures}>
          {plural(failures, 'failure', 'failures')}
        </span>
        <span class={`count warnings${warnings ? ' warning' : ''}`} data-count={warnings}>
          {plural(warnings, 'warning', 'warnings')}
        </span>
      </span>
      <span class="spacer" />
      <span class="shown" data-total={total} data-shown={shown}>
        {shown === total ? plural(total, 'flow', 'flows') : `${shown} of ${total} flows`}
        {state.dropped.value > 0 && ` · ${state.dropped.value} older requests dropped`}
      </span>
      <CapSetting />
      {children}
    </div>
  );
}
