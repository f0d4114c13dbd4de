/**
 * Simulator kit: what every provider simulator is built from. A loopback HTTP server with routes,
 * run-time faults, a bounded request log and a token book; seeded randomness; fake data; paging.
 *
 * A provider simulator in brief (a Nicereply-like one):
 *
 *   const KEY = 'demo-key'
 *   const ratings = lazyList(5000, (i) => {
 *     const r = rngFor(seed, 'rating', i)
 *     const score = csatScore(r, 10)
 *     return { id: i + 1, score, comment: comment(r, sentimentFor(score, { min: 1, max: 10 }), 'en') }
 *   })
 *   const sim = await startSimulator({
 *     name: 'nicereply', seed,
 *     guard: (req) => (req.basic()?.password === KEY ? undefined : json(401, { errors: ['Wrong or missing basic authentication.'] })),
 *     notFound: () => json(404, { errors: ['Not found.'] }),
 *     routes: [{ method: 'GET', path: '/v1/csat/ratings', handler: (req) => {
 *       const page = parseIntParam(req.query, 'page', { min: 1, default: 1 })
 *       const perPage = parseIntParam(req.query, 'per_page', { min: 10, max: 100, default: 10 })
 *       if (!page.ok) return json(400, { errors: [`Validation error in queryParameters[page]: ${page.problem.message}`] })
 *       if (!perPage.ok) return json(400, { errors: [`Validation error in queryParameters[per_page]: ${perPage.problem.message}`] })
 *       const slice = pageSlice(ratings.length, page.value, perPage.value, 1)
 *       return json(200, { _results: ratings.slice(slice.start, slice.end), _pagination: { current_page: slice.page, total_pages: slice.totalPages } })
 *     } }]
 *   })
 *   sim.faults.set({ rateLimit: { limit: 5, windowMs: 1000 } })  // tests: then assert on sim.requests
 *   await sim.close()
 */

export { startSimulator, type Simulator, type SimulatorOptions } from './server'
export type { Route, HttpMethod } from './routes'
export type { SimRequest } from './request'
export { json, text, type SimResult } from './response'
export {
  faultConfigSchema,
  NO_FAULTS,
  type FaultConfig,
  type FaultController,
  type MalformedFault,
  type RateLimitBurstFault,
  type RateLimitFault
} from './faults'
export { createTokenBook, type IssuedToken, type TokenBook, type TokenStatus } from './token-book'
export { redactAuthorization, type LoggedRequest, type RequestFilter, type RequestLog } from './request-log'
export { createRng, rngFor, type Rng, type RngKey, type Seed } from './rng'
export { lazyList, type LazyList } from './lazy-list'
export { linkHeader, pageSlice, parseIntParam, type IntParamResult, type PageSlice, type ParamProblem } from './paging'
export { COMMENTS, SENTIMENTS } from './fake-comments'
export {
  asciiSlug,
  CES_SCALE,
  cesScore,
  CITIES,
  cityName,
  comment,
  companyName,
  COUNTRIES,
  CSAT5_SCALE,
  csatScore,
  emailFor,
  fakePerson,
  LANG_FOR_COUNTRY,
  LANGS,
  npsScore,
  NPS_SCALE,
  personName,
  phoneNumber,
  sentimentFor,
  siteName,
  staffName,
  surveyName,
  teamName,
  timestampFor,
  type Country,
  type FakePerson,
  type Lang,
  type Period,
  type PersonName,
  type Scale,
  type Sentiment
} from './fake-data'
