import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectNoSeriousA11yViolations } from './support/a11y'
import { SCREENSHOT_DIR } from './support/files'
import { startWebHost, type RunningWebHost } from './support/web-host'

// The manage pages end to end: demo simulators -> sync -> cache -> manage handlers -> web host -> Chromium.
// One demo workspace is synced once and shared by every page's test (serial), then the last test turns
// the simulators off, queues a change on each page, and turns them on again to see each delivered.

// Generous per-test limits: each page runs axe twice per screenshot pair on a machine shared with other builds.
test.describe.configure({ mode: 'serial', timeout: 180_000 })

let dataDir: string
let host: RunningWebHost | undefined
let page: Page

/** Starts (or restarts) the web host; with offline=true the demo simulators stay off. */
async function launch(offline: boolean): Promise<void> {
  await host?.stop()
  host = undefined
  host = await startWebHost(dataDir, [], { demoOffline: offline })
  await page.goto(host.url)
}

async function go(name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible()
}

function table(caption: string): Locator {
  return page.getByRole('table', { name: caption, exact: true })
}

function row(t: Locator, name: string | RegExp): Locator {
  return t.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: typeof name === 'string' }) })
}

/** The row just below a data row that carries its pending / rejected change. */
function outboxOf(r: Locator): Locator {
  return r.locator('xpath=following-sibling::tr[1][contains(@class, "row-outbox-row")]')
}

function dialog(): Locator {
  return page.getByRole('dialog')
}

