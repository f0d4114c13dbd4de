import { useEffect, useRef } from 'react'
import type { Connection } from '../../../../shared/domain/connection'
import { useSendsStore, WIZARD_STEPS, type WizardStep } from '../../stores/sends-store'
import { DryRunStep } from './DryRunStep'
import { FileStep } from './FileStep'
import { MappingStep } from './MappingStep'
import { ProtectionStep } from './ProtectionStep'
import { ValidationProgressBar, ValidationStep } from './ValidationStep'

/** Steps a user may jump back to: those before the current one, once their data exists. */
function reachable(step: WizardStep, current: WizardStep): boolean {
  return WIZARD_STEPS.findIndex((s) => s.id === step) < WIZARD_STEPS.findIndex((s) => s.id === current)
}

export function Wizard({ connections }: { connections: Connection[] }) {
  const w = useSendsStore((s) => s.wizard)
  const goTo = useSendsStore((s) => s.goTo)
  const closeWizard = useSendsStore((s) => s.closeWizard)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const current = WIZARD_STEPS.find((s) => s.id === w.step)!

  // Each step starts at its heading, so keyboard and screen-reader users know where they are.
  useEffect(() => headingRef.current?.focus(), [w.step])

  return (
    <section className="panel send-wizard" aria-labelledby="send-wizard-title">
      <div className="send-wizard__head">
        <p className="muted">{w.purpose === 'import_ratings' ? 'Import ratings from a file' : 'Send surveys from a file'}</p>
        <button type="button" className="button button--small" onClick={closeWizard}>
          Close without sending
        </button>
      </div>
      <ol className="send-steps" aria-label="Steps">
        {WIZARD_STEPS.map((s, i) => (
          <li key={s.id}>
            {reachable(s.id, w.step) ? (
              <button type="button" className="send-steps__item send-steps__item--done" onClick={() => goTo(s.id)}>
                <span className="send-steps__n">{i + 1}</span> {s.name}
              </button>
            ) : (
              <span className={s.id === w.step ? 'send-steps__item send-steps__item--current' : 'send-steps__item'} aria-current={s.id === w.step ? 'step' : undefined}>
                <span className="send-steps__n">{i + 1}</span> {s.name}
              </span>
            )}
          </li>
        ))}
      </ol>
      <h2 id="send-wizard-title" className="panel__title" tabIndex={-1} ref={headingRef}>
        {current.name}
      </h2>
      <p className="visually-hidden" role="status" aria-live="polite">
        {w.busy ?? ''}
      </p>
      {w.error ? (
        <p className="banner banner--error" role="alert">
          {w.error}
        </p>
      ) : null}
      {w.busy ? <p className="muted send-busy">{w.busy}</p> : null}
      <ValidationProgressBar />
      {w.step === 'file' ? <FileStep connections={connections} /> : null}
      {w.step === 'mapping' ? <MappingStep /> : null}
      {w.step === 'validation' ? <ValidationStep /> : null}
      {w.step === 'protection' ? <ProtectionStep /> : null}
      {w.step === 'dryrun' ? <DryRunStep /> : null}
    </section>
  )
}
