import type {
  ClientAccountRow,
  CustomerRow,
  EntityLink,
  LinkKind,
  LinkSuggestion,
  OutboxEntry,
  OutboxStatus,
  RowFigures,
  RowOutboxState,
  SiteRow,
  StaffRow,
  SurveyRow,
  TeamRow,
  TemplateRow
} from '../../../shared/domain/manage'
import type { AppErrorShape, FieldError } from '../../../shared/errors'
import { AppError } from '../../../shared/errors'
import type { Statement } from 'better-sqlite3'
import type { EntityType } from '../cache-api'
import type { Db } from '../database'
import { ENTITY_TABLES } from './entity-tables'
import { pendingCreateRows } from '../../manage/pending-rows'
import { foldText, suggestLinks, type LinkCandidate } from '../../manage/link-match'

/**
 * The manage pages' SQL: list queries with per-row figures (reader thread), the outbox, the links
 * and row updates after a delivered write (writer thread). Both cores reach it through one `manage`
 * op each, so the shared worker protocol grows by one name per side.
 */

type Row = Record<string, unknown>

/** What a list query asks for, after the contract's defaults are applied. */
export interface ListQuery {
  connectionIds?: string[]
  search?: string
  sort: 'name' | 'code' | 'email' | 'provider' | 'responses' | 'nps' | 'csat' | 'ces' | 'created'
  dir: 'asc' | 'desc'
  includeInactive: boolean
  limit: number
  offset: number
  team?: string
  channel?: 'email' | 'sms'
}

export type ListKind = 'sites' | 'staff' | 'teams' | 'templates' | 'surveys' | 'customers' | 'accounts'

export interface NewOutboxEntry {
  connectionId: string
  provider: string
  op: string
  targetId: string | null
  summary: string
  write: unknown
}

export type ManageReadCall =
  | { method: 'list'; kind: ListKind; query: ListQuery; now?: string }
  | { method: 'outboxList'; connectionIds?: string[] }
  | { method: 'links'; kind?: LinkKind }
  | { method: 'suggest'; kind: LinkKind }
  | { method: 'group'; ref: string }
  | { method: 'rowName'; table: RowTable; connectionId: string; externalId: string }
  | { method: 'cachedRow'; table: RowTable; connectionId: string; externalId: string }
  /** The external ids of rows the cache held, unchanged, since before `before` (ISO time). */
  | { method: 'knownBefore'; table: RowTable; connectionId: string; before: string }

export type ManageWriteCall =
  | { method: 'enqueue'; entry: NewOutboxEntry }
  | { method: 'entry'; id: number }
  | { method: 'queue'; connectionId: string }
  | { method: 'pendingConnections' }
  | { method: 'markSending'; id: number }
  /** uncertain: the attempt may have reached the provider (kept once set; see schema-v10-outbox-uncertain.ts). */
  | { method: 'markPending'; id: number; error: AppErrorShape | null; uncertain?: boolean }
  /** settled: the user was told the provider cannot be asked, so their retry sends it again. */
  | { method: 'markRejected'; id: number; error: AppErrorShape; fieldErrors: FieldError[]; settled?: boolean }
  | { method: 'replaceWrite'; id: number; write: unknown; summary: string; targetId: string | null }
  | { method: 'deleteEntry'; id: number }
  | { method: 'recoverSending' }
  | { method: 'counts' }
  | { method: 'setRowState'; table: RowTable; connectionId: string; externalId: string; state: 'inactive' | 'removed' }
  | { method: 'link'; kind: LinkKind; leftRef: string; rightRef: string }
  | { method: 'unlink'; id: number }
  | { method: 'forgetConnection'; connectionId: string }

export type RowTable = 'sites' | 'staff' | 'surveys' | 'customers' | 'client_accounts'

const DAY_MS = 86_400_000
const FIGURE_DAYS = 30
/** responses.id is responded_ms * 2048 + n (sort-key.ts): a time bound is a rowid bound. */
const ID_PER_MS = 2048