function field(label: string): Locator {
  // Optional fields say so after the label: "City (optional)".
  return dialog().getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(optional\\))?$`))
}

async function search(sectionTitle: string, text: string): Promise<void> {
  const region = page.getByRole('region', { name: sectionTitle })
  await region.getByRole('searchbox').fill(text)
  // The rows answer the typed search only after its debounce and query: a click before that can
  // land on a row the list is about to replace.
  await expect(region.locator('.manage-table')).toHaveAttribute('aria-busy', 'false')
}

/** The page's report of the last change (the top bar's online state is a status too, outside main). */
function status(): Locator {
  return page.getByRole('main').getByRole('status').first()
}

/** axe and a screenshot in each theme; `focus` is scrolled into view first (the main area scrolls, not the page). */
async function shots(name: string, focus?: Locator): Promise<void> {
  if (focus) await focus.scrollIntoViewIfNeeded()
  await page.emulateMedia({ colorScheme: 'light' })
  await expectNoSeriousA11yViolations(page, `${name}, light`)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `manage-${name}-light.png`) })
  await page.emulateMedia({ colorScheme: 'dark' })
  await expectNoSeriousA11yViolations(page, `${name}, dark`)
  await page.screenshot({ path: join(SCREENSHOT_DIR, `manage-${name}-dark.png`) })
  await page.emulateMedia({ colorScheme: 'light' })
}

/** Submits the open form and waits for it to close (the write was delivered or queued). */
async function save(label: RegExp | string): Promise<void> {
  await dialog().getByRole('button', { name: label }).click()
  await expect(dialog()).toHaveCount(0, { timeout: 20_000 })
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000)
  dataDir = mkdtempSync(join(tmpdir(), 'survey-desk-manage-e2e-'))
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // axe needs a page of a context the test made itself.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  page = await context.newPage()
  await launch(false)
  await page.getByRole('button', { name: 'Explore with demo data', exact: true }).click()
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Inbox', exact: true }).click()
  await expect(page.getByRole('status').filter({ hasText: /^Last synced/ })).toBeVisible({ timeout: 240_000 })
})

test.afterAll(async () => {
  await page?.context().close()
  await host?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

test('Sites: CustomerSure sites and FeedbackAPI locations, with provider errors on their fields and links', async () => {
  await go('Sites')
  const sites = table('CustomerSure sites')
  await expect(sites.getByRole('row').nth(1)).toBeVisible()
  await expect(page.getByText(/has no way to delete a site/)).toBeVisible()

  // Create; then the provider refuses the same code again, on the Site code field.
  await page.getByRole('button', { name: 'New site' }).click()
  await field('Site code').fill('E2E-SITE-1')
  await field('Name').fill('E2E Harbour Street')
  await field('Region').fill('North')
  await field('City').fill('Leeds')
  await save('Create site')
  await expect(status()).toBeVisible()
  await search('CustomerSure sites', 'E2E Harbour')
  await expect(row(sites, 'E2E Harbour Street')).toContainText('E2E-SITE-1')

  await page.getByRole('button', { name: 'New site' }).click()
  // Nothing leaves the renderer while a required field is empty.
  await dialog().getByRole('button', { name: 'Create site' }).click()
  await expect(field('Site code')).toHaveAttribute('aria-invalid', 'true')
  await expect(field('Site code')).toBeFocused()
  await field('Site code').fill('E2E-SITE-1')
  await field('Name').fill('E2E Duplicate')
  await field('Region').fill('North')
  await dialog().getByRole('button', { name: 'Create site' }).click()
  await expect(field('Site code')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog().locator('.field__error')).toContainText(/taken/)
  await shots('sites-error')
  await dialog().getByRole('button', { name: 'Cancel' }).click()

  // Edit.
  await row(sites, 'E2E Harbour Street').getByRole('button', { name: 'Edit E2E Harbour Street' }).click()
  await field('City').fill('York')
  await save('Save site')
  await expect(row(sites, 'E2E Harbour Street')).toContainText('York')

  // FeedbackAPI: create, edit, deactivate after a confirmation.
  const locations = table('FeedbackAPI locations')
  await page.getByRole('button', { name: 'New location' }).click()
  await field('Name').fill('E2E Quayside')
  await field('Country code').fill('gb')
  await field('Address line 1').fill('1 Quay Road')
  await save('Create location')
  await search('FeedbackAPI locations', 'E2E Quayside')
  await expect(row(locations, 'E2E Quayside')).toContainText('GB')
  await row(locations, 'E2E Quayside').getByRole('button', { name: 'Edit E2E Quayside' }).click()
  await field('Postal code').fill('NE1 3RF')
  await save('Save location')
  await expect(row(locations, 'E2E Quayside')).toContainText('NE1 3RF')
  await row(locations, 'E2E Quayside').getByRole('button', { name: 'Deactivate E2E Quayside' }).click()
  await expect(dialog()).toContainText('campaigns stop')
  await dialog().getByRole('button', { name: 'Deactivate location' }).click()
  await expect(row(locations, 'E2E Quayside')).toHaveCount(0)
  await page.getByRole('region', { name: 'FeedbackAPI locations' }).getByLabel('Show deactivated').check()
  await expect(row(locations, 'E2E Quayside')).toContainText('Deactivated')
  await search('FeedbackAPI locations', '')
  await search('CustomerSure sites', '')

  // Sorting by keyboard: Enter on a column header sorts by it, again reverses.
  const codeHeader = sites.getByRole('columnheader', { name: /^Code/ })
  await codeHeader.getByRole('button').focus()
  await page.keyboard.press('Enter')
  await expect(codeHeader).toHaveAttribute('aria-sort', 'ascending')
  await page.keyboard.press('Enter')
  await expect(codeHeader).toHaveAttribute('aria-sort', 'descending')

  // Links: confirm a suggested pair, then undo it.
  const linksRegion = page.getByRole('region', { name: 'Same place at two providers' })
  const suggestion = linksRegion.getByRole('button', { name: /^Link / }).first()
  await expect(suggestion).toBeVisible()
  const label = (await suggestion.getAttribute('aria-label')) ?? ''
  await suggestion.click()
  const pair = label.replace(/^Link /, '').split(' with ')
  const unlink = linksRegion.getByRole('button', { name: `Unlink ${pair[0]} and ${pair[1]}` })
  await expect(unlink).toBeVisible()
  await shots('sites-links', linksRegion)
  await page.getByRole('heading', { level: 1, name: 'Sites' }).scrollIntoViewIfNeeded()
  await shots('sites')
  await unlink.click()
  await expect(unlink).toHaveCount(0)
})

test('Staff & teams: look up staff, create Nicereply agents and things, invite and remove FeedbackAPI users', async () => {
  await go('Staff & teams')
  const staff = table('CustomerSure staff')
  const first = staff.getByRole('row').nth(1)
  await expect(first).toBeVisible()
  const email = (await first.getByRole('cell').first().textContent()) ?? ''
  await search('CustomerSure staff', email)
  await expect(staff.getByRole('row')).toHaveCount(2)

  const users = table('Nicereply users')
  await page.getByRole('button', { name: 'New agent' }).click()
  await field('Full name').fill('E2E Agent Ada')
  await field('Username').fill('e2e-ada')
  await field('E-mail').fill('not-an-email')
  await dialog().getByRole('button', { name: 'Create agent' }).click()
  await expect(field('E-mail')).toHaveAttribute('aria-invalid', 'true')
  await field('E-mail').fill('ada.e2e@example.com')
  await save('Create agent')
  await search('Nicereply users', 'E2E Agent')
  await expect(row(users, 'E2E Agent Ada')).toContainText('e2e-ada')

  // The provider refuses a username it already has, on the Username field.
  await page.getByRole('button', { name: 'New thing or action' }).click()
  await field('Name').fill('E2E Delivery')
  await field('Username').fill('e2e-ada')
  await dialog().getByRole('button', { name: 'Create', exact: true }).click()
  await expect(field('Username')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog().locator('.field__error')).toContainText('already used')
  await shots('staff-error')
  await field('Username').fill('e2e-delivery')
  await save(/^Create$/)
  await search('Nicereply users', 'E2E Delivery')
  await expect(row(users, 'E2E Delivery')).toBeVisible()

  const faUsers = table('FeedbackAPI users')
  await page.getByRole('button', { name: 'Invite user' }).click()
  await field('E-mail').fill('e2e.invitee@example.com')
  await dialog().getByLabel('Send the invitation e-mail').uncheck()
  await save('Invite')
  await expect(status()).toContainText('no e-mail was sent')
  // An invitation not yet accepted is not an active user: it shows with the invited ones.
  const showInvited = page.getByRole('region', { name: 'FeedbackAPI users' }).getByLabel(/^Show invited/)
  await showInvited.check()
  await search('FeedbackAPI users', 'e2e.invitee')
  const invitee = faUsers.getByRole('row').filter({ hasText: 'e2e.invitee@example.com' })
  await expect(invitee).toContainText('Invited')
  // FeedbackAPI gives an invitation no id until it is accepted: nothing to remove yet, and the row says so.
  await expect(invitee).toContainText('Invitation not yet accepted')
  await showInvited.uncheck()
  await search('FeedbackAPI users', '')
  const someone = faUsers.getByRole('row').nth(1)
  const someoneName = ((await someone.getByRole('rowheader').textContent()) ?? '').trim()
  await someone.getByRole('button', { name: `Remove ${someoneName}` }).click()
  await dialog().getByRole('button', { name: 'Remove user' }).click()
  await expect(status()).toContainText('removed')
  await expect(row(faUsers, someoneName)).toHaveCount(0)
  await search('FeedbackAPI users', '')
  await search('Nicereply users', '')
  await expect(table('Nicereply teams').getByRole('row').nth(1)).toBeVisible()
  await shots('staff')
})

test('Templates: e-mail templates rendered for a sample customer, SMS templates with length and encoding', async () => {
  await go('Templates')
  const email = table('CustomerSure E-mail templates')
  const firstEmail = email.getByRole('row').nth(1)
  await expect(firstEmail).toBeVisible()
  // Archived templates stay out of the way until asked for.
  await expect(email.getByRole('row').filter({ hasText: 'Archived' })).toHaveCount(0)
  await page.getByRole('region', { name: 'CustomerSure e-mail templates' }).getByLabel('Show archived').check()
  await expect(email.getByRole('row').filter({ hasText: 'Archived' }).first()).toBeVisible()

  // "{{name/Hi}}, how did we do?": the sample customer's name, or the fallback for a customer without one.
  const postSale = email.getByRole('row').filter({ hasText: '{{name/Hi}}, how did we do?' }).first()
  await postSale.getByRole('button', { name: /^Preview / }).click()
  const preview = page.getByRole('region', { name: /^Preview of / }).first()
  await expect(preview).toContainText('Subject: Alex, how did we do?')
  await expect(preview.getByLabel('Rendered body')).not.toContainText('{{')
  await page.getByLabel('A customer with no name on record (fallbacks)').check()
  await expect(preview).toContainText('Subject: Hi, how did we do?')
  await page.getByLabel('Alex Morgan (a customer with a name)').check()

  const sms = table('CustomerSure SMS templates')
  await sms.getByRole('row').nth(1).getByRole('button', { name: /^Preview / }).click()
  const smsPreview = page.getByRole('region', { name: /^Preview of / }).last()
  await expect(smsPreview.getByLabel('SMS length')).toContainText(/Segments\s*\d+/)
  await expect(smsPreview.getByLabel('SMS length')).toContainText(/GSM-7|UCS-2/)
  await shots('templates')
})

test('Surveys: create an Enco survey, add a question in another language, delete it only after typing its name', async () => {
  await go('Surveys')
  await expect(table('CustomerSure surveys').getByRole('row').nth(1)).toBeVisible()
  await expect(table('Nicereply surveys').getByRole('row').nth(1)).toBeVisible()
  const enco = table('Enco surveys')

  await page.getByRole('button', { name: 'New survey' }).click()
  await field('Survey name').fill('E2E waffles')
  await field('Interaction type').fill('general')
  await field('First question').fill('How likely are you to recommend our waffles?')
  await field('Language of the question').fill('en-GB')
  await save('Create survey')
  await search('Enco surveys', 'E2E waffles')
  await expect(row(enco, 'E2E waffles')).toContainText('general')

  await row(enco, 'E2E waffles').getByRole('button', { name: 'Add a question to E2E waffles' }).click()
  await field('Question').fill('Recommanderiez-vous nos gaufres ?')
  // Enco refuses what is not a language code, on the Language field.
  await field('Language').fill('in French please')
  await dialog().getByRole('button', { name: 'Add question' }).click()
  await expect(field('Language')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog().locator('.field__error')).toContainText('language code')
  await shots('surveys-error')
  await field('Language').fill('FR')
  await save('Add question')
  await expect(row(enco, 'E2E waffles')).toContainText(/en-GB, fr/i)

  await row(enco, 'E2E waffles').getByRole('button', { name: 'Delete E2E waffles' }).click()
  const del = dialog().getByRole('button', { name: 'Delete survey and its responses' })
  await expect(del).toBeDisabled()
  await dialog().getByLabel(/to confirm$/).fill('E2E waffle')
  await expect(del).toBeDisabled()
  await shots('surveys-delete')
  await dialog().getByLabel(/to confirm$/).fill('E2E waffles')
  await del.click()
  await expect(dialog()).toHaveCount(0)
  await expect(row(enco, 'E2E waffles')).toHaveCount(0)
  await search('Enco surveys', '')
  await shots('surveys')
})

test('Customers: FeedbackAPI create (an existing e-mail updates), edit, opt out, delete; provider errors on their fields', async () => {
  await go('Customers')
  const customers = table('FeedbackAPI customers')
  await expect(customers.getByRole('row').nth(1)).toBeVisible()
  // Another customer's e-mail, which the provider refuses to give to a second one.
  const takenEmail = ((await customers.getByRole('row').filter({ hasText: '@' }).first().getByRole('cell').first().textContent()) ?? '').trim()
  expect(takenEmail).toContain('@')

  await page.getByRole('button', { name: 'New customer' }).click()
  await expect(dialog()).toContainText('that customer is updated')
  await field('E-mail').fill('e2e.customer@example.com')
  await field('First name').fill('Eve')
  await field('Last name').fill('Etoe')
  await field('Location').selectOption({ index: 1 })
  await save('Save customer')
  await search('FeedbackAPI customers', 'e2e.customer')
  const eve = row(customers, /Eve Etoe/)
  await expect(eve).toContainText('Subscribed')

  // The provider refuses an e-mail that belongs to another customer, on the E-mail field.
  await eve.getByRole('button', { name: /^Edit / }).click()
  await field('E-mail').fill(takenEmail)
  await dialog().getByRole('button', { name: 'Save customer' }).click()
  await expect(field('E-mail')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog().locator('.field__error')).toContainText('Another customer already has this email address')
  await shots('customers-error')
  await field('E-mail').fill('e2e.customer@example.com')
  await field('Last name').fill('Etoe-Edited')
  // Put the customer in a second location too.
  const addTo = field('Add to location')
  await addTo.selectOption({ index: 1 })
  const added = ((await addTo.locator('option:checked').textContent()) ?? '').trim()
  await save('Save customer')
  await expect(row(customers, /Eve Etoe-Edited/)).toContainText(added)

  await row(customers, /Eve Etoe-Edited/).getByRole('button', { name: /^Opt out / }).click()
  await expect(row(customers, /Eve Etoe-Edited/)).toContainText('Opted out')
  await row(customers, /Eve Etoe-Edited/).getByRole('button', { name: /^Opt in / }).click()
  await expect(row(customers, /Eve Etoe-Edited/)).toContainText('Subscribed')

  await row(customers, /Eve Etoe-Edited/).getByRole('button', { name: /^Delete / }).click()
  await dialog().getByRole('button', { name: 'Delete customer' }).click()
  await expect(row(customers, /Eve Etoe-Edited/)).toHaveCount(0)
  await search('FeedbackAPI customers', '')
  await expect(table('Nicereply customers').getByRole('row').nth(1)).toBeVisible()
  await shots('customers')
})

test('Client accounts: create, edit limits and active, delete after confirmation', async () => {
  await go('Client accounts')
  const accounts = table('FeedbackAPI client accounts')
  // By keyboard alone: the form opens on its first field, Tab moves on, Enter submits, a bad value keeps focus on its field.
  await page.getByRole('button', { name: 'New account' }).focus()
  await page.keyboard.press('Enter')
  await expect(field('Name')).toBeFocused()
  await page.keyboard.type('E2E Bakery Group')
  // Name -> Active -> Verb -> Location limit.
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await page.keyboard.press('Tab')
  await expect(field('Location limit')).toBeFocused()
  await page.keyboard.type('-3')
  await page.keyboard.press('Enter')
  await expect(field('Location limit')).toHaveAttribute('aria-invalid', 'true')
  await expect(field('Location limit')).toBeFocused()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type('5')
  await page.keyboard.press('Enter')
  await expect(dialog()).toHaveCount(0, { timeout: 20_000 })
  await search('FeedbackAPI client accounts', 'E2E Bakery')
  await expect(row(accounts, 'E2E Bakery Group')).toContainText('5')

  await row(accounts, 'E2E Bakery Group').getByRole('button', { name: 'Edit E2E Bakery Group' }).click()
  await field('User limit').fill('12')
  await dialog().getByLabel('Active').uncheck()
  await save('Save account')
  await page.getByRole('region', { name: 'FeedbackAPI client accounts' }).getByLabel('Show inactive').check()
  await expect(row(accounts, 'E2E Bakery Group')).toContainText('12')
  await expect(row(accounts, 'E2E Bakery Group')).toContainText('Inactive')
  await shots('accounts')

  await row(accounts, 'E2E Bakery Group').getByRole('button', { name: 'Delete E2E Bakery Group' }).click()
  await dialog().getByRole('button', { name: 'Delete account' }).click()
  await expect(status()).toContainText(/deleted|removed/i)
  await page.getByRole('region', { name: 'FeedbackAPI client accounts' }).getByLabel('Show inactive').uncheck()
  await expect(row(accounts, 'E2E Bakery Group')).toHaveCount(0)
})

test('offline: a change on each page is queued as pending, then delivered when the providers are back', async () => {
  test.setTimeout(240_000)
  await launch(true)

  // Sites: edit a site of the demo data (the demo simulators start afresh from their seed, so rows the
  // earlier tests created are gone once they are back).
  await go('Sites')
  const sites = table('CustomerSure sites')
  await search('CustomerSure sites', 'Albany Clinic')
  await row(sites, 'Albany Clinic').getByRole('button', { name: 'Edit Albany Clinic' }).click()
  await field('City').fill('Whitby')
  await save('Save site')
  await expect(outboxOf(row(sites, 'Albany Clinic'))).toContainText('Pending')
  // A create the provider will refuse (Albany Clinic has this code): it waits like any other change.
  await page.getByRole('button', { name: 'New site' }).click()
  await field('Site code').fill('albany-03')
  await field('Name').fill('E2E Clash')
  await field('Region').fill('North')
  await save('Create site')
  await search('CustomerSure sites', 'E2E Clash')
  await expect(outboxOf(row(sites, 'E2E Clash'))).toContainText('Pending')
  // A queued change can be discarded before it is sent.
  const locations = table('FeedbackAPI locations')
  await page.getByRole('button', { name: 'New location' }).click()
  await field('Name').fill('E2E Never Sent')
  await field('Country code').fill('FR')
  await save('Create location')
  await search('FeedbackAPI locations', 'E2E Never')
  await outboxOf(row(locations, 'E2E Never Sent')).getByRole('button', { name: 'Discard the change to E2E Never Sent' }).click()
  await expect(row(locations, 'E2E Never Sent')).toHaveCount(0)

  // Staff: a new agent waits as a pending row.
  await go('Staff & teams')
  await page.getByRole('button', { name: 'New agent' }).click()
  await field('Full name').fill('E2E Offline Olga')
  await field('Username').fill('e2e-olga')
  await field('E-mail').fill('olga.e2e@example.com')
  await save('Create agent')
  await search('Nicereply users', 'E2E Offline')
  await expect(outboxOf(row(table('Nicereply users'), 'E2E Offline Olga'))).toContainText('Pending')

  // Surveys: a new Enco survey.
  await go('Surveys')
  await page.getByRole('button', { name: 'New survey' }).click()
  await field('Survey name').fill('E2E offline biscuits')
  await field('Interaction type').fill('general')
  await field('First question').fill('How likely are you to recommend our biscuits?')
  await save('Create survey')
  await search('Enco surveys', 'E2E offline')
  await expect(outboxOf(row(table('Enco surveys'), 'E2E offline biscuits'))).toContainText('Pending')

  // Customers: opt a customer out.
  await go('Customers')
  const customers = table('FeedbackAPI customers')
  const target = customers.getByRole('row').nth(1)
  const targetName = ((await target.getByRole('rowheader').textContent()) ?? '').trim()
  await target.getByRole('button', { name: /^Opt (out|in) / }).click()
  await expect(outboxOf(row(customers, targetName))).toContainText('Pending')

  // Client accounts: a new account.
  await go('Client accounts')
  await page.getByRole('button', { name: 'New account' }).click()
  await field('Name').fill('E2E Offline Dairy')
  await save('Create account')
  await search('FeedbackAPI client accounts', 'E2E Offline')
  await expect(outboxOf(row(table('FeedbackAPI client accounts'), 'E2E Offline Dairy'))).toContainText('Pending')
  await shots('offline-pending')

  // Providers back: every queued change is delivered and the rows show what the providers hold.
  await launch(false)
  await go('Client accounts')
  await search('FeedbackAPI client accounts', 'E2E Offline')
  await expect(row(table('FeedbackAPI client accounts'), 'E2E Offline Dairy')).toBeVisible()
  await expect(page.locator('.row-outbox-row')).toHaveCount(0, { timeout: 60_000 })
  await go('Sites')
  await search('CustomerSure sites', 'Albany Clinic')
  await expect(row(table('CustomerSure sites'), 'Albany Clinic')).toContainText('Whitby')
  await search('CustomerSure sites', 'E2E Clash')
  // The refused create shows the provider's reason on its row; Edit reopens the form with it on the field.
  const clash = outboxOf(row(table('CustomerSure sites'), 'E2E Clash'))
  await expect(clash).toContainText('Rejected')
  await expect(clash).toContainText(/taken/)
  await shots('offline-rejected', clash)
  await clash.getByRole('button', { name: 'Edit the rejected change to E2E Clash' }).click()
  await expect(field('Site code')).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog()).toContainText(/taken/)
  await field('Site code').fill('E2E-SITE-2')
  await save('Create site')
  await expect(row(table('CustomerSure sites'), 'E2E Clash')).toContainText('E2E-SITE-2')
  await expect(page.locator('.row-outbox-row')).toHaveCount(0)
  await go('Staff & teams')
  await search('Nicereply users', 'E2E Offline')
  await expect(row(table('Nicereply users'), 'E2E Offline Olga')).toBeVisible()
  await expect(page.locator('.row-outbox-row')).toHaveCount(0)
  await go('Surveys')
  await search('Enco surveys', 'E2E offline')
  await expect(row(table('Enco surveys'), 'E2E offline biscuits')).toBeVisible()
  await expect(page.locator('.row-outbox-row')).toHaveCount(0)
  await go('Customers')
  await expect(page.locator('.row-outbox-row')).toHaveCount(0)
  await shots('offline-delivered')
})
