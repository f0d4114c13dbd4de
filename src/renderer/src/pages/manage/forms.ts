import type { ManageOp } from '../../../../shared/domain/manage'
import type { FieldSpec } from './form-values'

/** The writes that open a form (deletes and removals only ask for confirmation). */
export type FormOp = Exclude<ManageOp, 'location.delete' | 'user.remove' | 'survey.delete' | 'customer.delete' | 'account.delete'>

export interface FormSpec {
  title: string
  submitLabel: string
  fields: FieldSpec[]
}

const CS_SITE: FieldSpec[] = [
  { name: 'siteCode', label: 'Site code', kind: 'text', required: true, help: 'Your own code for the site, e.g. LDN-01. CustomerSure matches feedback to it.' },
  { name: 'name', label: 'Name', kind: 'text', required: true },
  { name: 'region', label: 'Region', kind: 'text', required: true },
  { name: 'city', label: 'City', kind: 'text', help: 'Recommended: it helps tell sites apart in reports.' },
  { name: 'siteType', label: 'Site type', kind: 'text', placeholder: 'e.g. store, branch, office' }
]

const FA_LOCATION: FieldSpec[] = [
  { name: 'name', label: 'Name', kind: 'text', required: true },
  { name: 'addressLine1', label: 'Address line 1', kind: 'text', autoComplete: 'address-line1' },
  { name: 'addressLine2', label: 'Address line 2', kind: 'text', autoComplete: 'address-line2' },
  { name: 'addressLine3', label: 'Address line 3', kind: 'text', autoComplete: 'address-line3' },
  { name: 'postalCode', label: 'Postal code', kind: 'text', autoComplete: 'postal-code' },
  { name: 'countryCode', label: 'Country code', kind: 'text', required: true, help: 'Two letters, e.g. GB, US, FR.' },
  { name: 'reviewProfiles', label: 'Review profile URLs', kind: 'lines', help: 'One web address a line (Google, Trustpilot, …): FeedbackAPI checks them for reviews of this location.' }
]

const CONTACT: FieldSpec[] = [
  { name: 'email', label: 'E-mail', kind: 'email', autoComplete: 'email' },
  { name: 'mobileNumber', label: 'Mobile number', kind: 'tel', help: 'International format, e.g. +447700900123.', autoComplete: 'tel' },
  { name: 'firstName', label: 'First name', kind: 'text' },
  { name: 'lastName', label: 'Last name', kind: 'text' },
  { name: 'countryCode', label: 'Country code', kind: 'text', help: 'Two letters, e.g. GB.' }
]

const LIMITS: FieldSpec[] = [
  { name: 'maxLocations', label: 'Location limit', kind: 'number', nullable: true, help: 'Empty = unlimited.' },
  { name: 'maxUsers', label: 'User limit', kind: 'number', nullable: true, help: 'Empty = unlimited.' },
  { name: 'maxCampaigns', label: 'Campaign limit', kind: 'number', nullable: true, help: 'Empty = unlimited.' },
  { name: 'smsAllowance', label: 'Monthly SMS allowance', kind: 'number', nullable: true, help: 'Empty = unlimited.' }
]

const VERBS = [
  { value: 'use', label: 'Use (customers use the service)' },
  { value: 'visit', label: 'Visit (customers visit the location)' }
]

