/**
 * Pairs preflights with the hops that waited for them, by content rather than order: browsers
 * report the events of a request and its preflight in different orders (Chromium: the main
 * request's onBeforeRequest, then the preflight's events, then the main request's onSendHeaders;
 * Firefox otherwise), and concurrent identical requests each get their own preflight.
 *
 * Every preflight and hop is described by the same facts; a pair is possible when they agree
 * (same tab, URL, method, Origin, header names, timing that allows it, and outcome: a hop the
 * server answered did not wait for a preflight that failed). Among the possible
 * pairings, a maximum matching is chosen, preferring for each preflight the earliest hop — which
 * is the order in which browsers issue preflights.
 */
import type { Header } from '../model/header.ts';
import { requestedHeaderNames, requestedMethod } from './headers.ts';

export interface PreflightFacts {
  key: string;
  /** Partition for pairing: tab (live capture) or page (HAR); '' when unknown. */
  scope: string;
  url: string;
  headers: readonly Header[];
  startedAt?: number;
  endedAt?: number;
  /** It failed whatever its headers said (answered outside 2xx, or a network error): its request was never sent. */
  failed?: boolean;
}

export interface HopFacts {
  key: string;
  scope: string;
  url: string;
  method: string;
  /** The Origin the browser sent, or would have sent, at this hop ('null' after a tainting redirect); unknown when absent. */
  origins?: readonly string[];
  /** Lower-case names of the headers this hop carried, when known. */
  headerNames?: ReadonlySet<string>;
  startedAt?: number;
  /** When the hop went on the wire; a preflight it waited for ended before. */
  sentAt?: number;
  /** When the hop ended; its preflight started before. */
  endedAt?: number;
  /** The server answered it: its preflight, if it had one, passed. */
  answered?: boolean;
}

/** Fetch §4.8 CORS-preflight fetch step 7: only an ok status (2xx) can pass; a redirect fails too. */
export const preflightFailed = (status: number | undefined, error: string | undefined): boolean =>
  error !== undefined || (status !== undefined && (status < 200 || status > 299));

/** Slack for timestamps rounded to milliseconds (HAR) or taken on different threads. */
export const CLOCK_SLACK_MS = 2;

export function compatible(p: PreflightFacts, h: HopFacts): boolean {
  if (p.scope !== h.scope || p.url !== h.url) return false;
  if (requestedMethod(p.headers) !== h.method) return false;
  if (p.failed && h.answered) return false;
  const origin = p.headers.find((x) => x.name.toLowerCase() === 'origin')?.value;
  if (origin !== undefined && h.origins && !h.origins.includes(origin)) return false;
  if (h.headerNames) {
    for (const name of requestedHeaderNames(p.headers)) if (!h.headerNames.has(name)) return false;
  }
  if (p.startedAt !== undefined) {
    if (h.startedAt !== undefined && p.startedAt + CLOCK_SLACK_MS < h.startedAt) return false;
    if (h.sentAt !== undefined && p.startedAt > h.sentAt + CLOCK_SLACK_MS) return false;
    if (h.endedAt !== undefined && p.startedAt > h.endedAt + CLOCK_SLACK_MS) return false;
  }
  if (p.endedAt !== undefined && h.sentAt !== undefined && p.endedAt > h.sentAt + CLOCK_SLACK_MS) return false;
  return true;
}

export const byTime = <T extends { startedAt?: number; key: string }>(a: T, b: T) =>
  (a.startedAt ?? 0) - (b.startedAt ?? 0) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Maximum bipartite matching (Kuhn's augmenting paths) between preflights and hops of one group.
 * Returns preflight key → hop key. One-shot; ./group-pairing.ts keeps the same result up to date
 * for a group that grows (live capture).
 */
export function pairPreflights(preflights: readonly PreflightFacts[], hops: readonly HopFacts[]): Map<string, string> {
  const ps = [...preflights].sort(byTime);
  const hs = [...hops].sort(byTime);
  const options = ps.map((p) => hs.filter((h) => compatible(p, h)));
  const hopOwner = new Map<string, number>();

  // Take the earliest free hop; only when none is free, move an earlier preflight to another of
  // its hops (an augmenting path), so that FIFO order holds wherever it can.
  const tryAssign = (i: number, seen: Set<string>): boolean => {
    for (const h of options[i]!) {
      if (!hopOwner.has(h.key) && !seen.has(h.key)) {
        seen.add(h.key);
        hopOwner.set(h.key, i);
        return true;
      }
    }
    for (const h of options[i]!) {
      if (seen.has(h.key)) continue;
      seen.add(h.key);
      if (tryAssign(hopOwner.get(h.key)!, seen)) {
        hopOwner.set(h.key, i);
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < ps.length; i++) tryAssign(i, new Set());

  const out = new Map<string, string>();
  for (const [hopKey, i] of hopOwner) out.set(ps[i]!.key, hopKey);
  return out;
}
