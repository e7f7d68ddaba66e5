import { useState } from 'preact/hooks';
import { usePanel } from '../context.ts';
import { exportFileName } from '../download.ts';
import { exportReport, FORMATS, type ExportFormat } from '../export.ts';

/** Exports the flows the list shows now as a report file; secrets stay redacted unless asked. */
export function ExportMenu() {
  const { state, download, now } = usePanel();
  const [format, setFormat] = useState<ExportFormat>('json');
  const [secrets, setSecrets] = useState(false);
  const [open, setOpen] = useState(false);
  const shown = state.visible.value.length;
  const save = () => {
    const f = FORMATS[format];
    download(exportFileName(now(), f.extension), exportReport(state.visible.value, format, secrets), f.type);
    setOpen(false);
  };
  return (
    <details class="export" open={open} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary role="button" aria-haspopup="dialog">
        Export
      </summary>
      <div class="export-popup" role="dialog" aria-label="Export a report">
        <fieldset>
          <legend>Format</legend>
          {(Object.keys(FORMATS) as ExportFormat[]).map((k) => (
            <label key={k} class="check">
              <input type="radio" name="export-format" value={k} checked={format === k} onChange={() => setFormat(k)} />
              {FORMATS[k].label}
            </label>
          ))}
        </fieldset>
        <label class="check">
          <input type="checkbox" name="export-secrets" checked={secrets} onChange={(e) => setSecrets((e.currentTarget as HTMLInputElement).checked)} />
          Include Cookie, Set-Cookie and Authorization values
        </label>
        <p class="hint">{secrets ? 'The file will hold credentials: share it with care.' : 'Those values are replaced by [redacted].'}</p>
        <button type="button" class="primary" onClick={save} disabled={shown === 0}>
          Download {shown} {shown === 1 ? 'flow' : 'flows'}
        </button>
      </div>
    </details>
  );
}
