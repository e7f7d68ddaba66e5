/**
 * The panel's state, as signals: the flows of the inspected tab with their evaluations, the
 * filter, the selection and the open flow. Made by a factory so that tests and the bench can hold
 * their own; the panel makes one in main.tsx.
 */
import { batch, computed, signal } from '@preact/signals';
import type { BrowserName } from '../../src/model/index.ts';
import type { FlowEntry } from './entry.ts';
import { applyFilter, countsOf, domainsOf, type Filter } from './filter.ts';

export function createPanelState(opts: { browser: BrowserName }) {
  const entries = signal<readonly FlowEntry[]>([]);
  const filter = signal<Filter>({ failures: false, warnings: false, text: '', domain: '' });
  const visible = computed(() => applyFilter(entries.value, filter.value));
  const byId = computed(() => new Map(entries.value.map((e) => [e.flow.id, e] as const)));

  /** The highlighted row, by flow id: new flows arriving never move it. */
  const selectedId = signal<string | null>(null);
  /** The flow shown in the detail pane. */
  const openId = signal<string | null>(null);

  const state = {
    entries,
    filter,
    visible,
    counts: computed(() => countsOf(entries.value)),
    domains: computed(() => domainsOf(entries.value)),
    selectedId,
    openId,
    opened: computed(() => (openId.value === null ? null : (byId.value.get(openId.value) ?? null))),
    /** Which browser's console message the explanation shows; the panel's own browser first. */
    messageBrowser: signal<BrowserName>(opts.browser),
    /** Set once the first snapshot arrived: the panel is listening. Tests wait for it. */
    connected: signal(false),
    /** URL of the inspected page (tests use it to find the right DevTools window). */
    inspectedUrl: signal(''),
    dropped: signal(0),
    preserveLog: signal(false),

    setFilter(change: Partial<Filter>) {
      filter.value = { ...filter.value, ...change };
    },
    select(id: string | null) {
      selectedId.value = id;
    },
    open(id: string | null) {
      batch(() => {
        selectedId.value = id ?? selectedId.value;
        openId.value = id;
      });
    },
    /** Moves the selection by `delta` rows among the shown flows; returns the new index. */
    move(delta: number): number {
      const list = visible.value;
      if (list.length === 0) return -1;
      const at = selectedId.value === null ? -1 : list.findIndex((e) => e.flow.id === selectedId.value);
      const next = at < 0 ? (delta > 0 ? 0 : list.length - 1) : Math.min(list.length - 1, Math.max(0, at + delta));
      selectedId.value = list[next]!.flow.id;
      return next;
    },
    /** Forgets every flow (the background cleared the tab). */
    reset() {
      batch(() => {
        entries.value = [];
        selectedId.value = null;
        openId.value = null;
        state.dropped.value = 0;
      });
    },
  };
  return state;
}

export type PanelState = ReturnType<typeof createPanelState>;