const statements = new WeakMap<Db, Map<string, Statement>>()
/** Prepared once per connection: the lists look up names per row, and preparing costs more than running. */
function prep(db: Db, sql: string): Statement {
  let byDb = statements.get(db)
  if (!byDb) statements.set(db, (byDb = new Map()))
  let stmt = byDb.get(sql)
  if (!stmt) byDb.set(sql, (stmt = db.prepare(sql)))
  // A cached statement may have been switched to pluck mode by another caller.
  if (stmt.reader) stmt.pluck(false)
  return stmt
}

const parse = <T>(text: unknown, fallback: T): T => {
  if (typeof text !== 'string') return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}
const bool = (v: unknown): boolean | null => (v === null || v === undefined ? null : v === 1)
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null)

// ------------------------------------------------------------------------------------ reading

export function manageRead(db: Db, call: ManageReadCall): unknown {
  switch (call.method) {
    case 'list':
      return list(db, call.kind, call.query, call.now ? new Date(call.now) : new Date())
    case 'outboxList':
      return outboxEntries(db, call.connectionIds)
    case 'links':
      return links(db, call.kind)
    case 'suggest':
      return suggest(db, call.kind)
    case 'group':
      return group(db, call.ref)
    case 'cachedRow':
      return (prep(db, `SELECT * FROM ${call.table} WHERE connection_id = ? AND external_id = ?`).get(call.connectionId, call.externalId) as Row | undefined) ?? null
    case 'knownBefore':
      return prep(db, `SELECT external_id FROM ${call.table} WHERE connection_id = ? AND synced_at < ?`).pluck().all(call.connectionId, call.before)
    case 'rowName':
      return (prep(db, `SELECT name FROM ${call.table} WHERE connection_id = ? AND external_id = ? AND removed_at IS NULL`).pluck().get(call.connectionId, call.externalId) as string | undefined) ?? null
  }
}

const TABLE: Record<ListKind, string> = {
  sites: 'sites',
  staff: 'staff',
  teams: 'teams',
  templates: 'templates',
  surveys: 'surveys',
  customers: 'customers',
  accounts: 'client_accounts'
}
const ENTITY_OF: Record<ListKind, Exclude<EntityType, 'response'>> = {
  sites: 'site',
  staff: 'staff',
  teams: 'team',
  templates: 'template',
  surveys: 'survey',
  customers: 'customer',
  accounts: 'client_account'
}
/** The responses column that credits a response to a row of each list (none for templates and accounts). */
const FIGURE_COLUMN: Partial<Record<ListKind, string>> = {
  sites: 'site_external_id',
  staff: 'staff_external_id',
  teams: 'team_external_id',
  surveys: 'survey_external_id',
  customers: 'customer_external_id'
}
/** Which providers each page manages (CustomerGauge has no reference data of these kinds). */
const PROVIDERS_OF: Record<ListKind, string[]> = {
  sites: ['customersure', 'feedbackapi'],
  staff: ['customersure', 'nicereply', 'feedbackapi'],
  teams: ['nicereply', 'customersure'],
  templates: ['customersure'],
  surveys: ['customersure', 'enco', 'nicereply'],
  customers: ['feedbackapi', 'nicereply'],
  accounts: ['feedbackapi']
}

