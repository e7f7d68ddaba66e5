import { visibleParts } from '../display.ts';

/**
 * A value from the network (URL, header, cookie): rendered as text, isolated from the
 * surrounding text's direction, with control and bidi characters shown as escapes (`\u202E`,
 * `\x07`) rather than obeyed.
 */
export function Net({ value, class: cls }: { value: string; class?: string }) {
  const parts = visibleParts(value);
  return (
    <bdi class={cls ? `net ${cls}` : 'net'}>
      {parts.length === 1 && !parts[0]!.escaped
        ? value
        : parts.map((p, i) =>
            p.escaped ? (
              <span key={i} class="esc" title="An invisible character, shown escaped">
                {p.text}
              </span>
            ) : (
              p.text
            ),
          )}
    </bdi>
  );
}
