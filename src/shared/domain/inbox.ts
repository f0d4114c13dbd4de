import { z } from 'zod'
import { PeriodName, TimeZone } from '../periods'
import { ProviderId } from '../providers'
import { AppErrorShape } from '../errors'
import { Answer, CustomerRef, Metric, ResponseKind, ResponseLinks, Scale, Sentiment } from './model'

/** A cached entity named across providers: `<connectionId>:<externalId>`. */
export const EntityRef = z.string().min(3).max(400).regex(/^[0-9a-f-]{36}:.+$/, 'Expected <connection id>:<id>')
export type EntityRef = z.infer<typeof EntityRef>

const Iso = z.string().datetime({ offset: true, message: 'Expected an ISO 8601 date-time' })

/** Every inbox filter. All optional; arrays mean "any of". */
export const InboxFilters = z
  .object({
    connectionIds: z.array(z.string().uuid()).max(100).optional(),
    providers: z.array(ProviderId).max(5).optional(),
    surveys: z.array(EntityRef).max(200).optional(),
    metrics: z.array(Metric).max(7).optional(),
    minScore: z.number().finite().optional(),
    maxScore: z.number().finite().optional(),
    sites: z.array(EntityRef).max(200).optional(),
    staff: z.array(EntityRef).max(200).optional(),
    teams: z.array(EntityRef).max(200).optional(),
    /** Tags, topics, drivers and segments, matched exactly. */
    tags: z.array(z.string().min(1).max(200)).max(50).optional(),
    hasComment: z.boolean().optional(),
    /** A named period, or a custom from/to range; both are interpreted in timeZone. */
    period: PeriodName.optional(),
    from: Iso.optional(),
    to: Iso.optional(),
    timeZone: TimeZone.default('UTC'),
    /** Full-text search over comments, free-text answers and customer names ("societe" finds "société"). */
    search: z.string().trim().max(200).optional()
  })
  .strict()
  .refine((f) => f.minScore === undefined || f.maxScore === undefined || f.minScore <= f.maxScore, {
    message: 'Minimum score is above the maximum',
    path: ['minScore']
  })
  .refine((f) => !(f.period && (f.from || f.to)), { message: 'Choose a named period or a custom range, not both', path: ['period'] })
export type InboxFilters = z.infer<typeof InboxFilters>

export const InboxListInput = z
  .object({
    filters: InboxFilters,
    /** Opaque keyset cursor from the previous page; absent for the newest page. */
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(500).default(100)
  })
  .strict()

/** One row of the inbox list: enough to render it without the detail. */
export const InboxItem = z.object({
  id: z.number().int(),
  connectionId: z.string(),
  connectionLabel: z.string(),
  provider: ProviderId,
  kind: ResponseKind,
  metric: Metric.nullable(),
  score: z.number().nullable(),
  scale: Scale.nullable(),
  sentiment: Sentiment.nullable(),
  /** The comment, or the start of it for long ones. */
  comment: z.string().nullable(),
  customerName: z.string().nullable(),
  surveyName: z.string().nullable(),
  siteName: z.string().nullable(),
  staffName: z.string().nullable(),
  teamName: z.string().nullable(),
  tags: z.array(z.string()),
  respondedAt: z.string(),
  /** With a search: the matched words to highlight (already diacritic-folded terms, lower case). */
  matchTerms: z.array(z.string())
})
export type InboxItem = z.infer<typeof InboxItem>

export const InboxPage = z.object({ items: z.array(InboxItem), nextCursor: z.string().nullable() })
export type InboxPage = z.infer<typeof InboxPage>

export const InboxCount = z.object({ count: z.number().int(), capped: z.boolean() })
export type InboxCount = z.infer<typeof InboxCount>

/** Everything the provider sent about one response, plus its place in the cache. */
export const InboxDetail = InboxItem.extend({
  externalId: z.string(),
  comment: z.string().nullable(),
  customer: CustomerRef,
  answers: z.array(Answer),
  drivers: z.array(z.string()),
  properties: z.record(z.string(), z.string()),
  channel: z.string().nullable(),
  language: z.string().nullable(),
  links: ResponseLinks,
  updatedAt: z.string().nullable(),
  syncedAt: z.string(),
  raw: z.unknown()
})
export type InboxDetail = z.infer<typeof InboxDetail>

const FacetEntry = z.object({ ref: EntityRef, name: z.string(), connectionId: z.string() })
export const InboxFacets = z.object({
  surveys: z.array(FacetEntry),
  sites: z.array(FacetEntry),
  staff: z.array(FacetEntry),
  teams: z.array(FacetEntry),
  tags: z.array(z.string())
})
export type InboxFacets = z.infer<typeof InboxFacets>

// ---- sync ----

export const StreamStatus = z.enum(['idle', 'running', 'done', 'failed', 'cancelled'])

export const StreamState = z.object({
  stream: z.string(),
  status: StreamStatus,
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  rows: z.number().int()
})

export const ConnectionSyncState = z.object({
  connectionId: z.string(),
  running: z.boolean(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  streams: z.array(StreamState)
})
export type ConnectionSyncState = z.infer<typeof ConnectionSyncState>

export const SyncStatus = z.object({
  online: z.boolean(),
  intervalMinutes: z.number().int(),
  nextRunAt: z.string().nullable(),
  connections: z.array(ConnectionSyncState)
})
export type SyncStatus = z.infer<typeof SyncStatus>

export const SyncProgress = z.object({
  connectionId: z.string(),
  stream: z.string(),
  phase: StreamStatus,
  pages: z.number().int(),
  rows: z.number().int(),
  rowsPerSecond: z.number(),
  /** Total rows when the provider says (X-Total-Count); null when unknown. */
  totalRows: z.number().int().nullable(),
  error: AppErrorShape.nullable()
})
export type SyncProgress = z.infer<typeof SyncProgress>