function list(db: Db, kind: ListKind, q: ListQuery, now: Date): { rows: unknown[]; total: number } {
  const where = [`t.provider IN (${PROVIDERS_OF[kind].map((p) => `'${p}'`).join(',')})`]
  const params: unknown[] = []
  if (q.connectionIds) {
    if (q.connectionIds.length === 0) return { rows: [], total: 0 }
    where.push(`t.connection_id IN (${q.connectionIds.map(() => '?').join(',')})`)
    params.push(...q.connectionIds)
  }
  if (!q.includeInactive) {
    where.push('t.removed_at IS NULL')
    if (kind === 'templates') where.push('t.archived = 0')
    if (kind === 'accounts') where.push('t.active = 1')
    if (kind === 'sites' || kind === 'staff' || kind === 'surveys') where.push('(t.active IS NULL OR t.active = 1)')
  }
  if (kind === 'templates' && q.channel) {
    where.push('t.channel = ?')
    params.push(q.channel)
  }
  // Not raw: the provider's JSON is most of a row's bytes, and only a built customer row reads it.
  const cols = ['id', 'connection_id', 'provider', 'external_id', 'removed_at', ...ENTITY_TABLES[ENTITY_OF[kind]].columns].map((c) => `t.${c}`).join(', ')
  const raw = prep(db, `SELECT ${cols}, c.label AS connection_label FROM ${TABLE[kind]} t JOIN connections c ON c.id = t.connection_id WHERE ${where.join(' AND ')}`).all(...params) as Row[]

  const outbox = rowOutboxStates(db, q.connectionIds)
  const figures = FIGURE_COLUMN[kind] ? figuresFor(db, FIGURE_COLUMN[kind]!, q.connectionIds, now) : null
  const figuresOf = (ref: string): RowFigures | null => (figures ? (figures.get(ref) ?? EMPTY_FIGURES) : null)
  const base = (r: Row, ref: string): Base => ({
    ref,
    connectionId: r.connection_id as string,
    connectionLabel: r.connection_label as string,
    provider: r.provider as SiteRow['provider'],
    externalId: r.external_id as string,
    figures: figuresOf(ref),
    outbox: outbox.get(ref) ?? null
  })
  // Rows are filtered and sorted on their columns; only the page asked for is built in full.
  let rows: Candidate[] = raw.map((r) => ({ ref: `${r.connection_id as string}:${r.external_id as string}`, raw: r, built: null }))
  rows.push(...pendingCreateRows(kind, pendingCreates(db, q.connectionIds), labels(db)).map((b) => ({ ref: b.ref, raw: null, built: b })))
  const full = (c: Candidate): BuiltRow => (c.built ??= build(db, kind, c.raw!, base(c.raw!, c.ref)))

  if (kind === 'staff' && q.team) rows = rows.filter((c) => inTeam(db, full(c) as StaffRow, q.team!))
  if (q.search) {
    const words = foldText(q.search).split(' ').filter(Boolean)
    rows = rows.filter((c) => {
      const hay = foldText(SEARCHED.map((f) => valueOf(c, f)).filter((v): v is string => typeof v === 'string').join(' '))
      return words.every((w) => hay.includes(w))
    })
  }
  const sign: 1 | -1 = q.dir === 'asc' ? 1 : -1
  const keyed = rows.map((c) => ({ c, key: sortValue(c, q.sort, figuresOf), name: nameKey(c) }))
  keyed.sort((a, b) => compare(a.key, b.key, sign) || compare(a.name, b.name, 1))
  return { rows: keyed.slice(q.offset, q.offset + q.limit).map(({ c }) => full(c)), total: keyed.length }
}

/** A list row before it is built: its cached columns, or (a pending create) the row already made. */
interface Candidate {
  ref: string
  raw: Row | null
  built: BuiltRow | null
}

/** Form-side names of the columns search and sort read, with their cache column. */
const COLUMN_OF: Record<string, string> = {
  name: 'name',
  code: 'code',
  email: 'email',
  username: 'username',
  phone: 'phone',
  subject: 'subject',
  region: 'region',
  city: 'city',
  externalId: 'external_id',
  firstName: 'first_name',
  lastName: 'last_name',
  createdAt: 'created_at',
  provider: 'provider'
}
const SEARCHED = ['name', 'code', 'email', 'username', 'phone', 'subject', 'region', 'city', 'externalId', 'firstName', 'lastName']

function valueOf(c: Candidate, field: string): unknown {
  return c.built ? (c.built as unknown as Record<string, unknown>)[field] : c.raw![COLUMN_OF[field]!]
}

const nameKey = (c: Candidate): string => {
  const v = valueOf(c, 'name') ?? valueOf(c, 'email')
  return typeof v === 'string' ? v : ''
}

function sortValue(c: Candidate, field: ListQuery['sort'], figuresOf: (ref: string) => RowFigures | null): string | number | null {
  switch (field) {
    case 'name':
      return nameKey(c)
    case 'code':
    case 'email':
    case 'provider': {
      const v = valueOf(c, field)
      return typeof v === 'string' ? v : null
    }
    case 'created': {
      const v = valueOf(c, 'createdAt')
      return typeof v === 'string' ? v : null
    }
    default:
      return (c.built ? c.built.figures : figuresOf(c.ref))?.[field] ?? null
  }
}

