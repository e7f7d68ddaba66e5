import { useEffect, useRef, useState } from 'preact/hooks';
import { usePanel } from '../context.ts';

/** A button that copies text and says whether it worked (`data-copy-status` is for tests). */
export function CopyButton({ label, text, name }: { label: string; text: () => string; name: string }) {
  const { copy } = usePanel();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const onClick = async () => {
    const ok = await copy(text());
    setStatus(ok ? 'copied' : 'failed');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setStatus('idle'), 2000);
  };
  return (
    <button type="button" class="copy" data-copy={name} data-copy-status={status} onClick={onClick}>
      {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed' : label}
    </button>
  );
}
