import { describe, expect, it } from 'vitest'
import { FeedbackApiAccountFields, ManageWrite } from '../../src/shared/domain/manage'
import { checkInput, emptyValues, errorsByField, valuesFrom, valuesToInput, type FieldSpec } from '../../src/renderer/src/pages/manage/form-values'
import { FORMS } from '../../src/renderer/src/pages/manage/forms'

const fields: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true },
  { name: 'active', label: 'Active', kind: 'checkbox' },
  { name: 'maxUsers', label: 'User limit', kind: 'number', nullable: true },
  { name: 'reviewProfiles', label: 'URLs', kind: 'lines' },
  { name: 'locationAdd', label: 'Add to', kind: 'select', asList: true },
  { name: 'limits.sms', label: 'SMS', kind: 'number' }
]

describe('manage form values', () => {
  it('shapes text into the contract input: trimmed, empty left out or null, numbers, lines, lists, nested names', () => {
    const v = { ...emptyValues(fields), name: '  Acme ', active: true, maxUsers: '', reviewProfiles: 'https://a.example\n\n https://b.example ', locationAdd: 'L1', 'limits.sms': '40' }
    expect(valuesToInput(fields, v, { connectionId: 'c' })).toEqual({
      connectionId: 'c',
      name: 'Acme',
      active: true,
      maxUsers: null,
      reviewProfiles: ['https://a.example', 'https://b.example'],
      locationAdd: ['L1'],
      limits: { sms: 40 }
    })
  })

  it('passes a number that does not parse on as text, for the schema to refuse on its field', () => {
    const input = valuesToInput(FORMS['account.create'].fields, { ...emptyValues(FORMS['account.create'].fields), name: 'A', verb: 'use', maxUsers: 'twelve' })
    const checked = checkInput(FeedbackApiAccountFields, input)
    expect(checked.ok).toBe(false)
    if (!checked.ok) expect(errorsByField(FORMS['account.create'].fields, checked.details).byField).toHaveProperty('maxUsers')
  })

  it('reads an existing object back into the form', () => {
    expect(valuesFrom(fields, { name: 'Acme', active: true, maxUsers: null, reviewProfiles: ['x', 'y'], limits: { sms: 3 } })).toEqual({
      name: 'Acme',
      active: true,
      maxUsers: '',
      reviewProfiles: 'x\ny',
      locationAdd: '',
      'limits.sms': '3'
    })
  })

  it('puts main’s `fields.<name>` errors on the form’s fields and keeps the rest for the whole form', () => {
    const r = errorsByField(fields, [
      { field: 'fields.name', message: 'has already been taken' },
      { field: 'fields.reviewProfiles.1', message: 'Enter a full web address' },
      { field: 'limits.sms', message: 'Too many' },
      { field: 'connectionId', message: 'Choose a connection' },
      { field: '', message: 'Provider down' }
    ])
    expect(r.byField).toEqual({ name: 'has already been taken', reviewProfiles: 'Enter a full web address', 'limits.sms': 'Too many' })
    expect(r.rest).toEqual(['connectionId: Choose a connection', 'Provider down'])
  })

  it('every form’s fields are fields of its write in the contract', () => {
    let compared = 0
    for (const [op, spec] of Object.entries(FORMS)) {
      const option = ManageWrite.options.find((o) => o.shape.op.value === op)
      expect(option, op).toBeDefined()
      const shape = (option!.shape.fields as unknown as { shape?: Record<string, unknown>; def?: { in?: { shape?: Record<string, unknown> } } })
      const keys = Object.keys(shape.shape ?? shape.def?.in?.shape ?? {})
      if (keys.length === 0) continue // a refined schema hides its shape; the e2e test covers it
      for (const f of spec.fields) expect(keys, `${op}: ${f.name}`).toContain(f.name.split('.')[0])
      compared += 1
    }
    expect(compared).toBeGreaterThanOrEqual(Object.keys(FORMS).length - 1)
  })
})
