import { useState } from 'preact/hooks';
import type { ServerKind } from '../../../src/model/index.ts';
import { CopyButton } from './CopyButton.tsx';

const SERVERS: { kind: ServerKind; label: string }[] = [
  { kind: 'express', label: 'Express' },
  { kind: 'nginx', label: 'nginx' },
  { kind: 'apache', label: 'Apache' },
  { kind: 'flask', label: 'Flask' },
  { kind: 'django', label: 'Django' },
];

/** The fix as configuration for common servers, one tab each (those the core wrote a snippet for). */
export function Snippets({ snippets, id }: { snippets: Partial<Record<ServerKind, string>>; id: string }) {
  const available = SERVERS.filter((s) => snippets[s.kind]);
  const [chosen, setChosen] = useState<ServerKind | null>(null);
  if (available.length === 0) return null;
  const current = available.find((s) => s.kind === chosen) ?? available[0]!;
  const onKeyDown = (e: KeyboardEvent) => {
    const i = available.indexOf(current);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const s = available[(next + available.length) % available.length]!;
    setChosen(s.kind);
    (e.currentTarget as HTMLElement).querySelector<HTMLElement>(`#${id}-tab-${s.kind}`)?.focus();
  };
  return (
    <div class="snippets">
      <div class="snippet-bar">
        <div class="tabs" role="tablist" aria-label="Server configuration" onKeyDown={onKeyDown}>
          {available.map((s) => (
            <button
              key={s.kind}
              type="button"
              role="tab"
              id={`${id}-tab-${s.kind}`}
              aria-selected={s === current ? 'true' : 'false'}
              aria-controls={`${id}-panel`}
              tabIndex={s === current ? 0 : -1}
              onClick={() => setChosen(s.kind)}
            >
              {s.label}
            </button>
          ))}
        </div>
        {/* Outside the tablist: a tablist holds only tabs, and its arrow keys move between them. */}
        <CopyButton name="snippet" label="Copy snippet" text={() => snippets[current.kind] ?? ''} />
      </div>
      <pre class="snippet" role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${current.kind}`} data-server={current.kind}>
        <code>{snippets[current.kind]}</code>
      </pre>
    </div>
  );
}
