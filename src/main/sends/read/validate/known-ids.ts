import type { KnownIdLists, KnownIds } from '../types'

/** Lists as they cross IPC / a worker boundary, to the sets the validator looks ids up in. */
export function knownIdsFromLists(lists: KnownIdLists = {}): KnownIds {
  const set = (values?: string[]): ReadonlySet<string> | undefined => (values ? new Set(values) : undefined)
  return {
    surveys: set(lists.surveys),
    surveyMetrics: lists.surveyMetrics ? new Map(Object.entries(lists.surveyMetrics)) : undefined,
    surveyScales: lists.surveyScales ? new Map(Object.entries(lists.surveyScales)) : undefined,
    emailTemplates: set(lists.emailTemplates),
    smsTemplates: set(lists.smsTemplates),
    templates: set(lists.templates),
    locations: set(lists.locations),
    users: set(lists.users)
  }
}
