import type { ReactNode } from 'react'
import { ManageWrite } from '../../../../shared/domain/manage'
import type { Connection } from '../../../../shared/domain/connection'
import type { AppError } from '../../../../shared/errors'
import { useManageStore } from '../../stores/manage-store'
import { FormDialog } from './FormDialog'
import { emptyValues, type FieldSpec, type FormValues } from './form-values'
import { FORMS, withOptions, type FormOp } from './forms'

export interface WriteDialogState {
  op: FormOp
  /** The connections the row may go to: a create offers a choice when there are several. */
  connections: Connection[]
  externalId?: string
  /** What the row is called, for the title. */
  rowName?: string
  initial?: Partial<FormValues>
  options?: Record<string, ReadonlyArray<{ value: string; label: string }>>
  /** Correcting a rejected outbox entry: its id and the provider's rejection. */
  entryId?: number
  rejection?: AppError | null
  intro?: ReactNode
}

const CONNECTION_FIELD = 'connectionId'

/**
 * The form for one write: the contract's ManageWrite schema checks it here (field errors on the
 * fields), main checks it again, and the provider's rejection comes back on the field it names.
 */
export function WriteDialog({ state, onClose }: { state: WriteDialogState; onClose: () => void }) {
  const write = useManageStore((s) => s.write)
  const editEntry = useManageStore((s) => s.editEntry)
  const spec = FORMS[state.op]
  const choose = state.externalId === undefined && state.entryId === undefined && state.connections.length > 1
  const fields: FieldSpec[] = [
    ...(choose
      ? [{ name: CONNECTION_FIELD, label: 'Connection', kind: 'select' as const, required: true, options: state.connections.map((c) => ({ value: c.id, label: c.label })) }]
      : []),
    ...withOptions(spec.fields, state.options ?? {})
  ]
  const initial: FormValues = {
    ...emptyValues(fields),
    ...(choose ? { [CONNECTION_FIELD]: state.connections[0]?.id ?? '' } : {}),
    ...Object.fromEntries(Object.entries(state.initial ?? {}).filter((e): e is [string, string | boolean] => e[1] !== undefined))
  }
  const fixedConnection = state.connections[0]?.id ?? ''
  const idPrefix = `write-${state.op.replace('.', '-')}`

  return (
    <FormDialog
      idPrefix={idPrefix}
      title={state.rowName ? `${spec.title}: ${state.rowName}` : spec.title}
      intro={
        state.entryId !== undefined ? (
          <>
            <p>The provider refused this change. Correct it and send it again, or close this form and discard it from the row.</p>
            {state.intro}
          </>
        ) : (
          state.intro
        )
      }
      fields={fields}
      initial={initial}
      schema={ManageWrite}
      shape={(raw) => {
        const { [CONNECTION_FIELD]: chosen, ...rest } = raw
        return {
          op: state.op,
          connectionId: choose ? chosen : fixedConnection,
          ...(state.externalId !== undefined ? { externalId: state.externalId } : {}),
          fields: rest
        }
      }}
      submitLabel={spec.submitLabel}
      initialError={state.rejection ?? null}
      onSubmit={(input) => (state.entryId !== undefined ? editEntry(state.entryId, input as ManageWrite) : write(input as ManageWrite))}
      onClose={onClose}
    />
  )
}
