import { useEffect, useRef, type ReactNode } from 'react'
import type { InboxDetail } from '../../../../shared/domain/inbox'
import { useInboxStore } from '../../stores/inbox-store'
import { formatDate, providerName, safeHttpUrl } from './format'
import { Highlighted } from './highlight'
import { ScoreBadge } from './InboxRow'
import { FollowUpControl } from '../followups/FollowUpControl'

function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  const shown = rows.filter(([, v]) => v !== null && v !== undefined && v !== '')
  if (shown.length === 0) return <p className="muted">Nothing recorded.</p>
  return (
    <dl className="facts facts--compact">
      {shown.map(([k, v]) => (
        <div key={k} className="facts__row">
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}

/**
 * Links back to the provider open outside the app: in the browser in a new tab without an opener; in
 * Electron the window's open handler sends only allowlisted provider hosts to the system browser.
 */
function ExternalLink({ href, children }: { href: string | null; children: ReactNode }) {
  const url = safeHttpUrl(href)
  if (!url) return null
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" className="external-link">
      {children}
      <span className="visually-hidden"> (opens outside Survey Desk)</span>
    </a>
  )
}

function Chips({ items, label }: { items: string[]; label: string }) {
  if (items.length === 0) return <span className="muted">None</span>
  return (
    <ul className="chips" aria-label={label}>
      {items.map((t) => (
        <li key={t} className="chip">
          {t}
        </li>
      ))}
    </ul>
  )
}

function Body({ d, terms }: { d: InboxDetail; terms: string[] }) {
  const sourceUrl = safeHttpUrl(d.links.sourceUrl)
  const ticketUrl = safeHttpUrl(d.links.ticketUrl)
  return (
    <>
      <div className="detail__summary">
        <ScoreBadge item={d} />
        <span className="muted">
          {providerName(d.provider)} · {d.connectionLabel}
        </span>
      </div>
      <FollowUpControl detail={d} />
      <section className="detail__section" aria-labelledby="detail-comment">
        <h3 id="detail-comment">Comment</h3>
        {d.comment ? (
          <p className="detail__comment">
            <Highlighted text={d.comment} terms={terms} />
          </p>
        ) : (
          <p className="muted">No comment.</p>
        )}
      </section>
      <section className="detail__section" aria-labelledby="detail-answers">
        <h3 id="detail-answers">Answers ({d.answers.length})</h3>
        {d.answers.length === 0 ? (
          <p className="muted">The provider sent no per-question answers.</p>
        ) : (
          <ol className="answers">
            {d.answers.map((a, i) => (
              <li key={`${a.questionId ?? ''}-${i}`} className="answer">
                <p className="answer__question">{a.question ?? `Question ${a.questionId ?? i + 1}`}</p>
                <p className="answer__value">
                  {a.score !== null ? <strong>{a.score}</strong> : null}
                  {a.score !== null && a.text ? ' · ' : null}
                  {a.text ? <Highlighted text={a.text} terms={terms} /> : null}
                  {a.score === null && !a.text ? <span className="muted">No answer</span> : null}
                  {a.type ? <span className="answer__type"> ({a.type})</span> : null}
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="detail__section" aria-labelledby="detail-customer">
        <h3 id="detail-customer">Customer</h3>
        <Facts
          rows={[
            ['Name', d.customer.name],
            ['Email', d.customer.email ? <a href={`mailto:${d.customer.email}`}>{d.customer.email}</a> : null],
            ['Phone', d.customer.phone],
            ['Company', d.customer.company],
            ['Reference', d.customer.reference],
            ['Provider id', d.customer.externalId]
          ]}
        />
      </section>
      <section className="detail__section" aria-labelledby="detail-context">
        <h3 id="detail-context">Context</h3>
        <Facts
          rows={[
            ['Survey', d.surveyName],
            ['Site', d.siteName],
            ['Staff', d.staffName],
            ['Team', d.teamName],
            ['Channel', d.channel],
            ['Language', d.language],
            ['Tags', <Chips key="t" items={d.tags} label="Tags" />],
            ['Drivers', <Chips key="d" items={d.drivers} label="Drivers" />]
          ]}
        />
      </section>
      {Object.keys(d.properties).length > 0 ? (
        <section className="detail__section" aria-labelledby="detail-properties">
          <h3 id="detail-properties">Properties</h3>
          <Facts rows={Object.entries(d.properties)} />
        </section>
      ) : null}
      <section className="detail__section" aria-labelledby="detail-links">
        <h3 id="detail-links">Source</h3>
        <Facts
          rows={[
            ['Response id', <code key="id">{d.externalId}</code>],
            ['Reference', d.links.reference],
            ['Machine id', d.links.machineId],
            ['In the provider', sourceUrl ? <ExternalLink href={sourceUrl}>Open in {providerName(d.provider)}</ExternalLink> : null],
            ['Ticket', ticketUrl ? <ExternalLink href={ticketUrl}>Open the ticket</ExternalLink> : null],
            ['Responded', <time key="r" dateTime={d.respondedAt}>{formatDate(d.respondedAt, true)}</time>],
            ['Updated', d.updatedAt ? <time key="u" dateTime={d.updatedAt}>{formatDate(d.updatedAt, true)}</time> : null],
            ['Synced', <time key="s" dateTime={d.syncedAt}>{formatDate(d.syncedAt, true)}</time>]
          ]}
        />
      </section>
      <details className="detail__raw">
        <summary>Raw provider data</summary>
        <pre tabIndex={0} aria-label="Raw provider data (JSON)">
          <code>{JSON.stringify(d.raw, null, 2)}</code>
        </pre>
      </details>
    </>
  )
}

export function DetailPane({ onClose, terms }: { onClose: () => void; terms: string[] }) {
  const detail = useInboxStore((s) => s.detail)
  const loading = useInboxStore((s) => s.detailLoading)
  const error = useInboxStore((s) => s.detailError)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const id = detail?.id

  // Scroll back to the top for each new response, as a reader expects.
  const bodyRef = useRef<HTMLDivElement>(null)
  useEffect(() => {
    bodyRef.current?.scrollTo({ top: 0 })
  }, [id])

  return (
    <aside className="detail" aria-labelledby="detail-title">
      <div className="detail__header">
        <h2 id="detail-title" ref={headingRef} tabIndex={-1} className="detail__title">
          {detail ? (detail.customerName ?? 'Anonymous response') : 'Response'}
        </h2>
        <button type="button" className="button button--small" onClick={onClose} aria-keyshortcuts="Escape">
          Close
        </button>
      </div>
      <div ref={bodyRef} className="detail__body" aria-busy={loading || undefined}>
        {error ? (
          <p className="banner banner--error" role="alert">
            {error}
          </p>
        ) : null}
        {detail ? <Body d={detail} terms={terms} /> : loading ? <p className="muted">Loading…</p> : null}
      </div>
    </aside>
  )
}
