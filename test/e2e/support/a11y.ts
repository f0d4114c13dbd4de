import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/**
 * The page as a user would see it once still: the theme store has applied the colour scheme the
 * test just emulated (or the one the user chose), and no CSS transition (colours on a theme switch) is half-way; looping animations such as a progress shimmer are left running — axe
 * measuring contrast mid-transition sees a mix of two palettes.
 */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const chosen = localStorage.getItem('survey-desk.theme')
    const expected = chosen === 'light' || chosen === 'dark' ? chosen : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
    return document.documentElement.getAttribute('data-theme') === expected
  })
  await page.waitForFunction(() => document.getAnimations().every((a) => !(a instanceof CSSTransition) || a.playState !== 'running'))
}

/** axe-core over the whole page: no serious or critical violation may remain. */
export async function expectNoSeriousA11yViolations(page: Page, context: string): Promise<void> {
  await settled(page)
  const results = await new AxeBuilder({ page }).analyze()
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
  expect(bad, `axe violations on ${context}`).toEqual([])
}
