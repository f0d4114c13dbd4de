import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectNoSeriousA11yViolations } from './support/a11y'
import { SCREENSHOT_DIR } from './support/files'
import { startWebHost, type RunningWebHost } from './support/web-host'

// The real app end to end: demo simulators -> sync engine -> SQLite cache -> inbox handlers -> web host ->
// Chromium. The second half runs with the simulators switched off and reads only the local copy.

let dataDir: string
let host: RunningWebHost | undefined

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'survey-desk-inbox-e2e-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
})
test.afterAll(async () => {
  await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

/** Starts (or restarts) the web host; with offline=true the demo simulators stay off. */
async function launch(page: Page, offline: boolean): Promise<void> {
  await host?.stop()
  host = undefined
  host = await startWebHost(dataDir, [], { demoOffline: offline })
  await page.goto(host.url)
}

function section(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true })
}

function list(page: Page): Locator {
  return page.getByRole('listbox', { name: /^Responses/ })
}

function filters(page: Page): Locator {
  return page.getByRole('form', { name: 'Filters' })
}

/** Page-wide shortcuts are tested from "nowhere in particular", as after a click on empty space. */
async function blurAll(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
}

/** The number in "1,234 responses" (or "100,000+ responses"). */
async function shownCount(page: Page): Promise<number> {
  const text = (await page.locator('.inbox__count strong').textContent()) ?? ''
  return Number(text.replace(/[^0-9]/g, ''))
}

/** Waits until the list shows rows again after a query change. */
async function listReady(page: Page): Promise<void> {
  await expect(list(page).getByRole('option').first()).toBeVisible()
  await expect(list(page).getByRole('option', { name: 'Loading…' })).toHaveCount(0)
}

/** j / k / Enter open a response whose answers show in the detail pane; Esc closes it. */
async function browseWithKeyboard(page: Page, shot: string): Promise<void> {
  await blurAll(page)
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await page.keyboard.press('j')
  await page.keyboard.press('k')
  const lb = list(page)
  await expect(lb).toBeFocused()
  await expect(lb).toHaveAttribute('aria-activedescendant', 'inbox-option-1')
  await expect(lb.getByRole('option', { selected: true })).toHaveAttribute('id', 'inbox-option-1')
  // Only visible rows exist: each tells assistive tech its place in the whole list.
  await expect(lb.locator('#inbox-option-1')).toHaveAttribute('aria-posinset', '2')
  expect(Number(await lb.locator('#inbox-option-1').getAttribute('aria-setsize'))).not.toBe(0)
  const customer = (await lb.locator('#inbox-option-1 .inbox-row__customer').textContent()) ?? ''
  await page.keyboard.press('Enter')
  const detail = page.getByRole('complementary')
  await expect(detail.getByRole('heading', { level: 2 })).toHaveText(customer === 'Anonymous' ? /Anonymous/ : customer)
  await expect(detail.getByRole('heading', { name: /^Answers \(\d+\)$/ })).toBeVisible()
  await expect(detail.getByRole('heading', { name: 'Customer' })).toBeVisible()
  await detail.getByText('Raw provider data').click()
  await expect(detail.getByLabel('Raw provider data (JSON)')).toContainText('{')
  await page.screenshot({ path: join(SCREENSHOT_DIR, shot) })
  await page.keyboard.press('Escape')
  await expect(detail).toHaveCount(0)
  await expect(lb).toBeFocused()
}

