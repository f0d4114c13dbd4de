import type { TemplateRow } from '../../../../shared/domain/manage'
import { countSms } from '../../../../shared/sms'
import { renderTemplate, SAMPLE_CUSTOMER, SAMPLE_CUSTOMER_NAMELESS, type RenderedTemplate } from '../../../../shared/template-render'

function Rendered({ r }: { r: RenderedTemplate }) {
  return (
    <>
      {r.parts.map((p, i) =>
        p.kind === 'text' ? (
          <span key={i}>{p.text}</span>
        ) : (
          <mark key={i} className={`placeholder placeholder--${p.from}`} title={`${p.source}: ${p.from === 'value' ? 'the customer’s value' : p.from === 'fallback' ? 'fallback' : 'no value'}`}>
            {p.text || p.source}
          </mark>
        )
      )}
    </>
  )
}

/** A template as a sample customer would receive it; an SMS also shows its length in characters and segments. */
export function TemplatePreview({ template, nameless }: { template: TemplateRow; nameless: boolean }) {
  const sample = nameless ? SAMPLE_CUSTOMER_NAMELESS : SAMPLE_CUSTOMER
  const subject = template.subject ? renderTemplate(template.subject, sample) : null
  const body = renderTemplate(template.body ?? '', sample)
  const missing = [...new Set([...(subject?.missing ?? []), ...body.missing])]
  const sms = template.channel === 'sms' ? countSms(body.text) : null
  return (
    <div className="template-preview">
      {subject ? (
        <p className="template-preview__subject">
          <span className="muted">Subject: </span>
          <Rendered r={subject} />
        </p>
      ) : null}
      <div className="template-preview__body" aria-label="Rendered body">
        <Rendered r={body} />
      </div>
      {missing.length > 0 ? (
        <p className="warn-text">
          No value and no fallback for {missing.map((m) => `{{${m}}}`).join(', ')}: the customer would see a gap. Add a fallback like {'{{name/there}}'}.
        </p>
      ) : null}
      {sms ? (
        <dl className="sms-facts" aria-label="SMS length">
          <div>
            <dt>Characters</dt>
            <dd>{sms.characters}</dd>
          </div>
          <div>
            <dt>Segments</dt>
            <dd>
              {sms.segments} <span className="muted">({sms.perSegment} per segment, {sms.remaining} left in the last)</span>
            </dd>
          </div>
          <div>
            <dt>Encoding</dt>
            <dd>
              {sms.encoding}
              {sms.encoding === 'UCS-2' ? (
                <span className="muted">
                  {' '}
                  because of{' '}
                  {sms.ucs2Characters.slice(0, 8).map((c) => (
                    <code key={c} className="sms-char">
                      {c}
                    </code>
                  ))}
                  {sms.ucs2Characters.length > 8 ? ' …' : ''} — with only GSM-7 characters a single message holds 160, not 70.
                </span>
              ) : null}
            </dd>
          </div>
        </dl>
      ) : null}
    </div>
  )
}
