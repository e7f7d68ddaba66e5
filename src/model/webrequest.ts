import type { Header } from './header.ts';

/**
 * One webRequest event, reduced to the fields cors-lens uses. The extension copies these from the
 * browser's `details` objects (Chrome and Firefox name them alike); the core never sees `browser.*`.
 */
export type WebRequestEventName =
  | 'beforeRequest'
  | 'sendHeaders'
  | 'headersReceived'
  | 'beforeRedirect'
  | 'responseStarted'
  | 'completed'
  | 'errorOccurred';

export interface WebRequestEvent {
  event: WebRequestEventName;
  requestId: string;
  tabId: number;
  frameId?: number;
  url: string;
  method: string;
  /** webRequest ResourceType: xmlhttprequest, main_frame, script, image, … */
  type: string;
  timeStamp: number;
  /** Chrome: the origin that initiated the request. */
  initiator?: string;
  /** Firefox: URL of the document or resource that triggered it. */
  originUrl?: string;
  documentUrl?: string;
  requestHeaders?: Header[];
  responseHeaders?: Header[];
  statusCode?: number;
  statusLine?: string;
  redirectUrl?: string;
  ip?: string;
  fromCache?: boolean;
  error?: string;
}

/** One URL of a captured request's redirect chain, as webRequest saw it. */
export interface WebRequestHop {
  url: string;
  method: string;
  requestHeaders?: Header[];
  statusCode?: number;
  statusLine?: string;
  responseHeaders?: Header[];
  redirectUrl?: string;
  ip?: string;
  fromCache?: boolean;
  /** onSendHeaders fired: the request went on the wire. */
  sent: boolean;
  /**
   * When this hop started (its onBeforeRequest, or the redirect that made it) and when it was sent
   * (onSendHeaders). Correlation uses them to pair a preflight with the hop that waited for it.
   */
  startedAt?: number;
  sentAt?: number;
}

/**
 * Everything webRequest reported for one requestId. Chrome keeps the requestId across redirects,
 * so a record holds every hop. A preflight has a record of its own.
 */
export interface WebRequestRecord {
  requestId: string;
  tabId: number;
  frameId?: number;
  type: string;
  initiator?: string;
  documentUrl?: string;
  startedAt: number;
  endedAt?: number;
  hops: WebRequestHop[];
  error?: string;
  state: 'pending' | 'complete' | 'error';
  /** Bumped on every event, so that consumers can tell a changed record cheaply. */
  revision: number;
}
