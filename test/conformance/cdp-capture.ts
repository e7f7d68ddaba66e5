/**
 * Collects what Chromium reports over the DevTools protocol about the requests a page makes: the
 * Network events (with their ExtraInfo twins that carry raw headers and cookie outcomes), console
 * lines (`Log.entryAdded`) and issues (`Audits.issueAdded`). One capture per page; the page runs
 * one scenario at a time, so everything between `reset()` and the end belongs to that scenario.
 */
import type { Protocol } from 'devtools-protocol';
import type { CDPSession } from 'puppeteer';

export interface CapturedRequest {
  requestId: string;
  /** One per hop: the first request, then one per followed redirect. */
  willBeSent: Protocol.Network.RequestWillBeSentEvent[];
  /** Raw request headers and associated cookies, one per request that went on the wire. */
  extraRequests: Protocol.Network.RequestWillBeSentExtraInfoEvent[];
  /** Raw response headers and blocked cookies, one per response received (redirects included). */
  extraResponses: Protocol.Network.ResponseReceivedExtraInfoEvent[];
  responses: Protocol.Network.ResponseReceivedEvent[];
  failed?: Protocol.Network.LoadingFailedEvent;
  finished: boolean;
}

export interface Captured {
  requests: Map<string, CapturedRequest>;
  log: Protocol.Log.LogEntry[];
  issues: Protocol.Audits.InspectorIssue[];
}

const NETWORK_EVENTS = [
  'Network.requestWillBeSent',
  'Network.requestWillBeSentExtraInfo',
  'Network.responseReceived',
  'Network.responseReceivedExtraInfo',
  'Network.loadingFailed',
  'Network.loadingFinished',
] as const;

/**
 * DevTools reports a request's URL parsed (non-ASCII percent-encoded) and without its fragment
 * (`urlFragment` apart); compare URLs that way.
 */
export function sameUrlSansFragment(a: string, b: string): boolean {
  const norm = (u: string) => {
    const bare = u.split('#', 1)[0]!;
    try {
      return new URL(bare).href;
    } catch {
      return bare;
    }
  };
  return norm(a) === norm(b);
}

export class PageCapture {
  private requests = new Map<string, CapturedRequest>();
  private log: Protocol.Log.LogEntry[] = [];
  private issues: Protocol.Audits.InspectorIssue[] = [];
  private lastEventAt = Date.now();

  private constructor(readonly session: CDPSession) {}

  static async attach(session: CDPSession): Promise<PageCapture> {
    const capture = new PageCapture(session);
    for (const name of NETWORK_EVENTS) session.on(name, (e: { requestId: string }) => capture.onNetwork(name, e));
    session.on('Log.entryAdded', (e: Protocol.Log.EntryAddedEvent) => {
      capture.lastEventAt = Date.now();
      capture.log.push(e.entry);
    });
    session.on('Audits.issueAdded', (e: Protocol.Audits.IssueAddedEvent) => {
      capture.lastEventAt = Date.now();
      capture.issues.push(e.issue);
    });
    await session.send('Network.enable');
    await session.send('Log.enable');
    await session.send('Audits.enable');
    return capture;
  }

  private entry(requestId: string): CapturedRequest {
    let r = this.requests.get(requestId);
    if (!r) {
      r = { requestId, willBeSent: [], extraRequests: [], extraResponses: [], responses: [], finished: false };
      this.requests.set(requestId, r);
    }
    return r;
  }

  private onNetwork(name: (typeof NETWORK_EVENTS)[number], e: { requestId: string }): void {
    this.lastEventAt = Date.now();
    const r = this.entry(e.requestId);
    switch (name) {
      case 'Network.requestWillBeSent':
        r.willBeSent.push(e as Protocol.Network.RequestWillBeSentEvent);
        break;
      case 'Network.requestWillBeSentExtraInfo':
        r.extraRequests.push(e as Protocol.Network.RequestWillBeSentExtraInfoEvent);
        break;
      case 'Network.responseReceived':
        r.responses.push(e as Protocol.Network.ResponseReceivedEvent);
        break;
      case 'Network.responseReceivedExtraInfo':
        r.extraResponses.push(e as Protocol.Network.ResponseReceivedExtraInfoEvent);
        break;
      case 'Network.loadingFailed':
        r.failed = e as Protocol.Network.LoadingFailedEvent;
        break;
      case 'Network.loadingFinished':
        r.finished = true;
        break;
    }
  }

  reset(): void {
    this.requests = new Map();
    this.log = [];
    this.issues = [];
  }

  /** The main request: a fetch/XHR the page's script made to `url`. */
  main(url: string): CapturedRequest | undefined {
    for (const r of this.requests.values()) {
      const first = r.willBeSent[0];
      if (first && sameUrlSansFragment(first.request.url, url) && first.initiator.type === 'script') return r;
    }
    return undefined;
  }

  preflightsOf(mainId: string): CapturedRequest[] {
    return [...this.requests.values()].filter((r) => {
      const init = r.willBeSent[0]?.initiator;
      return init?.type === 'preflight' && init.requestId === mainId;
    });
  }

  /**
   * A CORS issue Blink raised for `url` before any network request existed (mode `same-origin` to
   * another origin, `no-cors` with a redirect mode other than `follow`): it names no request id.
   */
  corsIssueWithoutRequest(url: string): Protocol.Audits.CorsIssueDetails | undefined {
    for (const issue of this.issues) {
      const d = issue.details.corsIssueDetails;
      if (d && d.request.requestId === undefined && sameUrlSansFragment(d.request.url, url)) return d;
    }
    return undefined;
  }

  /**
   * Waits until the main request to `url` has ended (and its preflights) — or Blink refused it
   * before the network — then until no event has arrived for `quietMs` (console lines and
   * ExtraInfo events can trail `loadingFailed`).
   */
  async settle(url: string, opts: { timeoutMs?: number; quietMs?: number } = {}): Promise<CapturedRequest | undefined> {
    const deadline = Date.now() + (opts.timeoutMs ?? 5000);
    const quiet = opts.quietMs ?? 120;
    const ended = (r: CapturedRequest) => r.finished || r.failed !== undefined;
    while (Date.now() < deadline) {
      const main = this.main(url);
      const done = main ? ended(main) && this.preflightsOf(main.requestId).every(ended) : this.corsIssueWithoutRequest(url) !== undefined;
      if (done && Date.now() - this.lastEventAt >= quiet) return main;
      await new Promise((r) => setTimeout(r, 20));
    }
    return this.main(url);
  }

  snapshot(): Captured {
    return { requests: this.requests, log: this.log, issues: this.issues };
  }
}
