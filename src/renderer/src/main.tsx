import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { setApi } from './api/client'
import { pickTransport } from './api/transport'
import { createApi } from './api/typed-api'
import { useAppStore } from './stores/app-store'
import { useConnectionsStore } from './stores/connections-store'
import { applyTheme, useThemeStore } from './stores/theme-store'

function reloadAll(): void {
  void useAppStore.getState().loadInfo()
  void useConnectionsStore.getState().load()
}

async function start(): Promise<void> {
  applyTheme(useThemeStore.getState().choice)
  const app = useAppStore.getState()
  window.addEventListener('online', () => useAppStore.getState().setBrowserOnline(true))
  window.addEventListener('offline', () => useAppStore.getState().setBrowserOnline(false))

  const transport = await pickTransport({
    onUnauthorized: () => useAppStore.getState().setUnpaired('expired'),
    onStreamState: (connected) => {
      const wasReachable = useAppStore.getState().hostReachable
      useAppStore.getState().setHostReachable(connected)
      // Events may have been missed while the stream was down.
      if (connected && !wasReachable) reloadAll()
    }
  })

  if (transport.kind === 'unpaired') {
    app.setUnpaired(transport.reason)
  } else {
    const api = createApi(transport.bridge, (reachable) => useAppStore.getState().setHostReachable(reachable))
    setApi(api)
    // Changes made in this app (or pushed by main) arrive here; the list is re-read, never patched from the event.
    api.on('connections.changed', () => void useConnectionsStore.getState().load())
    reloadAll()
  }

  const root = document.getElementById('root')
  if (!root) throw new Error('index.html has no #root')
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
}

void start()
