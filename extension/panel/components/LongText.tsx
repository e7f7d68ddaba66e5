import { useState } from 'preact/hooks';
import { clip } from '../display.ts';
import { Net } from './Net.tsx';

/** A network value that may be huge: the first part, and a button for the rest. */
export function LongText({ value }: { value: string }) {
  const [all, setAll] = useState(false);
  const { text, cut } = all ? { text: value, cut: 0 } : clip(value);
  return (
    <>
      <Net value={text} />
      {cut > 0 && (
        <button type="button" class="link more" onClick={() => setAll(true)}>
          … show {cut.toLocaleString('en')} more characters
        </button>
      )}
    </>
  );
}
