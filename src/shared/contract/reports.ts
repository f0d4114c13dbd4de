import { ProviderFigures, ProviderFiguresInput, ReportResult, ReportRunInput, ReportSettings, ReportSettingsInput } from '../domain/reports'

/** Reports: computed from the local cache (never waiting on the network), plus provider figures on demand. */
export const reportsChannels = {
  'reports.run': { input: ReportRunInput, output: ReportResult },
  /** The providers' own figures for the same scope, fetched (or read from their cache) beside the local ones. */
  'reports.providerFigures': { input: ProviderFiguresInput, output: ProviderFigures },
  /** Reads the settings with an empty input; changes what is given (a new time zone rebuilds the rollups in the background). */
  'reports.settings': { input: ReportSettingsInput, output: ReportSettings }
} as const

export type ReportsChannels = typeof reportsChannels
