/** The panel's state: the records of the inspected tab, as signals. */
import { signal } from '@preact/signals';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import type { BackgroundMessage } from '../protocol.ts';

export const records = signal<WebRequestRecord[]>([]);
export const dropped = signal(0);
export const preserveLog = signal(false);
/** Set once the first snapshot arrived: the panel is listening. Tests wait for it. */
export const connected = signal(false);
/** URL of the inspected page, shown in the toolbar (and used by tests to find the right DevTools window). */
export const inspectedUrl = signal('');

export function receive(msg: BackgroundMessage): void {
  switch (msg.type) {
    case 'snapshot':
      records.value = msg.records;
      dropped.value = msg.dropped;
      preserveLog.value = msg.preserveLog;
      connected.value = true;
      break;
    case 'records': {
      const byId = new Map(records.value.map((r) => [r.requestId, r] as const));
      for (const r of msg.records) byId.set(r.requestId, r);
      records.value = [...byId.values()].sort((a, b) => a.startedAt - b.startedAt);
      dropped.value = msg.dropped;
      break;
    }
    case 'cleared':
      records.value = [];
      dropped.value = 0;
      break;
  }
}
