// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { Evaluation } from '../../../src/model/index.ts';
import { ResponseHeaders } from './ResponseHeaders.tsx';

afterEach(cleanup);

describe('ResponseHeaders', () => {
  it('shows why a header is hidden, with the detail of an unparseable expose list as text', () => {
    const evaluation = {
      readable: [{ name: 'content-type', reason: 'safelisted' }],
      hiddenResponseHeaders: [
        { name: 'x-a', reason: 'not-safelisted', detail: 'Access-Control-Expose-Headers could not be parsed: `;` after `x-a`\u202E <b>x</b>' },
        { name: 'set-cookie', reason: 'never-readable' },
      ],
    } as unknown as Evaluation;
    const { container } = render(<ResponseHeaders evaluation={evaluation} />);
    const rows = [...container.querySelectorAll('tbody tr[data-readable="false"]')];
    expect(rows.map((r) => r.querySelector('td:last-child')!.textContent)).toEqual([
      'not safelisted, and not in Access-Control-Expose-Headers' + 'Access-Control-Expose-Headers could not be parsed: `;` after `x-a`\\u202E <b>x</b>',
      'never readable from JavaScript',
    ]);
    expect(container.querySelector('b')).toBeNull();
    expect(container.querySelectorAll('.hidden-detail')).toHaveLength(1);
  });
});
