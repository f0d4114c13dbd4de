import { useEffect, useState, type ReactNode } from 'react'
import type { EntityLink, LinkKind, LinkSuggestion } from '../../../../shared/domain/manage'
import { api } from '../../api/client'
import { ActionsHeader } from '../../components/ActionsHeader'
import { Icon } from '../../components/Icon'
import { toAppError, useManageStore } from '../../stores/manage-store'

const WORDS: Record<LinkKind, { title: string; left: string; right: string; lead: string }> = {
  site: {
    title: 'Same place at two providers',
    left: 'CustomerSure site',
    right: 'FeedbackAPI location',
    lead: 'Link a CustomerSure site to the FeedbackAPI location that is the same place, so reports show one row for it. Suggestions match codes and names; nothing is linked until you confirm.'
  },
  staff: {
    title: 'Same person at two providers',
    left: 'CustomerSure staff',
    right: 'Nicereply user',
    lead: 'Link a CustomerSure staff member to their Nicereply user, so reports show one row per person. Suggestions match e-mails, codes and names; nothing is linked until you confirm.'
  }
}

const REASONS: Record<LinkSuggestion['reasons'][number], string> = { code: 'same code', email: 'same e-mail', name: 'same name' }

/** Suggested and confirmed links between one provider's rows and another's. */
export function LinksPanel({ kind }: { kind: LinkKind }) {
  const version = useManageStore((s) => s.version)
  const bump = useManageStore((s) => s.bump)
  const [links, setLinks] = useState<EntityLink[]>([])
  const [suggestions, setSuggestions] = useState<LinkSuggestion[]>([])
  const [error, setError] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const w = WORDS[kind]

  useEffect(() => {
    let current = true
    Promise.all([api().invoke('manage.links.list', { kind }), api().invoke('manage.links.suggest', { kind })]).then(
      ([l, s]) => {
        if (!current) return
        setLinks(l.links)
        setSuggestions(s.suggestions)
        setError(null)
      },
      (err: unknown) => current && setError(toAppError(err).message)
    )
    return () => {
      current = false
    }
  }, [kind, version])

  async function link(s: LinkSuggestion): Promise<void> {
    try {
      await api().invoke('manage.links.create', { kind, leftRef: s.leftRef, rightRef: s.rightRef })
      setNote(`Linked ${s.leftName} and ${s.rightName}.`)
      bump()
    } catch (err) {
      setError(toAppError(err).message)
    }
  }

  async function unlink(l: EntityLink): Promise<void> {
    try {
      await api().invoke('manage.links.remove', { id: l.id })
      setNote(`Unlinked ${l.leftName ?? l.leftRef} and ${l.rightName ?? l.rightRef}.`)
      bump()
    } catch (err) {
      setError(toAppError(err).message)
    }
  }

  const id = `links-${kind}`
  return (
    <section className="manage-section" aria-labelledby={`${id}-title`}>
      <div className="manage-section__header">
        <div>
          <h2 id={`${id}-title`} className="manage-section__title">
            {w.title}
          </h2>
          <p className="manage-section__note muted">{w.lead}</p>
        </div>
      </div>
      <div role="status" aria-live="polite" className="status-region">
        {note ? <p className="muted">{note}</p> : null}
      </div>
      {error ? (
        <div className="banner banner--error" role="alert">
          <Icon name="warning" />
          <p>{error}</p>
        </div>
      ) : null}
      <div className="links-grid">
        <PairTable
          title={`Suggested (${suggestions.length})`}
          none="No suggestions: every likely pair is linked, or nothing matches."
          caption="Suggested links"
          columns={[w.left, w.right, 'Why']}
          rows={suggestions.map((s) => ({
            key: `${s.leftRef}|${s.rightRef}`,
            cells: [s.leftName, s.rightName, s.reasons.map((r) => REASONS[r]).join(', ')],
            action: (
              <button type="button" className="button button--small" aria-label={`Link ${s.leftName} with ${s.rightName}`} onClick={() => void link(s)}>
                Link
              </button>
            )
          }))}
        />
        <PairTable
          title={`Linked (${links.length})`}
          none="Nothing linked yet."
          caption="Linked pairs"
          columns={[w.left, w.right]}
          rows={links.map((l) => ({
            key: String(l.id),
            cells: [l.leftName ?? l.leftRef, l.rightName ?? l.rightRef],
            action: (
              <button
                type="button"
                className="button button--small button--danger-quiet"
                aria-label={`Unlink ${l.leftName ?? l.leftRef} and ${l.rightName ?? l.rightRef}`}
                onClick={() => void unlink(l)}
              >
                Unlink
              </button>
            )
          }))}
        />
      </div>
    </section>
  )
}

/** One half of the panel: pairs named by their two sides (the first a row header), one button each. */
function PairTable({ title, none, caption, columns, rows }: { title: string; none: string; caption: string; columns: string[]; rows: Array<{ key: string; cells: ReactNode[]; action: ReactNode }> }) {
  return (
    <div>
      <h3 className="manage-subtitle">{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">{none}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c}
                  </th>
                ))}
                <ActionsHeader />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row" className="table__label">
                    {r.cells[0]}
                  </th>
                  {r.cells.slice(1).map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                  <td className="table__actions">{r.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