type BuiltRow = SiteRow | StaffRow | TeamRow | TemplateRow | SurveyRow | CustomerRow | ClientAccountRow
type Base = Pick<SiteRow, 'ref' | 'connectionId' | 'connectionLabel' | 'provider' | 'externalId' | 'figures' | 'outbox'>

function build(db: Db, kind: ListKind, r: Row, base: Base): BuiltRow {
  const removed = r.removed_at !== null
  switch (kind) {
    case 'sites':
      return {
        ...base,
        kind: r.provider === 'customersure' ? 'site' : 'location',
        code: str(r.code),
        name: r.name as string,
        region: str(r.region),
        city: str(r.city),
        siteType: str(r.site_type),
        countryCode: str(r.country_code),
        address: parse<string[]>(r.address, []),
        postalCode: str(r.postal_code),
        active: removed ? false : bool(r.active),
        reviewUrls: Object.values(parse<Record<string, string>>(r.review_urls, {})),
        linkedRefs: linkedRefs(db, 'site', base.ref)
      }
    case 'staff':
      return {
        ...base,
        name: r.name as string,
        email: str(r.email),
        code: str(r.code),
        username: str(r.username),
        kind: str(r.kind),
        teams: staffTeams(db, r),
        active: removed ? false : bool(r.active),
        linkedRefs: linkedRefs(db, 'staff', base.ref)
      }
    case 'teams':
      return { ...base, name: r.name as string, members: teamMembers(db, r) }
    case 'templates':
      return {
        ...base,
        channel: r.channel as 'email' | 'sms',
        name: r.name as string,
        subject: str(r.subject),
        body: str(r.body),
        locale: str(r.locale),
        archived: r.archived === 1
      }
    case 'surveys':
      return {
        ...base,
        name: r.name as string,
        metric: str(r.metric) as SurveyRow['metric'],
        scale: r.scale_min !== null && r.scale_max !== null ? { min: r.scale_min as number, max: r.scale_max as number } : null,
        kind: str(r.kind),
        active: removed ? false : bool(r.active),
        questions: parse<SurveyRow['questions']>(r.questions, []),
        createdAt: str(r.created_at)
      }
    case 'customers': {
      const providerJson = parse<Row>(prep(db, 'SELECT raw FROM customers WHERE id = ?').pluck().get(r.id), {})
      return {
        ...base,
        name: str(r.name),
        firstName: str(r.first_name),
        lastName: str(r.last_name),
        email: str(r.email),
        phone: str(r.phone),
        countryCode: str(providerJson.country_code),
        optedOut: r.opted_out === 1,
        invalid: r.invalid === 1,
        sites: parse<string[]>(r.site_external_ids, []).map((id) => ({ externalId: id, name: siteName(db, r.connection_id as string, id) })),
        stats: r.provider === 'nicereply' ? numericFields(providerJson) : null,
        createdAt: str(r.created_at)
      }
    }
    case 'accounts':
      return {
        ...base,
        name: r.name as string,
        active: removed ? false : r.active === 1,
        verb: str(r.verb),
        limits: parse<Record<string, number | null>>(r.limits, {})
      }
  }
}

const EMPTY_FIGURES: RowFigures = { responses: 0, nps: null, csat: null, ces: null }

/**
 * Last-30-days figures per row, in one GROUP BY over the id range (the id is time-ordered). NPS on
 * 0-10; CSAT as the percent in the top quarter of each response's scale (4-5 of 1-5); CES as the mean.
 */