/** Fields whose choices come from the cache are filled in by the page (see withOptions). */
export const FORMS: Record<FormOp, FormSpec> = {
  'site.create': { title: 'New CustomerSure site', submitLabel: 'Create site', fields: CS_SITE },
  'site.update': {
    title: 'Edit CustomerSure site',
    submitLabel: 'Save site',
    fields: CS_SITE.map((f) => ({ ...f, required: false, help: f.name === 'siteCode' ? 'Empty fields are left as they are.' : f.help }))
  },
  'location.create': { title: 'New FeedbackAPI location', submitLabel: 'Create location', fields: FA_LOCATION },
  'location.update': {
    title: 'Edit FeedbackAPI location',
    submitLabel: 'Save location',
    fields: FA_LOCATION.map((f) => (f.name === 'reviewProfiles' ? { ...f, label: 'Review profile URLs to add' } : f))
  },
  'agent.create': {
    title: 'New Nicereply agent',
    submitLabel: 'Create agent',
    fields: [
      { name: 'fullname', label: 'Full name', kind: 'text', required: true, autoComplete: 'name' },
      { name: 'username', label: 'Username', kind: 'text', required: true, help: 'How the agent is named in your help desk.' },
      { name: 'email', label: 'E-mail', kind: 'email', required: true, autoComplete: 'email' }
    ]
  },
  'thing.create': {
    title: 'New Nicereply thing or action',
    submitLabel: 'Create',
    fields: [
      { name: 'fullname', label: 'Name', kind: 'text', required: true, help: 'What customers rate: a product, a delivery, a visit…' },
      { name: 'username', label: 'Username', kind: 'text', required: true }
    ]
  },
  'user.invite': {
    title: 'Invite a FeedbackAPI user',
    submitLabel: 'Invite',
    fields: [
      { name: 'email', label: 'E-mail', kind: 'email', required: true, autoComplete: 'email' },
      { name: 'sendInvite', label: 'Send the invitation e-mail', kind: 'checkbox', help: 'Untick to add the user without an e-mail; they can sign in once you tell them.' }
    ]
  },
  'survey.create': {
    title: 'New Enco survey',
    submitLabel: 'Create survey',
    fields: [
      { name: 'name', label: 'Survey name', kind: 'text', required: true, help: 'E.g. “support team” or “waffles”.' },
      { name: 'interactionType', label: 'Interaction type', kind: 'text', required: true, help: 'The interaction you measure: general, technical issue, billing…' },
      { name: 'question', label: 'First question', kind: 'textarea', required: true, placeholder: 'On a scale from 0-10, how likely are you to recommend us to a friend or colleague?' },
      { name: 'language', label: 'Language of the question', kind: 'text', required: true, placeholder: 'en-GB' }
    ]
  },
  'survey.addQuestion': {
    title: 'Add a question in another language',
    submitLabel: 'Add question',
    fields: [
      { name: 'question', label: 'Question', kind: 'textarea', required: true },
      { name: 'language', label: 'Language', kind: 'text', required: true, placeholder: 'FR' }
    ]
  },
  'customer.create': {
    title: 'New FeedbackAPI customer',
    submitLabel: 'Save customer',
    fields: [...CONTACT, { name: 'location', label: 'Location', kind: 'select', required: true }]
  },
  'customer.update': {
    title: 'Edit FeedbackAPI customer',
    submitLabel: 'Save customer',
    fields: [
      ...CONTACT,
      { name: 'optOut', label: 'Opted out (no more survey requests)', kind: 'checkbox' },
      { name: 'locationAdd', label: 'Add to location', kind: 'select', asList: true },
      { name: 'locationRemove', label: 'Remove from location', kind: 'select', asList: true }
    ]
  },
  'account.create': {
    title: 'New client account',
    submitLabel: 'Create account',
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true },
      { name: 'active', label: 'Active', kind: 'checkbox' },
      { name: 'verb', label: 'Customers…', kind: 'select', required: true, options: VERBS },
      ...LIMITS
    ]
  },
  'account.update': {
    title: 'Edit client account',
    submitLabel: 'Save account',
    fields: [{ name: 'name', label: 'Name', kind: 'text' }, { name: 'active', label: 'Active', kind: 'checkbox' }, ...LIMITS]
  }
}

/** A form's fields with the choices of its cache-fed selects filled in. */
export function withOptions(fields: readonly FieldSpec[], options: Readonly<Record<string, ReadonlyArray<{ value: string; label: string }>>>): FieldSpec[] {
  return fields.map((f) => (options[f.name] ? { ...f, options: options[f.name] } : f))
}
