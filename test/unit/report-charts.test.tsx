import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { BarChart, type Bar } from '../../src/renderer/src/components/charts/BarChart'
import { LineChart, type LinePoint } from '../../src/renderer/src/components/charts/LineChart'

function point(i: number, value: number | null, muted = false): LinePoint {
  return { key: `k${i}`, label: `W${i}`, value, n: muted ? 3 : 40, muted, description: `Week ${i}: NPS ${value ?? 'none'}` }
}

describe('LineChart', () => {
  const points = [point(0, 10), point(1, null), point(2, 30, true), point(3, -20)]
  const html = renderToStaticMarkup(<LineChart label="NPS by week" points={points} domain={[-100, 100]} format={String} />)

  it('names every mark in words and makes one of them the tab stop', () => {
    const marks = [...html.matchAll(/<g role="button" aria-label="([^"]+)"[^>]*tabindex="(-?\d)"/g)].map((m) => [m[1], m[2]])
    expect(marks).toEqual([
      ['Week 0: NPS 10', '0'],
      ['Week 1: NPS none', '-1'],
      ['Week 2: NPS 30', '-1'],
      ['Week 3: NPS -20', '-1']
    ])
    expect(html).toContain('role="group" aria-label="NPS by week"')
  })

  it('cuts the line at an empty bucket, draws small samples hollow with their n, and an empty bucket as a cross', () => {
    const lines = html.match(/class="chart__line" d="[^"]+"/g) ?? []
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/d="M[\d.]+,[\d.]+"/)
    expect(html.match(/chart__marker--muted/g)).toHaveLength(1)
    expect(html).toContain('n=3')
    expect(html.match(/chart__marker--empty/g)).toHaveLength(1)
    // The zero line is drawn as an axis (not a grid line) when the domain spans it: halfway down the plot.
    expect(html).toMatch(/class="chart__axis" x1="44" x2="624" y1="110" y2="110"/)
  })
})

describe('BarChart', () => {
  const bars: Bar[] = [
    { key: '0', label: '0', count: 5, tone: 'bad', description: 'Score 0 (detractor): 5 responses' },
    { key: '7', label: '7', count: 12, tone: 'mid', description: 'Score 7 (passive): 12 responses' },
    { key: '10', label: '10', count: 30, tone: 'good', description: 'Score 10 (promoter): 30 responses' }
  ]
  const html = renderToStaticMarkup(<BarChart id="dist" label="NPS score distribution" bars={bars} />)

  it('fills each bar with its tone pattern (not colour alone) and prints its count', () => {
    for (const tone of ['good', 'mid', 'bad', 'none']) expect(html).toContain(`<pattern id="dist-tone-${tone}"`)
    expect(html).toContain('fill="url(#dist-tone-bad)"')
    expect(html).toContain('fill="url(#dist-tone-mid)"')
    expect(html).toContain('fill="url(#dist-tone-good)"')
    const counts = [...html.matchAll(/class="chart__value"[^>]*>(\d+)</g)].map((m) => Number(m[1]))
    expect(counts).toEqual([5, 12, 30])
  })

  it('gives taller bars to larger counts', () => {
    const heights = [...html.matchAll(/class="chart__bar-fill[^"]*"[^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]))
    expect(heights).toHaveLength(3)
    expect(heights[0]!).toBeLessThan(heights[1]!)
    expect(heights[1]!).toBeLessThan(heights[2]!)
    expect(html).toMatch(/^<svg[^>]* role="group" aria-label="NPS score distribution"/)
  })
})
