/** FeedbackAPI v1.3 (feedbackapi-v1.3.txt): client, wire schemas, mapping to the unified model, simulator. */
export * from './client'
export * from './mapping'
export * from './wire'
export { startFeedbackApiSimulator, type FeedbackApiSimulatorHandle } from './simulator'
export { FEEDBACKAPI_SIM_KEY, SIM_TEMPLATES as FEEDBACKAPI_SIM_TEMPLATES, SIM_PLATFORMS as FEEDBACKAPI_SIM_PLATFORMS, DEFAULT_VOLUME as FEEDBACKAPI_DEFAULT_VOLUME } from './simulator-data'
