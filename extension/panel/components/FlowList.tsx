import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { usePanel } from '../context.ts';
import { FlowRow } from './FlowRow.tsx';
import { ownValue } from '../../../src/model/own-key.ts';

/** Fixed row height (px): the list renders only the rows in view, so 10,000 flows stay smooth. */
export const ROW_HEIGHT = 21;
const OVERSCAN = 8;
/** Before the list knows its height (first render, or a DOM without layout). */
const DEFAULT_VIEWPORT = 800;

const COLUMNS = [
  { key: 'verdict', label: 'Verdict', short: '' },
  { key: 'method', label: 'Method' },
  { key: 'url', label: 'URL' },
  { key: 'initiator', label: 'Initiator' },
  { key: 'status', label: 'Status' },
  { key: 'preflight', label: 'Preflight' },
  { key: 'redirects', label: 'Redirects', short: '↪' },
  { key: 'type', label: 'Type' },
] as const;

/**
 * The flows of the inspected tab as a grid. Arrow keys move the selection, Enter opens it, Escape
 * closes the detail. The selection is a flow id, so flows arriving do not move it; if earlier
 * rows are inserted above it, the list scrolls by as much so that it stays where it was on screen.
 */
export function FlowList() {
  const { state } = usePanel();
  const list = state.visible.value;
  const selectedId = state.selectedId.value;
  const total = state.entries.value.length;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);

  useEffect(() => {
    const el = scroller.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    setHeight(el.clientHeight);
    return () => ro.disconnect();
  }, []);

  // Keep the selected row in place on screen when rows are inserted above it.
  const selectedIndex = selectedId === null ? -1 : list.findIndex((e) => e.flow.id === selectedId);
  const lastIndex = useRef({ id: selectedId, index: selectedIndex, list });
  useLayoutEffect(() => {
    const prev = lastIndex.current;
    const el = scroller.current;
    if (el && prev.id === selectedId && prev.list !== list && prev.index >= 0 && selectedIndex >= 0 && prev.index !== selectedIndex) {
      el.scrollTop += (selectedIndex - prev.index) * ROW_HEIGHT;
      setScrollTop(el.scrollTop);
    }
    lastIndex.current = { id: selectedId, index: selectedIndex, list };
  }, [list, selectedId, selectedIndex]);

  const viewport = height || DEFAULT_VIEWPORT;
  const headerHeight = ROW_HEIGHT;
  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(list.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const shown = list.slice(first, last);
  // Whether the selected row is on screen: if not (none selected, or scrolled away), the focus
  // ring goes round the whole list, so that focus is never invisible.
  const selectedOnScreen =
    selectedIndex >= 0 && selectedIndex * ROW_HEIGHT >= scrollTop && (selectedIndex + 1) * ROW_HEIGHT <= scrollTop + viewport - headerHeight;

  const scrollIntoView = (index: number) => {
    const el = scroller.current;
    if (!el || index < 0) return;
    const top = index * ROW_HEIGHT;
    const bodyHeight = (el.clientHeight || viewport) - headerHeight;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + bodyHeight) el.scrollTop = top + ROW_HEIGHT - bodyHeight;
    setScrollTop(el.scrollTop);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((viewport - headerHeight) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const delta = ownValue(moves, e.key);
    if (delta !== undefined) {
      e.preventDefault();
      scrollIntoView(state.move(Number.isFinite(delta) ? delta : delta > 0 ? list.length : -list.length));
    } else if (e.key === 'Enter' && state.selectedId.value !== null) {
      e.preventDefault();
      state.open(state.selectedId.value);
    } else if (e.key === 'Escape' && state.openId.value !== null) {
      e.preventDefault();
      state.open(null);
    }
  };

  const onPick = useCallback(
    (id: string, open: boolean) => {
      if (open) state.open(id);
      else state.select(id);
    },
    [state],
  );

  return (
    <div class="flow-list" ref={scroller} onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}>
      <table
        class="flows"
        role="grid"
        aria-label="Flows"
        aria-rowcount={list.length + 1}
        aria-activedescendant={selectedIndex >= first && selectedIndex < last ? `flow-row-${selectedIndex}` : undefined}
        data-focus-ring={selectedOnScreen ? 'row' : 'list'}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <thead>
          <tr aria-rowindex={1}>
            {COLUMNS.map((c) => (
              <th key={c.key} scope="col" role="columnheader" class={c.key} title={c.label}>
                {'short' in c ? c.short : c.label}
                {'short' in c && <span class="sr-only">{c.label}</span>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr class="spacer" aria-hidden="true" style={{ height: `${first * ROW_HEIGHT}px` }} />}
          {shown.map((e, i) => (
            <FlowRow
              key={e.flow.id}
              row={e.row}
              index={first + i}
              selected={e.flow.id === selectedId}
              onPick={onPick}
            />
          ))}
          {last < list.length && <tr class="spacer" aria-hidden="true" style={{ height: `${(list.length - last) * ROW_HEIGHT}px` }} />}
        </tbody>
      </table>
      {list.length === 0 && (
        <p class="empty" role="status">
          {total === 0 ? 'No requests yet. Make the page send some, or reload it.' : 'No flow matches the filter.'}
        </p>
      )}
    </div>
  );
}
