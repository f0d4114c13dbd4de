/** Nicereply v1 (nicereply-v1.txt): wire schemas, client, mapping to the unified model, simulator. */
export * from './wire'
export * from './client'
export * from './mapping'
export { startNicereplySimulator, NICEREPLY_SIM_DEFAULT_VOLUME, type NicereplySimulatorHandle } from './simulator'
export { buildNicereplyData, uuidFor, indexOfUuid, nicereplyTime, RATING_PERIOD, type NicereplyData } from './simulator-data'
