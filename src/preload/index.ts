import { contextBridge, ipcRenderer } from 'electron'
import { exposeBridge } from './bridge'

// Runs sandboxed with contextIsolation: the page sees only window.surveyDesk = { invoke, on }.
exposeBridge(contextBridge, ipcRenderer)
