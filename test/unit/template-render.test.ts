import { describe, expect, it } from 'vitest'
import { renderTemplate, SAMPLE_CUSTOMER, SAMPLE_CUSTOMER_NAMELESS } from '../../src/shared/template-render'

describe('renderTemplate', () => {
  it('fills {{name/there}} with the customer value and keeps the surrounding text', () => {
    const r = renderTemplate('Hi {{name/there}},\r\n\r\n We’d be grateful…', { name: 'Priya' })
    expect(r.text).toBe('Hi Priya,\r\n\r\n We’d be grateful…')
    expect(r.parts[1]).toMatchObject({ kind: 'placeholder', key: 'name', fallback: 'there', from: 'value', source: '{{name/there}}' })
    expect(r.missing).toEqual([])
  })

  it('uses the fallback when the customer has no value, or only blanks', () => {
    expect(renderTemplate('{{name/Hi}}, how did we do?', { name: null }).text).toBe('Hi, how did we do?')
    expect(renderTemplate('{{name/Hi}}, how did we do?', { name: '  ' }).text).toBe('Hi, how did we do?')
    expect(renderTemplate('{{name/Hi}}, how did we do?', SAMPLE_CUSTOMER_NAMELESS).parts[0]).toMatchObject({ from: 'fallback' })
  })

  it('renders the survey link for the sample customer', () => {
    const r = renderTemplate('Survey: {{link-to-survey}}', SAMPLE_CUSTOMER)
    expect(r.text).toBe(`Survey: ${SAMPLE_CUSTOMER['link-to-survey']}`)
  })

  it('reports a placeholder with no value and no fallback as missing, rendered empty', () => {
    const r = renderTemplate('Order {{order_number}} and {{order_number}}', SAMPLE_CUSTOMER)
    expect(r.text).toBe('Order  and ')
    expect(r.missing).toEqual(['order_number'])
  })

  it('splits at the first slash only and trims around key and fallback', () => {
    const r = renderTemplate('{{ name / there/friend }}', {})
    expect(r.text).toBe('there/friend')
    expect(r.parts[0]).toMatchObject({ key: 'name', fallback: 'there/friend' })
  })

  it('matches keys regardless of case and leaves unclosed braces as text', () => {
    expect(renderTemplate('{{Name/there}}', { name: 'Sam' }).text).toBe('Sam')
    expect(renderTemplate('Hi {{name', { name: 'Sam' }).text).toBe('Hi {{name')
    expect(renderTemplate('', {})).toEqual({ text: '', parts: [], missing: [] })
  })

  it('an empty fallback is a deliberate blank, not a gap', () => {
    const r = renderTemplate('Hi{{name/}}!', {})
    expect(r.text).toBe('Hi!')
    expect(r.missing).toEqual([])
  })
})
