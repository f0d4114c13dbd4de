/** How a mark reads: good / middling / bad / neutral. Shown by pattern and words, colour only repeats it. */
export type Tone = 'good' | 'mid' | 'bad' | 'none'

export const TONES: Tone[] = ['good', 'mid', 'bad', 'none']

/** The fill of a mark of this tone inside the chart whose id is `chartId` (patterns are per chart). */
export function toneFill(chartId: string, tone: Tone): string {
  return `url(#${chartId}-tone-${tone})`
}
