import { describe, expect, it } from 'vitest';
import { parseBackgroundMessage, parsePanelMessage, PROTOCOL_VERSION } from './protocol.ts';

const record = {
  requestId: '1',
  tabId: 3,
  type: 'xmlhttprequest',
  startedAt: 1,
  hops: [{ url: 'https://a.test/', method: 'GET', sent: true, requestHeaders: [{ name: 'Origin', value: 'https://b.test' }] }],
  state: 'pending',
  revision: 0,
};

describe('protocol', () => {
  it('accepts well-formed messages of this version', () => {
    expect(parsePanelMessage({ v: PROTOCOL_VERSION, type: 'subscribe', tabId: 3 })).toEqual({ v: 1, type: 'subscribe', tabId: 3 });
    expect(parseBackgroundMessage({ v: 1, type: 'records', tabId: 3, records: [record], dropped: 0 })).not.toBeNull();
    expect(parseBackgroundMessage({ v: 1, type: 'snapshot', tabId: 3, records: [], dropped: 2, preserveLog: true, capPerTab: 5000 })).not.toBeNull();
    expect(parsePanelMessage({ v: 1, type: 'set-cap', capPerTab: 2000 })).not.toBeNull();
  });

  it('rejects other versions, unknown types and malformed fields', () => {
    expect(parsePanelMessage({ v: 2, type: 'subscribe', tabId: 3 })).toBeNull();
    expect(parsePanelMessage({ v: 1, type: 'delete-everything', tabId: 3 })).toBeNull();
    expect(parsePanelMessage({ v: 1, type: 'subscribe', tabId: '3' })).toBeNull();
    expect(parsePanelMessage(null)).toBeNull();
    expect(parsePanelMessage({ v: 1, type: 'set-cap', capPerTab: 5 })).toBeNull();
    expect(parseBackgroundMessage({ v: 1, type: 'records', tabId: 3, records: [{ ...record, hops: [{ url: 1 }] }], dropped: 0 })).toBeNull();
    expect(parseBackgroundMessage({ v: 1, type: 'records', tabId: 3, records: [{ ...record, state: 'weird' }], dropped: 0 })).toBeNull();
  });
});
