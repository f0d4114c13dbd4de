/** Enco Promoter Survey: wire schemas, client, mapping to the unified model, and its simulator. */
export * from './wire'
export { createEncoClient, encoErrorsWithFields, type EncoClient, type EncoClientDeps, type EncoPage, type EncoSendResult, type SurveyId } from './client'
export { mapSurvey, mapQuestion, mapReport, normaliseLanguage, EncoReportSummary, ENCO_TIME_ZONE, type ReportContext } from './mapping'
export { startEncoSimulator, ENCO_BASE_PATH, ENCO_SIM_TOKEN } from './simulator'
export { toIsoUtc, wallClockText } from './time'
