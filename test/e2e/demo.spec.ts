import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { runCliProcess } from '../support/cli'
import { expectNoSeriousA11yViolations } from './support/a11y'
import { SCREENSHOT_DIR } from './support/files'
import { startWebHost, type RunningWebHost } from './support/web-host'

let dataDir: string
let host: RunningWebHost | undefined

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'survey-desk-e2e-demo-'))
})
test.afterAll(async () => {
  await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const PROVIDER_NAMES = ['CustomerSure', 'Enco Promoter Survey', 'CustomerGauge', 'FeedbackAPI', 'Nicereply']

async function openConnections(page: Page): Promise<void> {
  await host?.stop()
  host = await startWebHost(dataDir)
  await page.goto(host.url)
  // With connections the app may open on another section; the sidebar always leads here.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Connections', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Connections', exact: true })).toBeVisible()
}

function demoRows(page: Page) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /\(demo\)/ }) })
}

test('explore with demo data, then remove it in one click', async ({ page }) => {
  await openConnections(page)
  const explore = page.getByRole('button', { name: 'Explore with demo data', exact: true })
  await expect(explore).toBeVisible()
  await expect(page.getByText(/simulated survey providers on this computer/)).toBeVisible()
  await expect(page.getByText(/No\s+account or internet connection is needed/)).toBeVisible()
  await expectNoSeriousA11yViolations(page, 'empty connections page with the demo offer')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-offer.png'), fullPage: true })

  await explore.click()
  await expect(page.getByRole('status').filter({ hasText: 'Demo data added' })).toBeVisible()
  await expect(demoRows(page)).toHaveCount(5)
  for (const name of PROVIDER_NAMES) {
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${name} (demo)` }) })
    await expect(row).toContainText('Demo')
    await expect(row).toContainText(/built-in demo credential/i)
  }
  // Nothing to edit on a demo connection; it can be tested like any other.
  await expect(page.getByRole('button', { name: /^Edit .*\(demo\)$/ })).toHaveCount(0)
  await page.getByRole('button', { name: 'Test CustomerGauge (demo)', exact: true }).click()
  await expect(demoRows(page).filter({ hasText: 'CustomerGauge' })).toContainText('Works')
  await expectNoSeriousA11yViolations(page, 'demo connections')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-connections.png'), fullPage: true })

  // The CLI sees the same demo connections, and the keychain holds none of their credentials.
  const listed = await runCliProcess(['connections', 'list', '--json', '--data-dir', dataDir])
  expect(listed.code, listed.stderr).toBe(0)
  const { connections } = JSON.parse(listed.stdout) as { connections: Array<{ isDemo: boolean }> }
  expect(connections.filter((c) => c.isDemo)).toHaveLength(5)

  // A restart brings the simulators back on new ports; the rows stay and still work.
  await openConnections(page)
  await expect(demoRows(page)).toHaveCount(5)
  await page.getByRole('button', { name: 'Test Nicereply (demo)', exact: true }).click()
  await expect(demoRows(page).filter({ hasText: 'Nicereply' })).toContainText('Works')

  // One click (and a confirmation) removes them all.
  await page.getByRole('button', { name: 'Remove demo data', exact: true }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('5 demo connections')
  await expectNoSeriousA11yViolations(page, 'remove demo dialog')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-remove-dialog.png') })
  await dialog.getByRole('button', { name: 'Remove demo data', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Demo data removed' })).toBeVisible()
  await expect(demoRows(page)).toHaveCount(0)
  await expect(page.getByRole('button', { name: 'Explore with demo data', exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Remove demo data', exact: true })).toHaveCount(0)
  await expectNoSeriousA11yViolations(page, 'connections page after removing the demo')
})

test('dark theme: the demo offer and demo rows read well', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await openConnections(page)
  await page.getByRole('button', { name: 'Explore with demo data', exact: true }).click()
  await expect(demoRows(page)).toHaveCount(5)
  await expectNoSeriousA11yViolations(page, 'demo connections, dark')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'demo-connections-dark.png'), fullPage: true })
  await page.getByRole('button', { name: 'Remove demo data', exact: true }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Remove demo data', exact: true }).click()
  await expect(demoRows(page)).toHaveCount(0)
})