function figuresFor(db: Db, column: string, connectionIds: string[] | undefined, now: Date): Map<string, RowFigures> {
  const fromId = (now.getTime() - FIGURE_DAYS * DAY_MS) * ID_PER_MS
  const conn = connectionIds ? `AND connection_id IN (${connectionIds.map(() => '?').join(',')})` : ''
  const rows = db
    .prepare(
      `SELECT connection_id, ${column} AS k, count(*) AS n,
        sum(metric = 'nps') AS nps_n, sum(metric = 'nps' AND score >= 9) AS promoters, sum(metric = 'nps' AND score <= 6) AS detractors,
        sum(metric = 'csat') AS csat_n,
        sum(metric = 'csat' AND score >= coalesce(scale_min, 1) + 0.75 * (coalesce(scale_max, 5) - coalesce(scale_min, 1))) AS satisfied,
        sum(metric = 'ces') AS ces_n, avg(CASE WHEN metric = 'ces' THEN score END) AS ces_avg
       FROM responses WHERE id >= ? AND removed_at IS NULL AND ${column} IS NOT NULL ${conn}
       GROUP BY connection_id, ${column}`
    )
    .all(fromId, ...(connectionIds ?? [])) as Row[]
  const out = new Map<string, RowFigures>()
  const round1 = (n: number): number => Math.round(n * 10) / 10
  for (const r of rows) {
    const npsN = r.nps_n as number
    const csatN = r.csat_n as number
    out.set(`${r.connection_id as string}:${r.k as string}`, {
      responses: r.n as number,
      nps: npsN > 0 ? round1((((r.promoters as number) - (r.detractors as number)) / npsN) * 100) : null,
      csat: csatN > 0 ? round1(((r.satisfied as number) / csatN) * 100) : null,
      ces: (r.ces_n as number) > 0 ? round1(r.ces_avg as number) : null
    })
  }
  return out
}

function staffTeams(db: Db, r: Row): StaffRow['teams'] {
  const ids = parse<string[]>(r.team_external_ids, [])
  if (ids.length === 0) return r.team_name ? [{ externalId: r.team_name as string, name: r.team_name as string }] : []
  const stmt = prep(db, 'SELECT name FROM teams WHERE connection_id = ? AND external_id = ?').pluck()
  // CustomerSure has no team list: its team_id is the only name there is.
  return ids.map((id) => ({ externalId: id, name: (stmt.get(r.connection_id, id) as string | undefined) ?? (r.provider === 'customersure' ? id : null) }))
}

function teamMembers(db: Db, r: Row): TeamRow['members'] {
  const stmt = prep(db, 'SELECT name FROM staff WHERE connection_id = ? AND external_id = ?').pluck()
  return parse<string[]>(r.member_external_ids, []).map((id) => ({
    ref: `${r.connection_id as string}:${id}`,
    externalId: id,
    name: (stmt.get(r.connection_id, id) as string | undefined) ?? null
  }))
}

function inTeam(db: Db, s: StaffRow, teamRef: string): boolean {
  const [connectionId, ...rest] = teamRef.split(':')
  const teamId = rest.join(':')
  if (s.connectionId !== connectionId) return false
  if (s.teams.some((t) => t.externalId === teamId)) return true
  const members = prep(db, 'SELECT member_external_ids FROM teams WHERE connection_id = ? AND external_id = ?').pluck().get(connectionId, teamId)
  return parse<string[]>(members, []).includes(s.externalId)
}

function siteName(db: Db, connectionId: string, id: string): string | null {
  return (prep(db, 'SELECT name FROM sites WHERE connection_id = ? AND external_id = ?').pluck().get(connectionId, id) as string | undefined) ?? null
}

function numericFields(raw: Row): Record<string, number | null> {
  const out: Record<string, number | null> = {}
  for (const [k, v] of Object.entries(raw)) {
    if (k === 'id') continue
    if (typeof v === 'number') out[k] = v
    else if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v) && k !== 'name') out[k] = Number(v)
  }
  return out
}

/** Rows without a value (no code, no NPS) go last in either direction: they are not the "lowest". */
function compare(a: string | number | null, b: string | number | null, sign: 1 | -1): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  if (typeof a === 'number' && typeof b === 'number') return (a - b) * sign
  return COLLATOR.compare(String(a), String(b)) * sign
}

