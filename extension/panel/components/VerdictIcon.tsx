import type { Verdict } from '../../../src/model/index.ts';

const ICONS: Record<Verdict, { glyph: string; label: string; tone: string }> = {
  blocked: { glyph: '✕', label: 'Blocked by CORS', tone: 'error' },
  failed: { glyph: '!', label: 'Network failure (not CORS)', tone: 'error' },
  allowed: { glyph: '✓', label: 'Allowed', tone: 'ok' },
  'not-cors': { glyph: '–', label: 'CORS does not apply', tone: 'dim' },
  pending: { glyph: '…', label: 'In flight', tone: 'dim' },
};

/** The verdict as a shape and a colour (never colour alone), with its name for screen readers. */
export function VerdictIcon({ verdict, warnings }: { verdict: Verdict; warnings: number }) {
  const icon = ICONS[verdict];
  const warned = warnings > 0 && verdict !== 'blocked' && verdict !== 'failed';
  const label = warned ? `${icon.label}, ${warnings} warning${warnings === 1 ? '' : 's'}` : icon.label;
  return (
    <span class={`verdict-icon ${warned ? 'warning' : icon.tone}`} role="img" aria-label={label} title={label} data-verdict={verdict}>
      {warned ? '▲' : icon.glyph}
    </span>
  );
}