/** Provider + period filters narrow the list; every row shown is from that provider. */
async function filterByProviderAndPeriod(page: Page): Promise<void> {
  const all = await shownCount(page)
  await filters(page).getByLabel('Provider', { exact: true }).selectOption('customersure')
  await listReady(page)
  await expect.poll(() => shownCount(page)).toBeLessThan(all)
  const byProvider = await shownCount(page)
  expect(byProvider).toBeGreaterThan(0)
  await filters(page).getByLabel('Period', { exact: true }).selectOption('12-months')
  await listReady(page)
  await expect.poll(() => shownCount(page)).toBeLessThanOrEqual(byProvider)
  expect(await shownCount(page)).toBeGreaterThan(0)
  for (const source of await list(page).locator('.inbox-row__source').allTextContents()) expect(source).toContain('CustomerSure')

  // A score range the wrong way round is refused on its field, before anything is sent.
  const more = filters(page).getByRole('button', { name: /^(More|Fewer) filters/ })
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click()
  await expect(more).toHaveAttribute('aria-expanded', 'true')
  await filters(page).getByLabel('Min score', { exact: true }).fill('9')
  await filters(page).getByLabel('Max score', { exact: true }).fill('2')
  await expect(filters(page).getByLabel('Min score', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('#filter-minScore-error')).toContainText('Minimum score is above the maximum')
  await expectNoSeriousA11yViolations(page, 'inbox filter error')

  await filters(page).getByRole('button', { name: 'Clear filters' }).click()
  await listReady(page)
  await expect.poll(() => shownCount(page)).toBe(all)
}

/**
 * A tag or topic narrows the list to the rows carrying it (the label index, migration 11): the
 * first row's detail lists it among its tags or drivers; a search within it narrows it further.
 */
async function filterByTag(page: Page, shot: string): Promise<void> {
  const all = await shownCount(page)
  const more = filters(page).getByRole('button', { name: /^(More|Fewer) filters/ })
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click()
  const select = filters(page).getByLabel('Tag or topic', { exact: true })
  const tag = (await select.locator('option').nth(1).getAttribute('value')) ?? ''
  expect(tag).not.toBe('')
  await select.selectOption(tag)
  await listReady(page)
  await expect.poll(() => shownCount(page)).toBeLessThan(all)
  const tagged = await shownCount(page)
  expect(tagged).toBeGreaterThan(0)
  await list(page).getByRole('option').first().click()
  const detail = page.getByRole('complementary')
  await expect(detail.getByRole('list', { name: /^(Tags|Drivers)$/ }).getByText(tag, { exact: true }).first()).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOT_DIR, shot) })
  await page.keyboard.press('Escape')
  await page.getByRole('searchbox', { name: 'Search feedback' }).fill('service')
  await listReady(page)
  await expect.poll(() => shownCount(page)).toBeLessThan(tagged)
  await page.getByRole('searchbox', { name: 'Search feedback' }).fill('')
  await filters(page).getByRole('button', { name: 'Clear filters' }).click()
  await listReady(page)
  await expect.poll(() => shownCount(page)).toBe(all)
}

/** "societe" finds and highlights "société" (accent-insensitive on both sides). */
async function searchSociete(page: Page, shot: string): Promise<void> {
  await blurAll(page)
  await page.keyboard.press('/')
  const box = page.getByRole('searchbox', { name: 'Search feedback' })
  await expect(box).toBeFocused()
  await page.keyboard.type('societe')
  await listReady(page)
  const marks = list(page).locator('mark')
  await expect(marks.first()).toBeVisible()
  for (const m of (await marks.allTextContents()).slice(0, 20)) expect(m.toLowerCase()).toMatch(/^soci[eé]t[eé]/)
  await expect(list(page).locator('mark', { hasText: /société/i }).first()).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOT_DIR, shot) })
  await page.keyboard.press('Escape')
  await expect(list(page)).toBeFocused()
  await box.fill('')
  // The search is debounced: wait until the unfiltered list (no highlights) has replaced the results.
  await expect(list(page).locator('mark')).toHaveCount(0)
  await listReady(page)
}

