import { segments } from '../../../src/explain/code-spans.ts';
import { Net } from './Net.tsx';

/**
 * An explanation text (why, fix, cookie reason) whose `code spans` mark header names and values:
 * the spans become <code>, everything stays text (never HTML), and values from the network keep
 * their control and bidi characters shown as escapes.
 */
export function Prose({ text }: { text: string }) {
  return (
    <>
      {segments(text).map((s, i) =>
        s.code ? (
          <code key={i} class="inline">
            <Net value={s.text} />
          </code>
        ) : (
          <Net key={i} value={s.text} />
        ),
      )}
    </>
  );
}
