/**
 * webRequest listeners: copy each event's details into the core's WebRequestEvent and hand it on.
 * Chrome shows preflights, Origin, Cookie and Set-Cookie only to listeners that ask for
 * `extraHeaders`; Firefox rejects that value, so it is decided at build time and the Firefox bundle
 * never contains it.
 */
import browser, { type WebRequest } from 'webextension-polyfill';
import type { Header } from '../../src/model/header.ts';
import type { WebRequestEvent, WebRequestEventName } from '../../src/model/webrequest.ts';
import { CAPTURE_URLS } from './capture-urls.ts';

const IS_CHROME = import.meta.env.MODE !== 'firefox';
const FILTER: WebRequest.RequestFilter = { urls: CAPTURE_URLS };

type RawHeader = { name: string; value?: string; binaryValue?: number[] };

function headers(list: RawHeader[] | undefined): Header[] | undefined {
  if (!list) return undefined;
  return list.map((h) => ({
    name: h.name,
    value: h.value ?? (h.binaryValue ? String.fromCharCode(...h.binaryValue.slice(0, 65536)) : ''),
  }));
}

// The union of the details objects of the events we listen to; each carries a subset.
type AnyDetails = WebRequest.OnBeforeRequestDetailsType &
  Partial<WebRequest.OnBeforeSendHeadersDetailsType> &
  Partial<WebRequest.OnHeadersReceivedDetailsType> &
  Partial<WebRequest.OnBeforeRedirectDetailsType> &
  Partial<WebRequest.OnErrorOccurredDetailsType> & { initiator?: string };

export function toEvent(event: WebRequestEventName, d: AnyDetails): WebRequestEvent {
  const ev: WebRequestEvent = {
    event,
    requestId: String(d.requestId),
    tabId: d.tabId,
    url: d.url,
    method: d.method,
    type: d.type,
    timeStamp: d.timeStamp,
  };
  if (d.frameId !== undefined) ev.frameId = d.frameId;
  if (d.initiator !== undefined) ev.initiator = d.initiator;
  if (d.originUrl !== undefined) ev.originUrl = d.originUrl;
  if (d.documentUrl !== undefined) ev.documentUrl = d.documentUrl;
  const req = headers(d.requestHeaders as RawHeader[] | undefined);
  if (req) ev.requestHeaders = req;
  const res = headers(d.responseHeaders as RawHeader[] | undefined);
  if (res) ev.responseHeaders = res;
  if (d.statusCode !== undefined) ev.statusCode = d.statusCode;
  if (d.statusLine !== undefined) ev.statusLine = d.statusLine;
  if (d.redirectUrl !== undefined) ev.redirectUrl = d.redirectUrl;
  if (d.ip !== undefined) ev.ip = d.ip;
  if (d.fromCache !== undefined) ev.fromCache = d.fromCache;
  if (d.error !== undefined) ev.error = d.error;
  return ev;
}

/** Registers every listener. Must run synchronously when the worker starts, or events are missed. */
export function startCapture(onEvent: (ev: WebRequestEvent) => void): void {
  const wr = browser.webRequest;
  const extra = (spec: string[]) => (IS_CHROME ? [...spec, 'extraHeaders'] : spec) as never;
  const on =
    (name: WebRequestEventName) =>
    (details: unknown): undefined => {
      try {
        onEvent(toEvent(name, details as AnyDetails));
      } catch (err) {
        console.warn(`cors-lens: could not record webRequest ${name}:`, err);
      }
      return undefined;
    };
  wr.onBeforeRequest.addListener(on('beforeRequest'), FILTER);
  wr.onSendHeaders.addListener(on('sendHeaders'), FILTER, extra(['requestHeaders']));
  wr.onHeadersReceived.addListener(on('headersReceived'), FILTER, extra(['responseHeaders']));
  wr.onBeforeRedirect.addListener(on('beforeRedirect'), FILTER, extra(['responseHeaders']));
  wr.onResponseStarted.addListener(on('responseStarted'), FILTER, extra(['responseHeaders']));
  wr.onCompleted.addListener(on('completed'), FILTER, extra(['responseHeaders']));
  wr.onErrorOccurred.addListener(on('errorOccurred'), FILTER);
}
