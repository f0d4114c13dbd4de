import { useState } from 'react'
import type { TemplateRow } from '../../../shared/domain/manage'
import { countSms } from '../../../shared/sms'
import { renderTemplate } from '../../../shared/template-render'
import { connectionColumn, text } from './manage/columns'
import type { Column } from './manage/DataTable'
import { ManagePage, ProviderSection } from './manage/ManageFrame'
import { ManageTable, useProviderList } from './manage/ManageTable'
import { TemplatePreview } from './manage/TemplatePreview'

function TemplateSection({ channel, nameless }: { channel: 'email' | 'sms'; nameless: boolean }) {
  const source = useProviderList('manage.templates.list', 'customersure', { channel })
  const { connections } = source
  const [selected, setSelected] = useState<string | null>(null)
  const rows = source.list.data?.rows ?? []
  const current = rows.find((r) => r.ref === selected) ?? null
  const title = channel === 'email' ? 'E-mail templates' : 'SMS templates'
  const lower = channel === 'email' ? 'e-mail templates' : 'SMS templates'
  const columns: Array<Column<TemplateRow>> = [
    ...(channel === 'email' ? [{ id: 'subject', header: 'Subject', cell: (r: TemplateRow) => text(r.subject) }] : []),
    { id: 'locale', header: 'Locale', cell: (r) => text(r.locale) },
    ...(channel === 'sms'
      ? [
          {
            id: 'segments',
            header: 'Segments',
            numeric: true,
            cell: (r: TemplateRow) => {
              const c = countSms(renderTemplate(r.body ?? '').text)
              return `${c.segments} · ${c.encoding}`
            }
          }
        ]
      : []),
    { id: 'archived', header: 'State', cell: (r) => (r.archived ? <span className="pill pill--off">Archived</span> : <span className="pill pill--ok">In use</span>) },
    ...connectionColumn<TemplateRow>(connections.length > 1)
  ]
  const id = `cs-${channel}-templates`
  return (
    <ProviderSection
      id={id}
      title={`CustomerSure ${lower}`}
      provider="customersure"
      connections={connections}
      note="Edit templates in CustomerSure; here you see them as a customer would. Archived templates are hidden unless you ask for them."
    >
      <div className={current ? 'template-layout template-layout--open' : 'template-layout'}>
        <ManageTable
          idPrefix={id}
          caption={`CustomerSure ${title}`}
          source={source}
          nameHeader="Template"
          columns={columns}
          actions={(r) => (
            <button
              type="button"
              className="button button--small"
              aria-pressed={selected === r.ref}
              aria-label={`Preview ${r.name}`}
              aria-controls={`${id}-preview`}
              onClick={() => setSelected(selected === r.ref ? null : r.ref)}
            >
              Preview
            </button>
          )}
          searchLabel={`Search ${lower}`}
          inactiveLabel="Show archived"
          empty={<p>No templates match.</p>}
        />
        <section id={`${id}-preview`} className="panel template-panel" aria-label={current ? `Preview of ${current.name}` : `${title} preview`} hidden={!current}>
          {current ? (
            <>
              <h3 className="manage-subtitle">{current.name}</h3>
              <TemplatePreview template={current} nameless={nameless} />
            </>
          ) : null}
        </section>
      </div>
    </ProviderSection>
  )
}

export function TemplatesPage() {
  const [nameless, setNameless] = useState(false)
  return (
    <ManagePage
      title="Templates"
      lead="CustomerSure’s e-mail and SMS templates from the local copy, rendered for a sample customer: placeholders such as {{name/there}} show the customer’s value or their fallback."
    >
      <fieldset className="sample-choice">
        <legend>Render for</legend>
        <label className="check">
          <input type="radio" name="sample" checked={!nameless} onChange={() => setNameless(false)} />
          <span>Alex Morgan (a customer with a name)</span>
        </label>
        <label className="check">
          <input type="radio" name="sample" checked={nameless} onChange={() => setNameless(true)} />
          <span>A customer with no name on record (fallbacks)</span>
        </label>
      </fieldset>
      <TemplateSection channel="email" nameless={nameless} />
      <TemplateSection channel="sms" nameless={nameless} />
    </ManagePage>
  )
}
