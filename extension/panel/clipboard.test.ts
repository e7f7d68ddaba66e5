// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyText } from './clipboard.ts';
import { exportFileName } from './download.ts';

afterEach(() => vi.restoreAllMocks());

describe('copyText', () => {
  it('uses the async clipboard when the frame may', async () => {
    const writeText = vi.fn(async () => undefined);
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({ writeText } as unknown as Clipboard);
    expect(await copyText('hello')).toBe(true);
    expect(writeText).toHaveBeenCalledWith('hello');
  });

  it('falls back to a selected textarea and execCommand when the clipboard is refused', async () => {
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue({
      writeText: vi.fn(async () => {
        throw new DOMException('Write permission denied.', 'NotAllowedError');
      }),
    } as unknown as Clipboard);
    let selected = '';
    const exec = vi.fn((cmd: string) => {
      const area = document.querySelector('textarea')!;
      selected = area.value.slice(area.selectionStart ?? 0, area.selectionEnd ?? 0);
      return cmd === 'copy';
    });
    (document as unknown as { execCommand: typeof exec }).execCommand = exec;
    const button = document.body.appendChild(document.createElement('button'));
    button.focus();
    expect(await copyText("curl -i 'x'")).toBe(true);
    expect(exec).toHaveBeenCalledWith('copy');
    expect(selected).toBe("curl -i 'x'");
    expect(document.querySelector('textarea')).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it('says so when nothing could copy', async () => {
    vi.spyOn(navigator, 'clipboard', 'get').mockReturnValue(undefined as unknown as Clipboard);
    (document as unknown as { execCommand: () => boolean }).execCommand = () => false;
    expect(await copyText('x')).toBe(false);
  });
});

describe('exportFileName', () => {
  it('is safe on every file system', () => {
    expect(exportFileName(new Date('2026-11-29T21:05:09.123Z'), 'md')).toBe('cors-lens-2026-11-29T21-05-09.md');
  });
});
