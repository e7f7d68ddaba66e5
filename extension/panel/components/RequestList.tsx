import { isPreflightRecord } from '../../../src/correlate/webrequest-record.ts';
import type { WebRequestRecord } from '../../../src/model/webrequest.ts';

function statusOf(r: WebRequestRecord): string {
  const last = r.hops[r.hops.length - 1];
  if (r.error) return r.error;
  if (last?.statusCode !== undefined) return String(last.statusCode);
  return r.state === 'pending' ? '…' : '';
}

/** Every request the background saw for the inspected tab. All values render as text. */
export function RequestList({ records }: { records: WebRequestRecord[] }) {
  return (
    <table class="requests" role="grid" aria-label="Requests">
      <thead>
        <tr>
          <th scope="col">Method</th>
          <th scope="col">URL</th>
          <th scope="col">Status</th>
          <th scope="col">Type</th>
          <th scope="col">Preflight</th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => {
          const first = r.hops[0]!;
          const preflight = isPreflightRecord(r);
          return (
            <tr key={r.requestId} data-request-id={r.requestId} data-preflight={preflight ? 'true' : 'false'}>
              <td class="method">{first.method}</td>
              <td class="url" title={first.url}>
                {first.url}
              </td>
              <td class="status">{statusOf(r)}</td>
              <td class="type">{r.type}</td>
              <td class="preflight">{preflight ? 'preflight' : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