/** Case- and accent-insensitive, numbers in order ("Site 2" before "Site 10"); far cheaper than localeCompare per pair. */
const COLLATOR = new Intl.Collator('en', { sensitivity: 'base', numeric: true })

// ------------------------------------------------------------------------------------ outbox rows

function entryFrom(r: Row): OutboxEntry {
  return {
    id: r.id as number,
    connectionId: r.connection_id as string,
    provider: r.provider as OutboxEntry['provider'],
    op: r.op as string,
    targetRef: r.target_id === null ? null : `${r.connection_id as string}:${r.target_id as string}`,
    summary: r.summary as string,
    write: parse<unknown>(r.write, null),
    status: r.status as OutboxStatus,
    attempts: r.attempts as number,
    uncertain: r.uncertain === 1,
    lastError: parse<AppErrorShape | null>(r.last_error, null),
    fieldErrors: parse<FieldError[]>(r.field_errors, []),
    createdAt: r.created_at as string,
    updatedAt: r.updated_at as string
  }
}

function outboxEntries(db: Db, connectionIds?: string[]): { entries: OutboxEntry[] } {
  const rows = connectionIds
    ? (prep(db, `SELECT * FROM manage_outbox WHERE connection_id IN (${connectionIds.map(() => '?').join(',')}) ORDER BY id`).all(...connectionIds) as Row[])
    : (prep(db, 'SELECT * FROM manage_outbox ORDER BY id').all() as Row[])
  return { entries: rows.map(entryFrom) }
}

function rowOutboxStates(db: Db, connectionIds?: string[]): Map<string, RowOutboxState> {
  const out = new Map<string, RowOutboxState>()
  for (const e of outboxEntries(db, connectionIds).entries) {
    if (e.targetRef === null) continue
    // The newest entry wins: it is what the row will become.
    out.set(e.targetRef, { entryId: e.id, status: e.status, op: e.op, message: e.lastError?.message ?? null })
  }
  return out
}

function pendingCreates(db: Db, connectionIds?: string[]): OutboxEntry[] {
  return outboxEntries(db, connectionIds).entries.filter((e) => e.targetRef === null && (e.op.endsWith('.create') || e.op === 'user.invite'))
}

function labels(db: Db): Map<string, string> {
  return new Map((prep(db, 'SELECT id, label FROM connections').all() as Row[]).map((r) => [r.id as string, r.label as string]))
}

// ------------------------------------------------------------------------------------ links

const LINK_SIDES: Record<LinkKind, { table: string; left: string; right: string }> = {
  site: { table: 'sites', left: 'customersure', right: 'feedbackapi' },
  staff: { table: 'staff', left: 'customersure', right: 'nicereply' }
}

function linkedRefs(db: Db, kind: LinkKind, ref: string): string[] {
  return group(db, ref, kind).refs.filter((r) => r !== ref)
}

function group(db: Db, ref: string, kind?: LinkKind): { refs: string[] } {
  const kinds = kind ? [kind] : ['site', 'staff']
  const head = db
    .prepare(`SELECT group_ref FROM entity_link_groups WHERE ref = ? AND kind IN (${kinds.map(() => '?').join(',')}) LIMIT 1`)
    .pluck()
    .get(ref, ...kinds) as string | undefined
  if (head === undefined) return { refs: [ref] }
  const members = prep(db, 'SELECT DISTINCT ref FROM entity_link_groups WHERE group_ref = ? ORDER BY ref = group_ref DESC, ref').pluck().all(head) as string[]
  return { refs: members }
}

/** The rows on one side of a link kind, for names and suggestions. */
function candidates(db: Db, kind: LinkKind, connectionOrProvider: string): LinkCandidate[] {
  const side = LINK_SIDES[kind]
  const byProvider = connectionOrProvider === side.left || connectionOrProvider === side.right
  const rows = db
    .prepare(
      `SELECT connection_id, external_id, name, code, ${kind === 'staff' ? 'email, username' : 'NULL AS email, NULL AS username'}
       FROM ${side.table} WHERE removed_at IS NULL AND ${byProvider ? 'provider' : 'connection_id'} = ?`
    )
    .all(connectionOrProvider) as Row[]
  return rows.map((r) => ({
    ref: `${r.connection_id as string}:${r.external_id as string}`,
    name: r.name as string,
    code: str(r.code),
    email: str(r.email),
    username: str(r.username)
  }))
}

