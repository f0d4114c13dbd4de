/**
 * End-to-end sync of BENCH_ROWS (default 1,000,000) CustomerGauge responses from its simulator
 * into a fresh cache, with the sync engine in worker mode (the app's default: fetching, parsing,
 * mapping and page writes on the sync worker thread), then a re-sync of the same unchanged rows (--full).
 * The simulator runs in its own process (`survey-desk simulate`), so its CPU is not counted as
 * this process's main thread. Prints: wall time and rows/s of both runs, the main thread's
 * longest event-loop stall during each (perf_hooks.monitorEventLoopDelay), and peak RSS.
 * Targets (issue 4): first sync <= 75 s, re-sync >= 100,000 rows/s, stall < 50 ms, RSS < 500 MB.
 *
 * The client runs at CustomerGauge's default rate (15 requests/s, src/main/http/rate-limiter.ts)
 * unless BENCH_CG_RPS sets another, to see the app's own speed without the limiter.
 * The simulator renders its rows before the clock starts (`simulate --prerender`): generating a
 * row costs it ~40 µs, a quarter of this 2-core machine during the sync, which CustomerGauge's own
 * servers would not take from the user's machine. BENCH_SIM_LIVE=1 has it generate rows while it
 * serves them instead (the whole machine shared, as before). BENCH_SIM_BUNDLE=1 runs the simulator
 * from the built CLI (out/main/cli.js, npm run build) instead of from source under tsx.
 * BENCH_FIRST_ONLY=1 skips the re-sync.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { DEFAULT_RATE_LIMITS } from '../src/main/http'
import { createAppContext } from '../src/main/ipc/app-context'
import { createDispatch } from '../src/main/ipc/dispatch'
import { handlers } from '../src/main/ipc/handlers'
import { MemorySecretStore } from '../src/main/secrets/memory-secret-store'
import { createSyncEngine } from '../src/main/sync'
import type { SyncProgress } from '../src/shared/domain/inbox'
import { makeTempDir } from '../test/support/temp-dir'

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000)
const RPS = process.env.BENCH_CG_RPS ? Number(process.env.BENCH_CG_RPS) : null
const DEFAULT_RPS = DEFAULT_RATE_LIMITS.customergauge.perSecond
const ROOT = join(__dirname, '..')
const LIVE_SIM = process.env.BENCH_SIM_LIVE === '1'

interface Sim {
  baseUrl: string
  credentials: { secret: string; clientId?: string; region?: string }
  stop(): void
  /** CPU seconds the simulator's process has used so far (Linux /proc), null elsewhere. */
  cpuSeconds(): number | null
}

function processCpuSeconds(pid: number | undefined): number | null {
  try {
    // Fields 14 and 15 of /proc/<pid>/stat: user and system time in clock ticks (100 a second on Linux).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(fields[11]) + Number(fields[12])) / 100
  } catch {
    return null
  }
}

function startSimulator(): Promise<Sim> {
  const child = spawn(process.execPath, [...(process.env.BENCH_SIM_BUNDLE === '1' ? [join(ROOT, 'out/main/cli.js')] : ['--import', 'tsx', join(ROOT, 'src/main/cli/index.ts')]), 'simulate', 'customergauge', '--json', '--volume', String(ROWS), ...(LIVE_SIM ? [] : ['--prerender'])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString()
      try {
        const doc = JSON.parse(out) as { simulators: Array<Omit<Sim, 'stop'>> }
        resolve({ ...doc.simulators[0]!, stop: () => child.kill('SIGTERM'), cpuSeconds: () => processCpuSeconds(child.pid) })
      } catch {
        // the JSON document is not complete yet
      }
    })
    child.once('exit', (code) => reject(new Error(`simulate exited with ${code}`)))
  })
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US')

