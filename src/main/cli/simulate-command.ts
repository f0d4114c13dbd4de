import { z } from 'zod'
import { PROVIDERS, ProviderId } from '../../shared/providers'
import { PROVIDER_MODULES } from '../providers/registry'
import { faultConfigSchema } from '../providers/simulator-kit'
import type { ProviderSimulatorHandle } from '../providers/types'
import { boolFlag, parseArgs, stringFlag, UsageError } from './args'
import type { Command } from './commands'

function intFlag(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`)
  return n
}

/** Waits for Ctrl+C or SIGTERM; the simulators run until then. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  })
}

export const simulate: Command = {
  usage: 'survey-desk simulate <customersure|enco|customergauge|feedbackapi|nicereply|all> [--port N] [--seed N] [--volume N] [--faults JSON] [--prerender]',
  summary: 'Run provider simulators on 127.0.0.1 (all: five, on consecutive ports) until Ctrl+C, and print how to connect to them',
  flags: { port: { value: true }, seed: { value: true }, volume: { value: true }, faults: { value: true }, prerender: { value: false } },
  async run(ctx, argv) {
    const args = parseArgs(argv, this.flags)
    const [which, extra] = args.positionals
    if (!which || extra) throw new UsageError('simulate takes one provider name, or all')
    const providers = which === 'all' ? ProviderId.options : ProviderId.safeParse(which).success ? [which as ProviderId] : null
    if (!providers) throw new UsageError(`Unknown provider "${which}": use one of ${ProviderId.options.join(', ')} or all`)
    const port = intFlag(stringFlag(args, 'port'), 'port', 1, 65535 - providers.length)
    const seed = intFlag(stringFlag(args, 'seed'), 'seed', 0, 2 ** 31 - 1)
    const volume = intFlag(stringFlag(args, 'volume'), 'volume', 0, 10_000_000)
    let faults: z.infer<typeof faultConfigSchema> | undefined
    const faultsText = stringFlag(args, 'faults')
    if (faultsText !== undefined) {
      let parsed: unknown
      try {
        parsed = JSON.parse(faultsText)
      } catch {
        throw new UsageError('--faults must be a JSON object, e.g. {"latencyMs":200,"errorRate":0.1}')
      }
      const checked = faultConfigSchema.partial().safeParse(parsed)
      if (!checked.success) throw new UsageError(`--faults: ${checked.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`)
      faults = checked.data as z.infer<typeof faultConfigSchema>
    }

    const handles: ProviderSimulatorHandle[] = []
    try {
      for (const [i, provider] of providers.entries()) {
        handles.push(
          await PROVIDER_MODULES[provider].startSimulator({ port: port === undefined ? 0 : port + i, seed, volume, faults, prerender: boolFlag(args, 'prerender') })
        )
      }
      const listing = handles.map((h) => ({ provider: h.provider, baseUrl: h.baseUrl, credentials: h.credentials }))
      if (ctx.json) ctx.io.stdout(JSON.stringify({ simulators: listing }, null, 2) + '\n')
      else {
        for (const h of handles) {
          const c = h.credentials
          const flags = [
            `--provider ${h.provider}`,
            `--label "${PROVIDERS[h.provider].name} simulator"`,
            `--base-url ${h.baseUrl}`,
            c.companyName ? `--company "${c.companyName}"` : '',
            c.region ? `--region ${c.region}` : '',
            c.clientId ? `--client-id ${c.clientId}` : ''
          ].filter(Boolean)
          ctx.io.stdout(
            `${PROVIDERS[h.provider].name} simulator: ${h.baseUrl}\n` +
              // Simulator credentials are made up for the demo; printing them exposes nothing real.
              `  connect: printf '%s\\n' '${c.secret}' | survey-desk connections add ${flags.join(' ')} --secret-stdin\n`
          )
        }
        ctx.io.stdout('Press Ctrl+C to stop.\n')
      }
      await untilStopped()
    } finally {
      await Promise.all(handles.map((h) => h.close()))
    }
  }
}