function links(db: Db, kind?: LinkKind): { links: EntityLink[] } {
  const rows = (kind ? prep(db, 'SELECT * FROM entity_links WHERE kind = ? ORDER BY id').all(kind) : prep(db, 'SELECT * FROM entity_links ORDER BY id').all()) as Row[]
  return { links: rows.map((r) => linkFrom(db, r)) }
}

function linkFrom(db: Db, r: Row): EntityLink {
  const kind = r.kind as LinkKind
  const name = (ref: string): string | null => {
    const [connectionId, ...rest] = ref.split(':')
    return (
      (prep(db, `SELECT name FROM ${LINK_SIDES[kind].table} WHERE connection_id = ? AND external_id = ?`).pluck().get(connectionId, rest.join(':')) as string | undefined) ?? null
    )
  }
  return {
    id: r.id as number,
    kind,
    leftRef: r.left_ref as string,
    leftName: name(r.left_ref as string),
    rightRef: r.right_ref as string,
    rightName: name(r.right_ref as string),
    createdAt: r.created_at as string
  }
}

function suggest(db: Db, kind: LinkKind): { suggestions: LinkSuggestion[] } {
  const side = LINK_SIDES[kind]
  const linked = new Set((prep(db, 'SELECT left_ref, right_ref FROM entity_links WHERE kind = ?').all(kind) as Row[]).flatMap((r) => [r.left_ref, r.right_ref]))
  const left = candidates(db, kind, side.left)
  const right = candidates(db, kind, side.right).filter((c) => !linked.has(c.ref))
  return { suggestions: suggestLinks(kind, left, right) }
}

// ------------------------------------------------------------------------------------ writing

export function manageWrite(db: Db, call: ManageWriteCall): unknown {
  const now = new Date().toISOString()
  switch (call.method) {
    case 'enqueue': {
      const e = call.entry
      const id = db
        .prepare(
          `INSERT INTO manage_outbox (connection_id, provider, op, target_id, summary, write, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?) RETURNING id`
        )
        .pluck()
        .get(e.connectionId, e.provider, e.op, e.targetId, e.summary, JSON.stringify(e.write), now, now) as number
      return entry(db, id)
    }
    case 'entry':
      return entry(db, call.id)
    case 'queue':
      return (prep(db, 'SELECT * FROM manage_outbox WHERE connection_id = ? ORDER BY id').all(call.connectionId) as Row[]).map(entryFrom)
    case 'pendingConnections':
      return prep(db, `SELECT DISTINCT connection_id FROM manage_outbox WHERE status = 'pending'`).pluck().all()
    case 'markSending': {
      // Only a still-pending entry is taken: one discarded or edited meanwhile must not go out as it was.
      const taken = prep(db, `UPDATE manage_outbox SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ? AND status = 'pending'`).run(now, call.id).changes
      return taken > 0 ? entry(db, call.id) : null
    }
    case 'markPending':
      return update(db, call.id, `status = 'pending', last_error = ?, field_errors = '[]', uncertain = max(uncertain, ?)`, [call.error ? JSON.stringify(call.error) : null, call.uncertain ? 1 : 0], now)
    case 'markRejected':
      return update(db, call.id, `status = 'rejected', last_error = ?, field_errors = ?, uncertain = uncertain AND NOT ?`, [JSON.stringify(call.error), JSON.stringify(call.fieldErrors), call.settled ? 1 : 0], now)
    case 'replaceWrite':
      return update(db, call.id, `write = ?, summary = ?, target_id = ?, status = 'pending', last_error = NULL, field_errors = '[]'`, [JSON.stringify(call.write), call.summary, call.targetId], now)
    case 'deleteEntry':
      return prep(db, 'DELETE FROM manage_outbox WHERE id = ?').run(call.id).changes > 0
    case 'recoverSending':
      // A crash mid-send leaves 'sending': whether the provider got it is unknown, so it is sent again,
      // and a create is first looked up at the provider (outbox.ts).
      return prep(db, `UPDATE manage_outbox SET status = 'pending', uncertain = 1, updated_at = ? WHERE status = 'sending'`).run(now).changes
    case 'counts':
      return prep(db, `SELECT coalesce(sum(status IN ('pending','sending')), 0) AS pending, coalesce(sum(status = 'rejected'), 0) AS rejected FROM manage_outbox`).get()
    case 'setRowState': {
      const sql =
        call.state === 'removed' || call.table === 'customers'
          ? `UPDATE ${call.table} SET removed_at = ? WHERE connection_id = ? AND external_id = ?`
          : `UPDATE ${call.table} SET active = 0, synced_at = ? WHERE connection_id = ? AND external_id = ?`
      return prep(db, sql).run(now, call.connectionId, call.externalId).changes
    }
    case 'link':
      return createLink(db, call.kind, call.leftRef, call.rightRef, now)
    case 'unlink':
      return prep(db, 'DELETE FROM entity_links WHERE id = ?').run(call.id).changes > 0
    case 'forgetConnection': {
      const outbox = prep(db, 'DELETE FROM manage_outbox WHERE connection_id = ?').run(call.connectionId).changes
      const prefix = `${call.connectionId}:`
      const links = prep(db, 'DELETE FROM entity_links WHERE substr(left_ref, 1, ?) = ? OR substr(right_ref, 1, ?) = ?').run(prefix.length, prefix, prefix.length, prefix).changes
      return { outbox, links }
    }
  }
}

