/**
 * The typed messages between the background and a DevTools panel, over one long-lived port per
 * inspected tab (`runtime.connect({ name: PORT_NAME })`). Every message carries the protocol
 * version; both ends validate what they receive at run time and drop what does not parse.
 */
import * as v from 'valibot';
import type { WebRequestRecord } from '../src/model/webrequest.ts';

export const PROTOCOL_VERSION = 1 as const;
export const PORT_NAME = 'cors-lens/panel';
/** The range of the per-tab cap a panel may set (`set-cap`). */
export const CAP_PER_TAB = { min: 100, max: 100_000 } as const;

const HeaderSchema = v.object({ name: v.string(), value: v.string() });

const HopSchema = v.object({
  url: v.string(),
  method: v.string(),
  requestHeaders: v.optional(v.array(HeaderSchema)),
  statusCode: v.optional(v.number()),
  statusLine: v.optional(v.string()),
  responseHeaders: v.optional(v.array(HeaderSchema)),
  redirectUrl: v.optional(v.string()),
  ip: v.optional(v.string()),
  fromCache: v.optional(v.boolean()),
  sent: v.boolean(),
  // When the hop started and was sent: correlation pairs preflights by them (src/correlate/pairing.ts).
  startedAt: v.optional(v.number()),
  sentAt: v.optional(v.number()),
});

export const RecordSchema = v.object({
  requestId: v.string(),
  tabId: v.number(),
  frameId: v.optional(v.number()),
  type: v.string(),
  initiator: v.optional(v.string()),
  documentUrl: v.optional(v.string()),
  startedAt: v.number(),
  endedAt: v.optional(v.number()),
  hops: v.array(HopSchema),
  error: v.optional(v.string()),
  state: v.picklist(['pending', 'complete', 'error']),
  revision: v.number(),
});

const Versioned = { v: v.literal(PROTOCOL_VERSION) };

/** Panel → background. */
export const PanelMessageSchema = v.variant('type', [
  v.object({ ...Versioned, type: v.literal('subscribe'), tabId: v.number() }),
  v.object({ ...Versioned, type: v.literal('clear'), tabId: v.number() }),
  v.object({ ...Versioned, type: v.literal('set-preserve-log'), tabId: v.number(), preserveLog: v.boolean() }),
  /** How many requests each tab keeps before the oldest are dropped (and counted). */
  v.object({ ...Versioned, type: v.literal('set-cap'), capPerTab: v.pipe(v.number(), v.integer(), v.minValue(CAP_PER_TAB.min), v.maxValue(CAP_PER_TAB.max)) }),
]);
export type PanelMessage = v.InferOutput<typeof PanelMessageSchema>;

/** Background → panel. */
export const BackgroundMessageSchema = v.variant('type', [
  v.object({
    ...Versioned,
    type: v.literal('snapshot'),
    tabId: v.number(),
    records: v.array(RecordSchema),
    dropped: v.number(),
    preserveLog: v.boolean(),
    capPerTab: v.number(),
  }),
  /** New or changed records, batched; a record replaces the one with the same requestId. */
  v.object({ ...Versioned, type: v.literal('records'), tabId: v.number(), records: v.array(RecordSchema), dropped: v.number() }),
  v.object({ ...Versioned, type: v.literal('cleared'), tabId: v.number() }),
]);
export type BackgroundMessage = v.InferOutput<typeof BackgroundMessageSchema>;

// The schema and the core's type must describe the same record.
type Assert<T extends true> = T;
export type _RecordMatchesCore = Assert<v.InferOutput<typeof RecordSchema> extends WebRequestRecord ? true : false>;

export function parsePanelMessage(raw: unknown): PanelMessage | null {
  const r = v.safeParse(PanelMessageSchema, raw);
  return r.success ? r.output : null;
}

export function parseBackgroundMessage(raw: unknown): BackgroundMessage | null {
  const r = v.safeParse(BackgroundMessageSchema, raw);
  return r.success ? r.output : null;
}
