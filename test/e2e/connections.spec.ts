import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { runCliProcess } from '../support/cli'
import { expectNoSeriousA11yViolations } from './support/a11y'
import { filesContaining, SCREENSHOT_DIR } from './support/files'
import { startSimulatorProcess } from './support/simulators'
import { startWebHost, type RunningWebHost } from './support/web-host'

// Runs inside the private keychain session that `npm test` starts: secrets really go to a Secret Service.
const CS_SECRET = `cs-e2e-${Date.now()}-SECRET`
const CG_SECRET = `cg-e2e-${Date.now()}-SECRET`
const CS_SECRET_2 = `cs-e2e-${Date.now()}-ROTATED`

let dataDir: string
let host: RunningWebHost | undefined

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'survey-desk-e2e-'))
})
test.afterAll(async () => {
  await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

async function open(page: Page): Promise<void> {
  await host?.stop()
  host = await startWebHost(dataDir)
  await page.goto(host.url)
  // With connections saved the app opens on the Inbox; this suite works on the Connections page.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Connections', exact: true }).click()
  await expect(page.getByRole('heading', { name: 'Connections', exact: true })).toBeVisible()
}

function row(page: Page, label: string) {
  return page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label }) })
}

test('add, edit and remove connections in the browser; they reach the CLI and survive a restart', async ({ page }) => {
  await open(page)
  await expect(page.getByText('Online', { exact: true })).toBeVisible()
  // the pairing code is spent and removed from the address bar
  expect(page.url()).not.toContain('#pair=')
  await expectNoSeriousA11yViolations(page, 'empty connections page')

  // CustomerSure: a missing company name is reported on its field before anything is sent
  await page.getByRole('button', { name: 'Add connection', exact: true }).click()
  await page.getByLabel('Provider', { exact: true }).selectOption('customersure')
  await page.getByLabel('Label', { exact: true }).fill('Acme CustomerSure')
  await page.getByLabel('API token', { exact: true }).fill(CS_SECRET)
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  const company = page.getByLabel('Company name', { exact: true })
  await expect(company).toHaveAttribute('aria-invalid', 'true')
  await expect(page.locator('#cf-company-error')).toContainText('Company name is required')
  await expectNoSeriousA11yViolations(page, 'form with errors')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'connections-form-errors.png'), fullPage: true })
  await company.fill('Acme Ltd')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'added' })).toContainText('Acme CustomerSure')
  await expect(row(page, 'Acme CustomerSure')).toContainText(/saved in keychain/i)

  // CustomerGauge: region, client id and client secret, plus a base URL override
  await page.getByRole('button', { name: 'Add connection', exact: true }).click()
  await page.getByLabel('Provider', { exact: true }).selectOption('customergauge')
  await page.getByLabel('Label', { exact: true }).fill('CG Europe')
  await page.getByLabel('Region', { exact: true }).selectOption('eu')
  await page.getByLabel('Client id', { exact: true }).fill('client-123')
  await page.getByLabel('Client secret', { exact: true }).fill(CG_SECRET)
  await page.getByLabel('Base URL (optional)', { exact: true }).fill('not a url')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(page.getByLabel('Base URL (optional)', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await page.getByLabel('Base URL (optional)', { exact: true }).fill('http://127.0.0.1:9/')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(row(page, 'CG Europe')).toContainText('CustomerGauge')

  // Edit: rename and rotate the secret
  await page.getByRole('button', { name: 'Edit Acme CustomerSure', exact: true }).click()
  await expect(page.getByLabel('API token', { exact: true })).toHaveValue('')
  await page.getByLabel('Label', { exact: true }).fill('Acme CS (EU)')
  await page.getByLabel('API token', { exact: true }).fill(CS_SECRET_2)
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(row(page, 'Acme CS (EU)')).toContainText(/saved in keychain/i)
  await expect(row(page, 'Acme CustomerSure')).toHaveCount(0)
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'connections-list.png'), fullPage: true })
  await expectNoSeriousA11yViolations(page, 'connections list')

  // The CLI sees what the browser added, through the same store and keychain
  const listed = await runCliProcess(['connections', 'list', '--json', '--data-dir', dataDir])
  expect(listed.code).toBe(0)
  const { connections } = JSON.parse(listed.stdout) as { connections: Array<{ label: string; provider: string; secret: string; region: string | null }> }
  expect(connections.map((c) => [c.label, c.provider, c.secret]).sort()).toEqual([
    ['Acme CS (EU)', 'customersure', 'set'],
    ['CG Europe', 'customergauge', 'set']
  ])

  // Restart the web host: same data folder, new token, everything still there
  await host!.stop()
  host = undefined
  await open(page)
  await expect(row(page, 'Acme CS (EU)')).toBeVisible()
  await expect(row(page, 'CG Europe')).toContainText('Region')

  // No secret was written anywhere in the data folder (database, WAL, URL file)
  for (const secret of [CS_SECRET, CS_SECRET_2, CG_SECRET]) expect(filesContaining(dataDir, secret)).toEqual([])

  // Remove, confirmed in a dialog
  await page.getByRole('button', { name: 'Remove CG Europe', exact: true }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('CG Europe')
  await expectNoSeriousA11yViolations(page, 'remove dialog')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'connections-remove-dialog.png') })
  await dialog.getByRole('button', { name: 'Remove connection', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: 'removed' })).toContainText('keychain entry')
  await expect(row(page, 'CG Europe')).toHaveCount(0)

  const after = await runCliProcess(['connections', 'list', '--json', '--data-dir', dataDir])
  expect((JSON.parse(after.stdout) as { connections: unknown[] }).connections).toHaveLength(1)
})

test('dark theme renders the same page accessibly', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' })
  await open(page)
  await expectNoSeriousA11yViolations(page, 'connections page, dark')
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'connections-dark.png'), fullPage: true })
})

test('Test connection reports works, then credentials rejected, in words', async ({ page }) => {
  const sim = await startSimulatorProcess('customersure', ['--volume', '20'])
  try {
    await open(page)
    await page.getByRole('button', { name: 'Add connection', exact: true }).click()
    await page.getByLabel('Provider', { exact: true }).selectOption('customersure')
    await page.getByLabel('Label', { exact: true }).fill('CS simulator')
    await page.getByLabel('API token', { exact: true }).fill(sim.credentials.secret)
    await page.getByLabel('Company name', { exact: true }).fill(sim.credentials.companyName ?? 'Survey Desk Demo')
    await page.getByLabel('Base URL (optional)', { exact: true }).fill(sim.baseUrl)
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await expect(row(page, 'CS simulator')).toContainText('Not tested yet')

    await page.getByRole('button', { name: 'Test CS simulator', exact: true }).click()
    await expect(row(page, 'CS simulator')).toContainText('Works')
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'connections-test-works.png'), fullPage: true })

    await page.getByRole('button', { name: 'Edit CS simulator', exact: true }).click()
    await page.getByLabel('API token', { exact: true }).fill('not-the-right-token')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByRole('button', { name: 'Test CS simulator', exact: true }).click()
    await expect(row(page, 'CS simulator')).toContainText('Credentials rejected')
    await expect(row(page, 'CS simulator')).not.toContainText('not-the-right-token')
    await expectNoSeriousA11yViolations(page, 'connection test results')
  } finally {
    await sim.stop()
  }
})
