import { z } from 'zod'
import { InboxFilters } from '../domain/inbox'
import { ReportInterval, ReportMetric } from '../domain/reports'

/**
 * A report the user named to run again: its filters (a named period stays relative, so "Last week"
 * re-run next Monday is the new last week) and how it is shown.
 */
export const ReportDefinition = z
  .object({
    filters: InboxFilters,
    metric: ReportMetric,
    trend: ReportInterval
  })
  .strict()
export type ReportDefinition = z.infer<typeof ReportDefinition>

export const SavedReportName = z.string().trim().min(1, 'Give the report a name').max(80, 'At most 80 characters')

export const SavedReport = z.object({
  id: z.number().int(),
  name: z.string(),
  definition: ReportDefinition,
  createdAt: z.string(),
  updatedAt: z.string(),
  lastRunAt: z.string().nullable()
})
export type SavedReport = z.infer<typeof SavedReport>

export const savedReportChannels = {
  'reports.saved.list': { input: z.object({}).strict(), output: z.object({ reports: z.array(SavedReport) }) },
  /** Saves under a name; the same name (any case) replaces that definition when replace is true, else conflicts. */
  'reports.saved.save': {
    input: z.object({ name: SavedReportName, definition: ReportDefinition, replace: z.boolean().default(false) }).strict(),
    output: SavedReport
  },
  /** Marks it run now and returns it, so the list can show the most recently used first. */
  'reports.saved.open': { input: z.object({ id: z.number().int().positive() }).strict(), output: SavedReport },
  'reports.saved.remove': { input: z.object({ id: z.number().int().positive() }).strict(), output: z.object({ removed: z.boolean() }) }
} as const
