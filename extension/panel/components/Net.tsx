import { visible } from '../display.ts';

/**
 * A value from the network (URL, header, cookie): rendered as text, isolated from the
 * surrounding text's direction, with control and bidi characters shown rather than obeyed.
 */
export function Net({ value, class: cls }: { value: string; class?: string }) {
  return <bdi class={cls ? `net ${cls}` : 'net'}>{visible(value)}</bdi>;
}
