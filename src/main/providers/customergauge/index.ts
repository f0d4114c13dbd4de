/** CustomerGauge: wire schemas, client, mapping to the unified model, and its simulator. */
export * from './wire'
export {
  createCustomerGaugeClient,
  customerGaugeErrorsWithFields,
  CG_RESPONSES_PATH,
  CG_TOKEN_PATH,
  type CustomerGaugeClient,
  type CustomerGaugeClientDeps,
  type CgResponsesPageResult
} from './client'
export { mapResponse, cgDateToIso, driverLabels } from './mapping'
export { startCustomerGaugeSimulator, CG_SIM_CLIENT_ID, CG_SIM_CLIENT_SECRET, type CustomerGaugeSimulatorHandle } from './simulator'
export { OUTBOUND_FILTERS } from './simulator-data'
