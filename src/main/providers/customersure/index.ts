/** CustomerSure API v1 (customersure-v1.txt): wire schemas, client, mapping to the unified model, simulator. */
export * from './wire'
export * from './client'
export * from './mapping'
export { startCustomerSureSimulator, CUSTOMERSURE_DEFAULT_VOLUME, type CustomerSureSimulatorHandle, type CustomerSureSimulatorOptions, type CustomerSureSimulatorState } from './simulator'
export { createSeedData, periodRange, ratingQuestionStats, netPromoterScore as npsFromRatings, csatScore as csatFromRatings, type SeedData } from './simulator-data'
