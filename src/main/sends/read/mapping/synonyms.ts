import type { SendProvider } from '../types'

/*
 * Header names (already normalised: lower case, no accents, letters and digits only) that suggest
 * a field, in English, Dutch and French. The first entries are the strongest; a header that only
 * contains a synonym ("klant e-mailadres") still matches, with a lower score.
 */

const EMAIL = ['email', 'emailaddress', 'emailadres', 'mailadres', 'mail', 'courriel', 'adressecourriel', 'adresseemail', 'adressemail', 'emailadresse']
const FIRST_NAME = ['firstname', 'first', 'givenname', 'forename', 'voornaam', 'prenom']
const LAST_NAME = ['surname', 'lastname', 'familyname', 'achternaam', 'familienaam', 'nomdefamille', 'nom']
const MOBILE = [
  'mobile', 'mobilenumber', 'mobilephone', 'cellphone', 'cell', 'gsm', 'gsmnummer', 'mobiel', 'mobielnummer', 'mobieletelefoon',
  'telephoneportable', 'portable', 'numeroportable', 'telportable', 'sms', 'smsnumber', 'phone', 'phonenumber', 'telephone',
  'telefoon', 'telefoonnummer', 'tel', 'numerodetelephone'
]
const REFERENCE = ['reference', 'ref', 'ticket', 'ticketnumber', 'ticketnummer', 'ordernumber', 'order', 'referentie', 'kenmerk', 'bestelnummer', 'ordernummer', 'numerodecommande', 'commande', 'dossier', 'dossiernummer', 'numerodedossier']
const MACHINE_ID = ['machineid', 'externalid', 'uniqueid', 'uuid', 'systemid']
const SEND_AT = ['sendat', 'senddate', 'sendtime', 'scheduledat', 'scheduled', 'verzenddatum', 'verzendtijd', 'verzenden', 'dateenvoi', 'datedenvoi', 'envoi', 'date', 'datum', 'datetime']
const SURVEY = ['surveyid', 'survey', 'enquete', 'questionnaire', 'vragenlijst']
const TEMPLATE = ['template', 'templateid', 'sjabloon', 'modele', 'messagetemplate', 'berichtsjabloon', 'modeledemessage']
const EMAIL_TEMPLATE = ['emailtemplate', 'emailtemplateid', 'emailsjabloon', 'modeleemail', 'modeledecourriel', ...TEMPLATE]
const SMS_TEMPLATE = ['smstemplate', 'smstemplateid', 'textmessagetemplate', 'smssjabloon', 'modelesms']
const CHANNEL = ['channel', 'kanaal', 'canal']
const REMINDERS = ['reminders', 'reminder', 'reminderdays', 'herinneringen', 'herinnering', 'rappels', 'rappel', 'relance']
const STAFF = ['staffcode', 'staff', 'agent', 'agentcode', 'employee', 'medewerker', 'medewerkercode', 'employe', 'conseiller', 'collaborateur']
const SITE = ['sitecode', 'site', 'store', 'branch', 'shop', 'winkel', 'vestiging', 'filiaal', 'magasin', 'agence']
const SEGMENTS = ['segments', 'segment', 'tags', 'tag', 'category', 'categorie']
const LANGUAGE = ['language', 'lang', 'locale', 'taal', 'langue']
const REFERENCE_ID = ['referenceid', 'customerid', 'klantnummer', 'klantid', 'numeroclient', 'idclient', ...REFERENCE]
const LOCATION = ['location', 'locationid', 'locatie', 'emplacement', 'lieu', 'site', 'store', 'vestiging', 'winkel', 'magasin']
const DUE = ['due', ...SEND_AT]
const SUPPRESS = ['suppressmessage', 'suppress', 'linkonly', 'nomessage']

export const SYNONYMS: Record<SendProvider, Record<string, readonly string[]>> = {
  customersure: {
    email: EMAIL,
    first_name: FIRST_NAME,
    surname: LAST_NAME,
    reference: REFERENCE,
    machine_id: MACHINE_ID,
    send_at: SEND_AT,
    survey_id: SURVEY,
    channel: CHANNEL,
    email_template_id: EMAIL_TEMPLATE,
    sms_number: MOBILE,
    text_message_template_id: SMS_TEMPLATE,
    reminder_days: REMINDERS,
    'data.staff_code': STAFF,
    'data.site_code': SITE
  },
  enco: {
    survey_id: SURVEY,
    destination: ['destination', ...MOBILE],
    channel: CHANNEL,
    referenceId: REFERENCE_ID,
    language: LANGUAGE,
    segments: SEGMENTS
  },
  feedbackapi: {
    email: EMAIL,
    mobile_number: MOBILE,
    fname: ['fname', ...FIRST_NAME],
    sname: ['sname', ...LAST_NAME],
    location: LOCATION,
    template: TEMPLATE,
    due: DUE,
    suppress_message: SUPPRESS
  },
  nicereply: {
    survey_id: SURVEY,
    score: ['score', 'rating', 'note', 'cijfer', 'waardering', 'beoordeling', 'nps', 'csat', 'ces', 'evaluation'],
    user: ['user', 'username', 'userid', 'agent', 'medewerker', 'gebruiker', 'utilisateur', 'conseiller', 'agentid'],
    from: ['from', 'customername', 'customer', 'klantnaam', 'klant', 'nomclient', 'client', 'name', 'naam'],
    comment: ['comment', 'comments', 'opmerking', 'opmerkingen', 'commentaar', 'commentaire', 'commentaires', 'remarque', 'feedback'],
    ticket: ['ticket', 'ticketnumber', 'ticketnummer', 'ticketid', 'numerodeticket'],
    customer_id: ['customerid', 'klantid', 'klantnummer', 'idclient', 'numeroclient'],
    ip_address: ['ipaddress', 'ip', 'ipadres', 'adresseip']
  }
}
