import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Download, type Locator, type Page } from '@playwright/test'
import { expectNoSeriousA11yViolations } from './support/a11y'
import { SCREENSHOT_DIR } from './support/files'
import { startWebHost, type RunningWebHost } from './support/web-host'

// Reports end to end on the demo workspace: simulators -> sync -> SQLite cache -> metric engine ->
// web host -> Chromium. Drills from a league table into the Inbox, closes the loop on a response,
// exports the report, and checks both themes.

let dataDir: string
let host: RunningWebHost | undefined

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'survey-desk-reports-e2e-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
})
test.afterAll(async () => {
  await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

function section(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true })
}

function filters(page: Page): Locator {
  return page.getByRole('form', { name: 'Filters' })
}

/** "1,234" -> 1234 (the page formats numbers in the browser's locale). */
function digits(text: string | null): number {
  return Number((text ?? '').replace(/[^0-9]/g, ''))
}

async function inboxCount(page: Page): Promise<number> {
  return digits(await page.locator('.inbox__count strong').textContent())
}

/** Waits until the report shows figures computed for these filters (the page names its scope once computed). */
async function reportReady(page: Page, scope: string): Promise<void> {
  await expect(page.locator('.reports__scope')).toHaveText(`${scope} · `)
  await expect(page.getByRole('progressbar', { name: 'Computing the report' })).toHaveCount(0)
  await expect(page.getByRole('group', { name: 'Headline figures' }).getByRole('button', { name: /^NPS, this period/ })).toBeVisible()
}

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()])
  const path = await download.path()
  return { download, bytes: readFileSync(path) }
}