async function main(): Promise<void> {
  const started = performance.now()
  const sim = await startSimulator()
  console.log(`simulator ready in ${((performance.now() - started) / 1000).toFixed(1)} s (${LIVE_SIM ? 'generating rows as it serves them' : 'rows rendered ahead'})`)
  const tmp = makeTempDir('survey-desk-bench-sync-')
  const ctx = createAppContext({ dataDir: tmp.dir, secrets: new MemorySecretStore(), cacheMode: 'worker' })
  try {
    const dispatch = createDispatch(handlers, ctx)
    const added = await dispatch('connections.add', { provider: 'customergauge', label: 'bench', baseUrl: sim.baseUrl, region: 'eu', clientId: sim.credentials.clientId, secret: sim.credentials.secret })
    if (!added.ok) throw new Error(added.error.message)
    const engine = createSyncEngine(ctx, RPS ? { rateLimits: { customergauge: { perSecond: RPS, burst: RPS } } } : {})

    let lastPrint = 0
    ctx.events.subscribe((event, payload) => {
      if (event !== 'sync.progress') return
      const p = payload as SyncProgress
      if (Date.now() - lastPrint < 5000 && p.phase === 'running') return
      lastPrint = Date.now()
      console.log(`  progress: ${fmt(p.rows)} rows, ${fmt(p.pages)} pages, ${fmt(p.rowsPerSecond)} rows/s (${p.phase})`)
    })

    const measure = async (label: string, full: boolean): Promise<void> => {
      const h = monitorEventLoopDelay({ resolution: 5 })
      h.enable()
      const t0 = performance.now()
      const cpu0 = process.cpuUsage()
      const sim0 = sim.cpuSeconds()
      // RSS sampled through the run, for where the peak falls (maxRSS below is the whole process's high-water mark).
      let rssMax = 0
      const rssTimer = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 250)
      const summary = await engine.run({ full })
      clearInterval(rssTimer)
      const secs = (performance.now() - t0) / 1000
      const cpu = process.cpuUsage(cpu0)
      h.disable()
      const s = summary.connections[0]!.streams[0]!
      if (s.status !== 'done') throw new Error(`${label}: ${s.status} ${s.error ?? ''}`)
      console.log(`${label}: ${fmt(s.rows)} rows in ${secs.toFixed(1)} s = ${fmt(s.rows / secs)} rows/s; main-thread event-loop stall max ${(h.max / 1e6).toFixed(1)} ms, p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms`)
      // Main and the workers; the simulator's own process is not counted. On a busy machine this is what the sync itself cost.
      console.log(`  CPU of this process: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s = ${fmt(s.rows / ((cpu.user + cpu.system) / 1e6))} rows per CPU second`)
      const sim1 = sim.cpuSeconds()
      // The simulator shares this machine's two cores: what it burns generating pages, the sync cannot use.
      if (sim0 !== null && sim1 !== null) console.log(`  CPU of the simulator's process: ${(sim1 - sim0).toFixed(1)} s`)
      console.log(`  RSS of this process, highest sample during the run: ${mb(rssMax)}`)
    }

    console.log(`sync-1m: ${fmt(ROWS)} CustomerGauge responses, pages of 1,000, sync engine on its worker thread, CustomerGauge at ${RPS ?? DEFAULT_RPS} requests/s${RPS ? '' : ' (the default)'}`)
    await measure('first sync (end to end)', false)
    // BENCH_FIRST_ONLY=1 stops after the first sync (for profiling it alone).
    if (process.env.BENCH_FIRST_ONLY !== '1') await measure('re-sync of unchanged rows (--full)', true)
    // maxRSS is the whole process's high-water mark: main, the sync worker and the cache workers.
    console.log(`peak RSS of this process (main + sync worker + cache workers): ${mb(process.resourceUsage().maxRSS * 1024)}`)
    if (RPS) console.log(`(at the default CustomerGauge rate of ${DEFAULT_RPS} requests/s the first sync could not take under ${fmt(Math.ceil(ROWS / 1000) / DEFAULT_RPS)} s)`)
    await engine.shutdown()
  } finally {
    await ctx.shutdown()
    sim.stop()
    tmp.cleanup()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