test('the inbox syncs the demo, then browses, filters and searches the local copy with the providers off', async ({ page }) => {
  test.setTimeout(300_000)

  // ---- online: no connections yet -> demo -> first sync ----
  await launch(page, false)
  await expect(page.getByRole('heading', { name: 'Connections', exact: true })).toBeVisible()
  await section(page, 'Inbox').click()
  await expect(page.getByText('Add a connection or explore with demo data.')).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'inbox without connections')
  await page.getByRole('button', { name: 'Go to Connections' }).click()
  await page.getByRole('button', { name: 'Explore with demo data', exact: true }).click()
  await section(page, 'Inbox').click()
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible()
  // The sync status says when the first sync is over.
  await expect(page.getByRole('status').filter({ hasText: /^Last synced/ })).toBeVisible({ timeout: 180_000 })
  // The list filled itself from inbox.changed events while the sync ran (it opened empty).
  await listReady(page)
  expect(await shownCount(page)).toBeGreaterThan(100)
  // The exact figure to compare with offline: read fresh from the cache once everything is committed.
  await page.reload()
  await listReady(page)
  const syncedCount = await shownCount(page)
  await page.getByText('Sync status and schedule').click()
  await expect(page.locator('.sync__item')).toHaveCount(5)
  for (const s of await page.locator('.sync__state').allTextContents()) expect(s).toMatch(/^Synced /)
  // Last successful sync per stream too (CustomerSure alone has responses, surveys, sites, staff, templates).
  const streams = page.getByRole('list', { name: 'Last sync per connection and stream' }).locator('.sync__stream')
  expect(await streams.count()).toBeGreaterThan(5)
  for (const s of await streams.allTextContents()) expect(s).toMatch(/synced /)
  // The interval: hourly by default; a change is saved and survives a reload.
  const interval = page.getByLabel('Sync automatically')
  await expect(interval).toHaveValue('60')
  await interval.selectOption({ label: 'Every 2 hours' })
  await expect(interval).toBeEnabled()
  await expect(interval).toHaveValue('120')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'inbox-synced-light.png') })
  await expectNoSeriousA11yViolations(page, 'inbox after the first sync, light')
  await page.reload()
  await listReady(page)
  await page.getByText('Sync status and schedule').click()
  await expect(page.getByLabel('Sync automatically')).toHaveValue('120')
  await page.getByText('Sync status and schedule').click()

  await browseWithKeyboard(page, 'inbox-detail-light.png')
  await filterByProviderAndPeriod(page)
  await searchSociete(page, 'inbox-search-light.png')

  // ---- offline: the simulators are off; everything comes from the cache ----
  await launch(page, true)
  // With connections, the Inbox is where the app opens.
  await expect(page.getByRole('heading', { name: 'Inbox', exact: true })).toBeVisible()
  await listReady(page)
  expect(await shownCount(page)).toBe(syncedCount)
  const syncAll = page.getByRole('button', { name: 'Sync all now' })
  await expect(syncAll).toBeEnabled({ timeout: 60_000 })
  await syncAll.click()
  await expect(page.getByText('Offline — showing the local copy; sync resumes when the network is back.')).toBeVisible({ timeout: 60_000 })
  // The failed sync left the cache as it was.
  await listReady(page)
  expect(await shownCount(page)).toBe(syncedCount)
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'inbox-offline-light.png') })
  await expectNoSeriousA11yViolations(page, 'offline inbox, light')

  await browseWithKeyboard(page, 'inbox-offline-detail-light.png')
  await filterByProviderAndPeriod(page)
  await filterByTag(page, 'inbox-offline-tag-light.png')

  await page.emulateMedia({ colorScheme: 'dark' })
  await page.getByText('Sync status and schedule').click()
  await expect(page.getByLabel('Sync automatically')).toHaveValue('120')
  await expect(page.getByText('Offline: every connection is retried each minute')).toBeVisible()
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'inbox-sync-schedule-offline-dark.png') })
  await expectNoSeriousA11yViolations(page, 'sync schedule and status, offline, dark')
  await page.getByText('Sync status and schedule').click()
  await searchSociete(page, 'inbox-offline-search-dark.png')
  await list(page).focus()
  await page.keyboard.press('j')
  await expect(list(page)).toHaveAttribute('aria-activedescendant', /^inbox-option-\d+$/)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('complementary')).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'offline inbox with detail, dark')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'inbox-offline-detail-dark.png') })
})
