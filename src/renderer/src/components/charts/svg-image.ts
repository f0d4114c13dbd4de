/**
 * Turns an on-screen chart into a PNG. The chart's colours come from CSS variables (two themes), which
 * a standalone SVG image cannot see, so each element's computed paint is copied onto the clone first.
 */
const PAINT = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity', 'font-size', 'font-family', 'font-weight', 'visibility', 'display'] as const

function inlinePaint(source: Element, clone: Element): void {
  const style = getComputedStyle(source)
  for (const prop of PAINT) {
    const value = style.getPropertyValue(prop)
    if (value) clone.setAttribute(prop, value)
  }
  clone.removeAttribute('class')
  const from = source.children
  const to = clone.children
  for (let i = 0; i < from.length && i < to.length; i++) inlinePaint(from[i]!, to[i]!)
}

const SVG_NS = 'http://www.w3.org/2000/svg'
const TITLE_HEIGHT = 30

/** The chart as a self-contained SVG document (paint inlined) at its viewBox size, with its title above it. */
export function standaloneSvg(svg: SVGSVGElement, title?: string): { markup: string; width: number; height: number } {
  const clone = svg.cloneNode(true) as SVGSVGElement
  inlinePaint(svg, clone)
  const box = svg.viewBox.baseVal
  const width = box?.width || svg.clientWidth || 640
  const chartHeight = box?.height || svg.clientHeight || 240
  const top = title ? TITLE_HEIGHT : 0
  clone.setAttribute('width', String(width))
  clone.setAttribute('height', String(chartHeight))
  clone.setAttribute('y', String(top))
  const outer = document.createElementNS(SVG_NS, 'svg')
  outer.setAttribute('xmlns', SVG_NS)
  outer.setAttribute('width', String(width))
  outer.setAttribute('height', String(chartHeight + top))
  outer.setAttribute('viewBox', `0 0 ${width} ${chartHeight + top}`)
  const bg = getComputedStyle(svg.querySelector('.chart__bg') ?? svg).getPropertyValue('fill') || '#ffffff'
  const back = document.createElementNS(SVG_NS, 'rect')
  back.setAttribute('width', '100%')
  back.setAttribute('height', '100%')
  back.setAttribute('fill', bg)
  outer.appendChild(back)
  if (title) {
    const text = document.createElementNS(SVG_NS, 'text')
    text.textContent = title
    text.setAttribute('x', '12')
    text.setAttribute('y', '21')
    text.setAttribute('font-size', '15')
    text.setAttribute('font-weight', '650')
    text.setAttribute('font-family', getComputedStyle(svg).getPropertyValue('font-family'))
    text.setAttribute('fill', getComputedStyle(svg).getPropertyValue('color'))
    outer.appendChild(text)
  }
  outer.appendChild(clone)
  return { markup: new XMLSerializer().serializeToString(outer), width, height: chartHeight + top }
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('The chart could not be drawn as an image'))
    img.src = src
  })
}

/** PNG bytes of the chart, drawn at `scale` × its size for sharp print and slides. */
export async function svgToPng(svg: SVGSVGElement, title?: string, scale = 2): Promise<Blob> {
  const { markup, width, height } = standaloneSvg(svg, title)
  // data: is the one image source the page's CSP allows besides the app's own origin.
  const img = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`)
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(width * scale)
  canvas.height = Math.round(height * scale)
  const g = canvas.getContext('2d')
  if (!g) throw new Error('This browser cannot draw images (no 2D canvas)')
  g.drawImage(img, 0, 0, canvas.width, canvas.height)
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The chart could not be encoded as PNG'))), 'image/png'))
}
