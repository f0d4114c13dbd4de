export { createDemoWorkspace, type DemoWorkspaceOptions } from './demo-workspace'
export type { DemoWorkspace } from './demo-api'
