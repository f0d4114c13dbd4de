import { TONES, type Tone } from './tones'

/**
 * One fill per tone, told apart without colour: good is solid, middling has diagonal stripes, bad has
 * a cross-hatch, neutral is dotted. Colours come from reports.css tokens (light and dark).
 */
export function TonePatterns({ chartId }: { chartId: string }) {
  return (
    <defs>
      {TONES.map((tone) => (
        <pattern key={tone} id={`${chartId}-tone-${tone}`} patternUnits="userSpaceOnUse" width="8" height="8">
          <rect width="8" height="8" className={`chart__tone-bg chart__tone-bg--${tone}`} />
          <ToneMarks tone={tone} />
        </pattern>
      ))}
    </defs>
  )
}

function ToneMarks({ tone }: { tone: Tone }) {
  switch (tone) {
    case 'good':
      return null
    case 'mid':
      return <path d="M-2 2l4-4M0 8l8-8M6 10l4-4" className={`chart__tone-mark chart__tone-mark--${tone}`} />
    case 'bad':
      return <path d="M0 0l8 8M8 0l-8 8" className={`chart__tone-mark chart__tone-mark--${tone}`} />
    case 'none':
      return <circle cx="4" cy="4" r="1.4" className={`chart__tone-dot chart__tone-mark--${tone}`} />
  }
}

/** A legend swatch drawn with the same pattern as the marks it explains. */
export function ToneSwatch({ chartId, tone }: { chartId: string; tone: Tone }) {
  return (
    <svg className="chart__swatch" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <rect x="0.5" y="0.5" width="13" height="13" fill={`url(#${chartId}-tone-${tone})`} className="chart__swatch-frame" />
    </svg>
  )
}
