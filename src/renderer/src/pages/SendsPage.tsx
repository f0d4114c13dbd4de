import { useEffect } from 'react'
import '../styles/sends.css'
import { Icon } from '../components/Icon'
import { useConnectionsStore } from '../stores/connections-store'
import { followSendEvents, useSendsStore } from '../stores/sends-store'
import { fileConnections } from './sends/FileStep'
import { JobDetail } from './sends/JobDetail'
import { JobsList } from './sends/JobsList'
import { Wizard } from './sends/Wizard'

/** Bulk sends: the jobs with their live progress, and the wizard that makes a new one from a CSV file. */
export function SendsPage() {
  const connections = useConnectionsStore((s) => s.connections)
  const view = useSendsStore((s) => s.view)
  const jobs = useSendsStore((s) => s.jobs)
  const jobsLoaded = useSendsStore((s) => s.jobsLoaded)
  const jobsError = useSendsStore((s) => s.jobsError)
  const selectedJobId = useSendsStore((s) => s.selectedJobId)
  const openWizard = useSendsStore((s) => s.openWizard)
  const loadJobs = useSendsStore((s) => s.loadJobs)
  const usable = fileConnections(connections)
  const senders = usable.filter((c) => c.provider !== 'nicereply')
  const nicereply = usable.filter((c) => c.provider === 'nicereply')
  const selected = jobs.find((j) => j.id === selectedJobId) ?? null

  useEffect(() => {
    followSendEvents()
    void loadJobs()
  }, [loadJobs])

  return (
    <div className="page send-page">
      <div className="page__header">
        <div>
          <h1 className="page__title">Sends</h1>
          <p className="page__lead">Send a survey to everyone in a spreadsheet, once each, and see what happened to every row.</p>
        </div>
        {view === 'jobs' ? (
          <div className="send-page__actions">
            {nicereply.length > 0 ? (
              <button type="button" className="button" onClick={() => openWizard('import_ratings', nicereply[0]!.id)}>
                Import ratings
              </button>
            ) : null}
            <button type="button" className="button button--primary" disabled={senders.length === 0} onClick={() => openWizard('send', senders.length === 1 ? senders[0]!.id : null)}>
              <Icon name="plus" />
              New send from a CSV file
            </button>
          </div>
        ) : null}
      </div>

      {view === 'wizard' ? <Wizard connections={usable} /> : null}

      {view === 'jobs' ? (
        <>
          {jobsError ? (
            <p className="banner banner--error" role="alert">
              Could not read the send jobs: {jobsError}
            </p>
          ) : null}
          {jobsLoaded && jobs.length === 0 ? (
            <div className="empty">
              <Icon name="send" className="empty__icon" />
              <p className="empty__title">No sends yet</p>
              <p className="muted">
                {senders.length === 0
                  ? 'Add a CustomerSure, Enco or FeedbackAPI connection first (or explore the demo data on the Connections page).'
                  : 'Choose a CSV file exported from your ticketing or delivery system; you will check every row before anything is sent.'}
              </p>
            </div>
          ) : null}
          {jobs.length > 0 ? <JobsList jobs={jobs} /> : null}
          {selected ? <JobDetail job={selected} /> : null}
        </>
      ) : null}
    </div>
  )
}
