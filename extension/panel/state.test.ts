import { describe, expect, it } from 'vitest';
import { entryOf } from './entry.ts';
import { createPanelState } from './state.ts';
import { FIXTURES } from './test-fixtures.ts';

const entries = FIXTURES.map((f) => entryOf(f.flow, f.evaluation));

describe('panel state', () => {
  it('moves the selection among the shown flows and stops at the ends', () => {
    const s = createPanelState({ browser: 'chrome' });
    s.entries.value = entries;
    expect(s.move(1)).toBe(0);
    expect(s.selectedId.value).toBe('f-put');
    s.move(2);
    expect(s.selectedId.value).toBe('f-cred');
    s.move(100);
    expect(s.selectedId.value).toBe('f-redirect');
    s.move(-100);
    expect(s.selectedId.value).toBe('f-put');
  });
  it('keeps the selection and the open flow when new flows arrive before and after it', () => {
    const s = createPanelState({ browser: 'chrome' });
    s.entries.value = entries.slice(1, 3);
    s.open('f-cred');
    s.entries.value = entries;
    expect(s.selectedId.value).toBe('f-cred');
    expect(s.opened.value?.flow.id).toBe('f-cred');
  });
  it('moves within the filtered list', () => {
    const s = createPanelState({ browser: 'chrome' });
    s.entries.value = entries;
    s.setFilter({ failures: true });
    s.move(1);
    s.move(1);
    expect(s.selectedId.value).toBe('f-get');
    s.move(1);
    expect(s.selectedId.value).toBe('f-redirect');
  });
  it('forgets everything on reset', () => {
    const s = createPanelState({ browser: 'firefox' });
    s.entries.value = entries;
    s.open('f-get');
    s.reset();
    expect([s.entries.value.length, s.selectedId.value, s.opened.value]).toEqual([0, null, null]);
    expect(s.messageBrowser.value).toBe('firefox');
  });
});