function entry(db: Db, id: number): OutboxEntry | null {
  const r = prep(db, 'SELECT * FROM manage_outbox WHERE id = ?').get(id) as Row | undefined
  return r ? entryFrom(r) : null
}

function update(db: Db, id: number, set: string, params: unknown[], now: string): OutboxEntry | null {
  prep(db, `UPDATE manage_outbox SET ${set}, updated_at = ? WHERE id = ?`).run(...params, now, id)
  return entry(db, id)
}

function createLink(db: Db, kind: LinkKind, leftRef: string, rightRef: string, now: string): EntityLink {
  const side = LINK_SIDES[kind]
  const providerOf = (ref: string): string | undefined => {
    const [connectionId, ...rest] = ref.split(':')
    return prep(db, `SELECT provider FROM ${side.table} WHERE connection_id = ? AND external_id = ?`).pluck().get(connectionId, rest.join(':')) as string | undefined
  }
  const what = kind === 'site' ? ['CustomerSure site', 'FeedbackAPI location'] : ['CustomerSure staff member', 'Nicereply user']
  if (providerOf(leftRef) !== side.left) {
    throw new AppError('validation', `The left side must be a ${what[0]} in the local cache.`, { details: [{ field: 'leftRef', message: `Choose a ${what[0]}` }] })
  }
  if (providerOf(rightRef) !== side.right) {
    throw new AppError('validation', `The right side must be a ${what[1]} in the local cache.`, { details: [{ field: 'rightRef', message: `Choose a ${what[1]}` }] })
  }
  const taken = prep(db, 'SELECT left_ref FROM entity_links WHERE kind = ? AND right_ref = ?').pluck().get(kind, rightRef) as string | undefined
  if (taken !== undefined && taken !== leftRef) {
    throw new AppError('conflict', `That ${what[1]} is already linked to another ${what[0]}; unlink it first.`, { details: [{ field: 'rightRef', message: 'Already linked' }] })
  }
  prep(db, 'INSERT OR IGNORE INTO entity_links (kind, left_ref, right_ref, created_at) VALUES (?, ?, ?, ?)').run(kind, leftRef, rightRef, now)
  return linkFrom(db, prep(db, 'SELECT * FROM entity_links WHERE kind = ? AND right_ref = ?').get(kind, rightRef) as Row)
}

/** How main reaches the two functions above: on the reader / writer worker threads, or inline in unit tests. */
export interface ManageCache {
  read(call: ManageReadCall): Promise<unknown>
  write(call: ManageWriteCall): Promise<unknown>
}
