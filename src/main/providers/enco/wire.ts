import { z } from 'zod'

/**
 * Wire schemas of the Enco Promoter Survey API, as enco-promoter-survey-1.0.0.txt prints them.
 * Permissive on purpose: extra fields pass through (a field Enco adds must not break a sync), ids and
 * figures may come as numbers or numeric strings, timestamps as ISO text (with or without a zone, as
 * the report example shows them) or epoch numbers. Values are kept as sent (the list example pads
 * languages with spaces: " en-GB "); mapping.ts tidies them.
 */

/** 8 or "8". */
export const WireId = z.union([z.number().int(), z.string().trim().regex(/^\d+$/, 'must be a whole number').transform(Number)])

/** A count or score: 12, "12", 12.5. */
const WireNumber = z.union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/, 'must be a number').transform(Number)])

/** "2020-02-07T16:54:42.179" (zone-less, as printed), a full ISO 8601 instant, or epoch seconds/milliseconds. */
export const WireTimestamp = z.union([z.string().trim().min(1), z.number()])

export const EncoQuestion = z.looseObject({
  id: WireId,
  body: z.string(),
  language: z.string()
})
export type EncoQuestion = z.infer<typeof EncoQuestion>

export const EncoSurvey = z.looseObject({
  id: WireId,
  name: z.string(),
  interactionType: z.string().nullish(),
  questions: z
    .array(EncoQuestion)
    .nullish()
    .transform((q) => q ?? [])
})
export type EncoSurvey = z.infer<typeof EncoSurvey>

/** GET /surveys: a bare array. */
export const EncoSurveyList = z.array(EncoSurvey)
export type EncoSurveyList = z.infer<typeof EncoSurveyList>

export const EncoChannel = z.enum(['SMS', 'VOICE'], { message: 'must be SMS or VOICE' })
export type EncoChannel = z.infer<typeof EncoChannel>

export const EncoSegmentMode = z.enum(['ALL', 'ANY'], { message: 'must be ALL or ANY' })
export type EncoSegmentMode = z.infer<typeof EncoSegmentMode>

/** GET /surveys/{id}/report and GET /report: a recap of the request, the NPS and response statistics. */
export const EncoReport = z.looseObject({
  date: WireTimestamp.nullish(),
  from: WireTimestamp.nullish(),
  to: WireTimestamp.nullish(),
  segments: z
    .union([z.array(z.string()), z.string()])
    .nullish()
    // A comma-joined string is what was sent; an array is what the example shows.
    .transform((s) => (s == null ? [] : typeof s === 'string' ? s.split(',').map((x) => x.trim()).filter(Boolean) : s)),
  segmentMode: z.string().nullish(),
  channel: z.string().nullish(),
  nps: z.looseObject({
    promoters: WireNumber,
    detractors: WireNumber,
    score: WireNumber.nullable()
  }),
  responseStatistics: z.looseObject({
    totalRequests: WireNumber,
    totalResponses: WireNumber,
    goodResponses: WireNumber,
    badResponses: WireNumber,
    failed: WireNumber
  })
})
export type EncoReport = z.infer<typeof EncoReport>

// ---------- request bodies (what the client sends; the simulator validates the same rules) ----------

const NonBlank = (what: string) => z.string({ message: `${what} is required` }).trim().min(1, `${what} is required`)

export const EncoQuestionInput = z.object({
  body: NonBlank('the question text'),
  /** "en-GB", "FR", "nl-BE": the document is not strict about the code. */
  language: NonBlank('the language')
})
export type EncoQuestionInput = z.input<typeof EncoQuestionInput>

/** POST /surveys */
export const EncoCreateSurveyInput = z.object({
  name: NonBlank('the survey name'),
  interactionType: NonBlank('the interaction type'),
  questions: z.array(EncoQuestionInput).default([])
})
export type EncoCreateSurveyInput = z.input<typeof EncoCreateSurveyInput>

/** One entry of POST /surveys/{id}/send `requests`. */
export const EncoSendRequest = z.object({
  channel: EncoChannel,
  segments: z.array(NonBlank('a segment')).optional(),
  destination: NonBlank('the destination'),
  referenceId: z.string().optional(),
  language: z.string().trim().min(1).optional()
})
export type EncoSendRequest = z.input<typeof EncoSendRequest>

/** POST /surveys/{id}/send */
export const EncoSendInput = z.object({
  requests: z.array(EncoSendRequest).min(1, 'at least one request is needed')
})
export type EncoSendInput = z.input<typeof EncoSendInput>

/** Query of both report endpoints; dates are ISO 8601 with an offset (the example sends +01:00). */
export const EncoReportParams = z.object({
  startDate: z.union([z.date(), z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2019-11-01T12:12:15.982+01:00' })]).optional(),
  endDate: z.union([z.date(), z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. 2020-03-31T12:12:15.982+01:00' })]).optional(),
  channel: EncoChannel.optional(),
  /** Sent comma-joined (segments=a,b as in the example), so a segment cannot itself hold a comma. */
  segments: z.array(NonBlank('a segment').refine((s) => !s.includes(','), 'a segment cannot contain a comma')).optional(),
  segmentMode: EncoSegmentMode.optional()
})
export type EncoReportParams = z.input<typeof EncoReportParams>
