import { describe, expect, it } from 'vitest';
import { HeldRecords } from './held.ts';

describe('HeldRecords', () => {
  it('drops the records that started first, whatever order they came in, each once', () => {
    const held = new HeldRecords();
    const starts = [50, 10, 30, 30, 20, 40];
    starts.forEach((startedAt, i) => held.add({ tabId: 1, requestId: String(i), startedAt }));
    held.add({ tabId: 1, requestId: '1', startedAt: 10 }); // seen again: still one
    expect(held.size).toBe(6);
    expect(held.dropBeyond(3).map((r) => r.requestId)).toEqual(['1', '4', '2']);
    expect(held.dropBeyond(3)).toEqual([]);
    held.add({ tabId: 1, requestId: '9', startedAt: 5 });
    expect(held.dropBeyond(3).map((r) => r.requestId)).toEqual(['9']);
    expect(held.dropBeyond(1).map((r) => r.requestId)).toEqual(['3', '5']);
  });

  it('keeps up with a long capture at its cap', () => {
    const held = new HeldRecords();
    const dropped: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      held.add({ tabId: 1, requestId: String(i), startedAt: i });
      dropped.push(...held.dropBeyond(5000).map((r) => r.requestId));
    }
    expect(held.size).toBe(5000);
    expect(dropped).toEqual(Array.from({ length: 15_000 }, (_, i) => String(i)));
  });
});
