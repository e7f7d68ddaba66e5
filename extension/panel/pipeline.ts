/**
 * From the background's messages to the list's entries: records → flows (the correlator) →
 * evaluations (the core's IncrementalAnalysis, which gives what analyzeFlows gives the CLI) →
 * entries. Each step is incremental, and an entry keeps its identity while its flow and evaluation
 * do, so the list re-renders only rows that changed. What the DevTools network panel reports
 * (`hint`) makes the flows it matches exact: fetch or XMLHttpRequest, which webRequest cannot tell.
 */
import { devtoolsEntryOf, MAX_DEVTOOLS_ENTRIES, type DevtoolsEntry } from '../../src/correlate/devtools-hints.ts';
import { Correlator } from '../../src/correlate/webrequest.ts';
import { IncrementalAnalysis, type AnalyzedFlow } from '../../src/evaluate/index.ts';
import type { BrowserName, EvaluationContext, Flow } from '../../src/model/index.ts';
import type { WebRequestRecord } from '../../src/model/webrequest.ts';
import type { BackgroundMessage } from '../protocol.ts';
import { entryOf, type FlowEntry } from './entry.ts';
import { HeldRecords } from './held.ts';

export interface PipelineOptions {
  browser: BrowserName;
  /** A desktop browser's default; the evaluator says which assumption a cookie verdict rests on. */
  thirdPartyCookies?: EvaluationContext['thirdPartyCookies'];
  now: number;
}

export class FlowPipeline {
  private correlator: Correlator;
  private analysis: IncrementalAnalysis;
  /** Entries by flow id, to keep an entry while its flow and evaluation stay; and the last result. */
  private entries = new Map<string, FlowEntry>();
  private last: { analyzed: AnalyzedFlow[]; entries: FlowEntry[] } = { analyzed: [], entries: [] };
  /** The records held, to drop the oldest past the background's cap. */
  private held = new HeldRecords();
  private cap = Infinity;
  /** DevTools' entries so far, given again to the correlator after a snapshot restarts it. */
  private hints: DevtoolsEntry[] = [];

  constructor(private readonly opts: PipelineOptions) {
    this.correlator = new Correlator({ browser: { name: opts.browser } });
    this.analysis = new IncrementalAnalysis({ browser: opts.browser, thirdPartyCookies: opts.thirdPartyCookies ?? 'allowed', now: opts.now });
  }

  /** Applies one message; returns the new entries, in the order the page made the requests. */
  receive(msg: BackgroundMessage): FlowEntry[] {
    switch (msg.type) {
      case 'snapshot':
        this.clear();
        this.cap = msg.capPerTab;
        if (this.hints.length) this.correlator.hint(this.hints);
        return this.add(msg.records);
      case 'records':
        return this.add(msg.records);
      case 'cleared':
        this.clear();
        this.hints = [];
        return [];
    }
  }

  /**
   * Takes HAR entries from `devtools.network` (onRequestFinished, getHAR), checked here since they
   * come from outside; returns the new entries.
   */
  hint(raw: readonly unknown[]): FlowEntry[] {
    const entries = raw.map(devtoolsEntryOf).filter((e): e is DevtoolsEntry => e !== null);
    this.hints.push(...entries);
    if (this.hints.length > MAX_DEVTOOLS_ENTRIES) this.hints.splice(0, this.hints.length - MAX_DEVTOOLS_ENTRIES);
    return this.present(this.correlator.hint(entries));
  }

  private add(records: readonly WebRequestRecord[]): FlowEntry[] {
    for (const r of records) this.held.add(r);
    let flows = this.correlator.update(records);
    // The background keeps at most `cap` records per tab and drops the oldest; do the same.
    const oldest = this.held.dropBeyond(this.cap);
    if (oldest.length) {
      const byTab = new Map<number, string[]>();
      for (const r of oldest) byTab.set(r.tabId, [...(byTab.get(r.tabId) ?? []), r.requestId]);
      for (const [tabId, ids] of byTab) flows = this.correlator.remove(ids, tabId);
    }
    return this.present(flows);
  }

  private present(flows: Flow[]): FlowEntry[] {
    const analyzed = this.analysis.update(flows);
    const out = analyzed.map((a, i) => {
      // Unchanged at the same place (most of the list, batch after batch): the same entry.
      if (this.last.analyzed[i] === a) return this.last.entries[i]!;
      const prev = this.entries.get(a.flow.id);
      if (prev && prev.flow === a.flow && prev.evaluation === a.evaluation) return prev;
      const entry = entryOf(a.flow, a.evaluation);
      this.entries.set(a.flow.id, entry);
      return entry;
    });
    // Forget the entries of flows gone (evicted, cleared) now and then, not on every batch.
    if (this.entries.size > 2 * out.length + 1000) this.entries = new Map(out.map((e) => [e.flow.id, e]));
    this.last = { analyzed, entries: out };
    return out.slice();
  }

  private clear(): void {
    this.correlator.clear();
    this.analysis.clear();
    this.entries.clear();
    this.last = { analyzed: [], entries: [] };
    this.held.clear();
  }
}