test('reports on the demo: cards, charts, drill into the inbox, follow-ups, exports, both themes', async ({ page }) => {
  test.setTimeout(300_000)
  await page.setViewportSize({ width: 1400, height: 1700 })
  host = await startWebHost(dataDir)
  await page.goto(host.url)

  // ---- demo workspace and its first sync ----
  await page.getByRole('button', { name: 'Explore with demo data', exact: true }).click()
  await section(page, 'Inbox').click()
  await expect(page.getByRole('status').filter({ hasText: /^Last synced/ })).toBeVisible({ timeout: 180_000 })

  // ---- the report: cards and charts, over the last 12 months ----
  await section(page, 'Reports').click()
  await expect(page.getByRole('heading', { name: 'Reports', exact: true, level: 1 })).toBeVisible()
  await filters(page).getByLabel('Period', { exact: true }).selectOption('12-months')
  await reportReady(page, 'Last 12 months')
  const cards = page.getByRole('group', { name: 'Headline figures' })
  for (const metric of ['NPS', 'CSAT', 'CES']) {
    const card = cards.getByRole('region', { name: metric, exact: true })
    await expect(card.locator('.figure__n')).toHaveText(/^n = [\d,]+/)
    await expect(card.locator('.card__change')).toHaveText(/vs previous period|no change/)
  }
  const npsN = digits(await cards.getByRole('region', { name: 'NPS' }).locator('.figure__n').textContent())
  expect(npsN).toBeGreaterThan(100)

  const trend = page.getByRole('figure', { name: /^Trend: NPS by week/ })
  const points = trend.getByRole('group', { name: 'NPS by week' }).getByRole('button')
  expect(await points.count()).toBeGreaterThanOrEqual(50)
  // Not by colour alone: every mark says what it is in words.
  await expect(points.first()).toHaveAttribute('aria-label', /: NPS -?\d+ from [\d,]+ responses|no NPS/)
  const bars = page.getByRole('figure', { name: /^Distribution: NPS scores/ }).getByRole('button', { name: /^Score \d+ \((detractor|passive|promoter)\): / })
  await expect(bars).toHaveCount(11)
  let barTotal = 0
  for (const label of await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''))) barTotal += digits(label.split(': ')[1] ?? '')
  expect(barTotal).toBe(npsN)

  // Keyboard: one tab stop per chart, arrows move between the points.
  await points.first().focus()
  await page.keyboard.press('ArrowRight')
  await expect(points.nth(1)).toBeFocused()
  await expect(points.nth(1)).toHaveAttribute('tabindex', '0')
  await expect(points.first()).toHaveAttribute('tabindex', '-1')

  await page.screenshot({ path: join(SCREENSHOT_DIR, 'reports-light.png') })
  await expectNoSeriousA11yViolations(page, 'reports, light')

  // ---- drill: a league-table row opens the Inbox on exactly its responses ----
  const league = page.getByRole('table', { name: /NPS by site, best first/ })
  const firstRow = league.getByRole('row').nth(1)
  const site = (await firstRow.getByRole('rowheader').textContent()) ?? ''
  const rowN = digits(await firstRow.locator('.figure__n').textContent())
  expect(rowN).toBeGreaterThan(0)
  await firstRow.locator('.figure').click()
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible()
  await expect(page.locator('.drill-notice')).toContainText(`Site ${site}`)
  await expect.poll(() => inboxCount(page)).toBe(rowN)
  for (const where of (await page.locator('.inbox-row__where').allTextContents()).slice(0, 20)) expect(where).toContain(site)
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'reports-drill-inbox-light.png') })

  // The NPS card's detractors are a way in too: exactly as many responses, every one a detractor.
  await page.getByRole('button', { name: 'Back to Reports' }).click()
  await reportReady(page, 'Last 12 months')
  const detractorsLink = cards.getByRole('region', { name: 'NPS' }).getByRole('button', { name: /^[\d,]+ detractors?$/ })
  const detractors = digits(await detractorsLink.textContent())
  expect(detractors).toBeGreaterThan(0)
  await detractorsLink.click()
  await expect(page.locator('.drill-notice')).toContainText('detractor')
  await expect.poll(() => inboxCount(page)).toBe(detractors)
  for (const word of (await page.locator('.inbox-row .score__word').allTextContents()).slice(0, 20)) expect(word.toLowerCase()).toBe('detractor')

  // ---- close the loop: assign the first of those responses ----
  const list = page.getByRole('listbox', { name: /^Responses/ })
  await list.getByRole('option').first().click()
  await page.keyboard.press('Enter')
  const detail = page.getByRole('complementary')
  const customer = ((await detail.getByRole('heading', { level: 2 }).textContent()) ?? '').trim()
  await detail.getByRole('button', { name: /^(Follow up this detractor|Flag for follow-up)$/ }).click()
  await detail.getByLabel('Owner').fill('Sam Lead')
  await detail.getByLabel('Due').fill('2020-01-31')
  await detail.getByLabel('Notes').fill('Call back about the wait')
  await detail.getByRole('button', { name: 'Save follow-up' }).click()
  await expect(detail.locator('.followup-control__state')).toContainText('Owner: Sam Lead')
  await expect(detail.locator('.followup-control__state')).toContainText('overdue')

  await section(page, 'To follow up').click()
  const items = page.getByRole('list', { name: 'Follow-ups, overdue first' }).getByRole('listitem')
  await expect(items).toHaveCount(1)
  await expect(items.first()).toContainText(customer === 'Anonymous response' ? 'Anonymous response' : customer)
  await expect(items.first()).toContainText('Overdue')
  await expect(items.first()).toContainText('Owner: Sam Lead')
  await expectNoSeriousA11yViolations(page, 'to follow up, light')

  // ---- back on Reports: the counts, a saved definition, the exports ----
  await section(page, 'Reports').click()
  await reportReady(page, 'Last 12 months')
  const summary = page.getByRole('region', { name: 'To follow up' })
  await expect(summary).toContainText('1 open')
  await expect(summary).toContainText('1 overdue')

  // The providers' own figures, fetched on demand from the demo simulators, beside the local ones.
  await page.getByRole('button', { name: 'Fetch provider figures' }).click()
  const providerFigures = page.getByRole('region', { name: /^The providers' own NPS figures/ })
  await expect(providerFigures.getByRole('rowheader', { name: /^CustomerSure \(demo\)/ })).toBeVisible({ timeout: 60_000 })
  await expect(providerFigures.locator('.provider-figures__why li').first()).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'reports with provider figures, light')

  await page.getByRole('button', { name: 'Save report…' }).click()
  await page.getByLabel('Name', { exact: true }).fill('=Monday NPS')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Saved as “=Monday NPS”.' })).toBeVisible()

  const csv = await downloaded(page, () => page.getByRole('button', { name: 'Export CSV' }).click())
  expect(csv.download.suggestedFilename()).toMatch(/^survey-desk-monday-nps-\d{4}-\d{2}-\d{2}\.csv$/)
  expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const lines = csv.bytes.subarray(3).toString('utf8').split('\r\n')
  expect(lines).toContain("Report,'=Monday NPS")
  expect(lines.find((l) => l.startsWith('NPS,'))).toMatch(new RegExp(`^NPS,-?[\\d.]+,${npsN},`))
  expect(lines.some((l) => l.startsWith('League table by site'))).toBe(true)
  for (const line of lines) for (const cell of line.split(',')) expect(cell).not.toMatch(/^[=+@]/)

  const pdf = await downloaded(page, () => page.getByRole('button', { name: 'Export PDF' }).click())
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  const png = await downloaded(page, () => page.getByRole('button', { name: 'Save the trend chart as PNG' }).click())
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(png.bytes.length).toBeGreaterThan(5000)

  // ---- dark theme ----
  await page.emulateMedia({ colorScheme: 'dark' })
  await reportReady(page, 'Last 12 months')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'reports-dark.png') })
  await expectNoSeriousA11yViolations(page, 'reports, dark')
  await section(page, 'To follow up').click()
  await expect(items).toHaveCount(1)
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'reports-followups-dark.png') })
  await expectNoSeriousA11yViolations(page, 'to follow up, dark')
})
