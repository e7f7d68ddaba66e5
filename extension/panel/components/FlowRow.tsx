import { memo } from 'preact/compat';
import { splitUrl, visible } from '../display.ts';
import type { RowFields } from '../entry.ts';
import { Net } from './Net.tsx';
import { VerdictIcon } from './VerdictIcon.tsx';

/** The badge's name is its aria-label (role="img": a plain span's aria-label is ignored); a failure shows ✕, not only red. */
function PreflightBadge({ row }: { row: RowFields }) {
  const p = row.preflight;
  if (p.kind === 'sent') {
    const label = `Preflight OPTIONS ${p.status}${p.count > 1 ? ` (${p.count} preflights)` : ''}${p.failed ? ', failed' : ''}`;
    return (
      <span class={`badge${p.failed ? ' error' : ''}`} role="img" title={label} aria-label={label} data-failed={p.failed ? 'true' : 'false'}>
        {p.failed && <span class="badge-icon">✕ </span>}
        OPTIONS {p.status}
        {p.count > 1 ? ` ×${p.count}` : ''}
      </span>
    );
  }
  if (p.kind === 'cached') {
    const label = "Preflight served from the browser's preflight cache";
    return (
      <span class="badge dim" role="img" title={label} aria-label={label}>
        cached
      </span>
    );
  }
  return null;
}

interface Props {
  row: RowFields;
  index: number;
  selected: boolean;
  onPick(id: string, open: boolean): void;
}

/** One flow in the list. Every value from the network is rendered as text. */
export const FlowRow = memo(function FlowRow({ row, index, selected, onPick }: Props) {
  const { origin, rest } = splitUrl(row.url);
  return (
    <tr
      id={`flow-row-${index}`}
      class={`flow-row${selected ? ' selected' : ''}`}
      aria-selected={selected ? 'true' : 'false'}
      aria-rowindex={index + 2}
      data-flow-id={row.id}
      data-request-id={row.id}
      data-verdict={row.verdict}
      onClick={() => onPick(row.id, true)}
    >
      <td class="verdict" role="gridcell">
        <VerdictIcon verdict={row.verdict} warnings={row.warnings} />
      </td>
      <td class="method" role="gridcell">
        <Net value={row.method} />
      </td>
      <td class="url" role="gridcell" title={visible(row.url)} data-host={visible(row.host)}>
        <Net class="origin" value={origin} />
        <Net class="path" value={rest} />
      </td>
      <td class="initiator" role="gridcell" title={visible(row.initiator)}>
        <Net value={row.initiator} />
      </td>
      <td
        class={`status${row.verdict === 'blocked' || row.verdict === 'failed' ? ' error' : ''}`}
        role="gridcell"
        title={
          row.statusError
            ? `The server answered ${row.status}, but the browser ${row.verdict === 'blocked' ? 'blocked' : 'failed'} the response (${row.statusError}).`
            : row.status
        }
      >
        <span class="code">{row.status}</span>
        {row.statusError && <span class="status-note"> {row.verdict === 'blocked' ? 'blocked' : 'failed'}</span>}
      </td>
      <td class="preflight" role="gridcell" data-preflight-kind={row.preflight.kind}>
        <PreflightBadge row={row} />
      </td>
      <td class="redirects" role="gridcell">
        {row.redirects > 0 ? row.redirects : ''}
      </td>
      <td class="type" role="gridcell">
        {row.type}
      </td>
    </tr>
  );
});
