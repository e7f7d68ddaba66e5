import type { Header } from '../../../src/model/index.ts';
import { LongText } from './LongText.tsx';
import { Net } from './Net.tsx';

/** Header names that take part in CORS or in cookies: highlighted wherever headers are listed. */
export function isCorsRelevant(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n.startsWith('access-control-') ||
    n === 'origin' ||
    n === 'vary' ||
    n === 'cookie' ||
    n === 'set-cookie' ||
    n === 'authorization' ||
    n === 'location' ||
    n === 'timing-allow-origin' ||
    n === 'cross-origin-resource-policy'
  );
}

/** Headers in wire order, names in monospace, CORS-relevant ones highlighted. */
export function HeaderTable({ headers, label }: { headers: readonly Header[]; label: string }) {
  if (headers.length === 0) return <p class="none">No {label.toLowerCase()} were captured.</p>;
  return (
    <table class="headers" aria-label={label}>
      <tbody>
        {headers.map((h, i) => {
          const cors = isCorsRelevant(h.name);
          return (
            <tr key={i} class={cors ? 'cors' : undefined} data-cors={cors ? 'true' : undefined}>
              <th scope="row">
                <Net value={h.name} />
              </th>
              <td>
                <LongText value={h.value} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
