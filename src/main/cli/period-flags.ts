import type { InboxFilters } from '../../shared/domain/inbox'
import { PERIOD_NAMES, PeriodName } from '../../shared/periods'
import { instantFlag, stringFlag, UsageError, type ParsedArgs } from './args'

/** `--period` or `--from`/`--to` onto the filters: the commands that read the cache take a time range alike. */
export function applyPeriodFlags(args: ParsedArgs, filters: InboxFilters): void {
  const period = stringFlag(args, 'period')
  if (period !== undefined) {
    if (!PeriodName.safeParse(period).success) throw new UsageError(`--period must be one of ${PERIOD_NAMES.join(', ')}`)
    filters.period = period as PeriodName
  }
  const from = instantFlag(args, 'from')
  const to = instantFlag(args, 'to')
  if (period !== undefined && (from || to)) throw new UsageError('Use --period or --from/--to, not both')
  if (from) filters.from = from
  if (to) filters.to = to
}
