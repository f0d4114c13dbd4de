import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'

// SURVEY_DESK_OUT_DIR lets several working copies of the build live side by side (the e2e tests
// take the same variable); the app and CI use the default, out/.
const OUT = process.env.SURVEY_DESK_OUT_DIR ?? 'out'

// Three bundles: main (Electron entry + the Node entries for the web host and the CLI, which share
// its code, + the cache worker thread), the sandboxed preload, and the renderer. Native modules stay external.
export default defineConfig({
  main: {
    build: {
      outDir: `${OUT}/main`,
      externalizeDeps: true,
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          web: resolve(__dirname, 'src/main/web.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          // The local cache's writer and reader threads (found at run time by src/main/store/cache/worker-entry.ts).
          'cache-worker': resolve(__dirname, 'src/main/store/cache/worker.ts'),
          // The sync engine's thread (found at run time by src/main/sync/worker-proxy.ts).
          'sync-worker': resolve(__dirname, 'src/main/sync/worker.ts'),
          // The send-file reader's thread (found at run time by src/main/sends/read/worker-client.ts).
          'sends-read-worker': resolve(__dirname, 'src/main/sends/read/worker.ts'),
          // The send engine's runners and ledger commits (found at run time by src/main/sends/job/worker-control.ts).
          'sends-job-worker': resolve(__dirname, 'src/main/sends/job/worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      outDir: `${OUT}/preload`,
      rollupOptions: { input: { index: resolve(__dirname, 'src/preload/index.ts') } }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    build: {
      outDir: resolve(__dirname, OUT, 'renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } }
    }
  }
})
