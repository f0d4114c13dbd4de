import { useState } from 'react'
import type { SurveyRow } from '../../../shared/domain/manage'
import type { ProviderId } from '../../../shared/providers'

import { useManageStore } from '../stores/manage-store'
import { connectionColumn, notYetCreated, text } from './manage/columns'
import type { Column } from './manage/DataTable'
import { figureColumns } from './manage/Figures'
import { ManagePage, YesNo } from './manage/ManageFrame'
import { CreateButton, ManageSection, RowButton, rowTarget, useProviderList } from './manage/ManageTable'
import { TypeToConfirmDialog } from './manage/TypeToConfirmDialog'
import { WriteDialog, type WriteDialogState } from './manage/WriteDialog'

const METRICS: Record<string, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES', star: 'Stars', happy: 'Happy', rating: 'Rating', other: 'Other' }

function Questions({ r }: { r: SurveyRow }) {
  if (r.questions.length === 0) return text(null)
  return (
    <details className="questions">
      <summary>
        {r.questions.length} {r.questions.length === 1 ? 'question' : 'questions'}
      </summary>
      <ol>
        {r.questions.map((q) => (
          <li key={q.externalId}>
            {q.language ? <span className="badge">{q.language}</span> : null} {q.text}
            {q.type ? <span className="muted"> ({q.type})</span> : null}
          </li>
        ))}
      </ol>
    </details>
  )
}

const metricCol: Column<SurveyRow> = { id: 'metric', header: 'Metric', cell: (r) => (r.metric ? (METRICS[r.metric] ?? r.metric) : text(null)) }
const scaleCol: Column<SurveyRow> = { id: 'scale', header: 'Scale', cell: (r) => (r.scale ? `${r.scale.min}–${r.scale.max}` : text(null)) }
const questionsCol: Column<SurveyRow> = { id: 'questions', header: 'Questions', cell: (r) => <Questions r={r} /> }

function ReadOnlySurveys({ provider, title, note, columns }: { provider: ProviderId; title: string; note: string; columns: Array<Column<SurveyRow>> }) {
  const source = useProviderList('manage.surveys.list', provider)
  const { connections } = source
  const id = `${provider}-surveys`
  return (
    <ManageSection
      id={id}
      title={title}
      note={note}
      source={source}
      nameHeader="Survey"
      columns={[...columns, ...connectionColumn<SurveyRow>(connections.length > 1), ...figureColumns<SurveyRow>()]}
      searchLabel={`Search ${title}`}
      inactiveLabel="Show inactive"
      empty={<p>No surveys match.</p>}
    />
  )
}

function EncoSurveys({ open }: { open: (s: WriteDialogState) => void }) {
  const source = useProviderList('manage.surveys.list', 'enco')
  const { connections } = source
  const [deleting, setDeleting] = useState<SurveyRow | null>(null)
  const write = useManageStore((s) => s.write)
  const columns: Array<Column<SurveyRow>> = [
    { id: 'kind', header: 'Interaction type', cell: (r) => text(r.kind) },
    {
      id: 'languages',
      header: 'Languages',
      cell: (r) => {
        const langs = [...new Set(r.questions.map((q) => q.language).filter((l): l is string => !!l))]
        return langs.length ? langs.join(', ') : text(null)
      }
    },
    questionsCol,
    ...connectionColumn<SurveyRow>(connections.length > 1),
    ...figureColumns<SurveyRow>()
  ]
  return (
    <ManageSection
      id="enco-surveys"
      title="Enco surveys"
      note="Create a survey with its first question, add the same question in other languages, or delete a survey — which destroys all its responses and scores at Enco."
      create={<CreateButton label="New survey" onClick={() => open({ op: 'survey.create', connections, initial: { language: 'en-GB' } })} />}
      source={source}
      nameHeader="Survey"
      columns={columns}
      open={open}
      actions={(r) =>
        notYetCreated(r) ? null : (
          <>
            <button
              type="button"
              className="button button--small"
              aria-label={`Add a question to ${r.name}`}
              onClick={() => open({ op: 'survey.addQuestion', ...rowTarget(connections, r, r.name) })}
            >
              Add question
            </button>
            <RowButton verb="Delete" row={r.name} danger onClick={() => setDeleting(r)} />
          </>
        )
      }
      searchLabel="Search Enco surveys"
      empty={<p>No surveys match.</p>}
    >
      {deleting ? (
        <TypeToConfirmDialog
          idPrefix="enco-delete"
          title={`Delete the survey “${deleting.name}”?`}
          name={deleting.name}
          confirmLabel="Delete survey and its responses"
          onConfirm={() =>
            write({ op: 'survey.delete', connectionId: deleting.connectionId, externalId: deleting.externalId, fields: { confirmName: deleting.name } })
          }
          onClose={() => setDeleting(null)}
        >
          <p>
            <strong>This cannot be undone.</strong> Enco deletes the survey together with every response and score it collected
            {deleting.figures ? ` (${deleting.figures.responses} in the last 30 days alone)` : ''}.
          </p>
        </TypeToConfirmDialog>
      ) : null}
    </ManageSection>
  )
}

export function SurveysPage() {
  const [dialog, setDialog] = useState<WriteDialogState | null>(null)
  return (
    <ManagePage title="Surveys" lead="The surveys customers receive at each provider, with their questions and the last 30 days’ figures from the local copy.">
      <ReadOnlySurveys
        provider="customersure"
        title="CustomerSure surveys"
        note="Surveys and their questions, as CustomerSure holds them. Edit them in CustomerSure."
        columns={[metricCol, questionsCol, { id: 'active', header: 'State', cell: (r) => <YesNo value={r.active} yes="Active" no="Inactive" /> }]}
      />
      <EncoSurveys open={setDialog} />
      <ReadOnlySurveys
        provider="nicereply"
        title="Nicereply surveys"
        note="Each survey’s metric, its scale and its extra questions."
        columns={[metricCol, scaleCol, { id: 'questions', header: 'Extra questions', cell: (r) => <Questions r={r} /> }]}
      />
      {dialog ? <WriteDialog state={dialog} onClose={() => setDialog(null)} /> : null}
    </ManagePage>
  )
}
