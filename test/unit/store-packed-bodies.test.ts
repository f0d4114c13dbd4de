import { describe, expect, it } from 'vitest'
import { packBodies, unpackBody } from '../../src/main/store/cache/packed-bodies'
import { prepareResponses, type PreparedResponse, type PreparedRow } from '../../src/main/store/cache/response-row'
import { makeResponse } from '../support/responses'

const CONN = '11111111-1111-4111-8111-111111111111'
const decoder = new TextDecoder('utf-8', { fatal: true })

describe('packBodies', () => {
  it('moves every body text into one buffer and gives each back exactly, ASCII or not', () => {
    const comments = ['Plain ASCII', 'Société très utile', 'Centre d’appels', 'Great 😀 service', '服务很好', 'x'.repeat(5000)]
    // Many three-byte characters overflow the one-byte-a-character first guess, so the buffer grows.
    const long = '’'.repeat(20_000)
    const items = [...comments, long].map((comment, i) => makeResponse(String(i), { comment, answers: [{ questionId: 'q', question: comment, type: 'text', score: null, text: comment, sentiment: null }], respondedAt: new Date(Date.UTC(2025, 0, 1, i)).toISOString() }))
    const prepared = prepareResponses(CONN, 'responses', items)
    const packing = packBodies(prepared)!
    expect(packing.prepared).toHaveLength(prepared.length)
    packing.prepared.forEach((row, i) => {
      const original = prepared[i]!
      const sent = row as PreparedResponse
      expect(sent.body).toEqual([])
      expect(sent.values).toBe(original.values)
      expect(unpackBody(packing.packed, sent.bodyAt!).map((bytes) => decoder.decode(bytes))).toEqual(original.body)
    })
    expect(packing.packed.bytes.length).toBeGreaterThan(long.length * 3)
  })

  it('passes claims through untouched, and answers null when no row carries a body', () => {
    const claim: PreparedRow = { kind: 'customersure_response', externalId: '9', hash: 'h', unchanged: true }
    expect(packBodies([claim])).toBeNull()
    const [full] = prepareResponses(CONN, 'responses', [makeResponse('1')])
    const packing = packBodies([claim, full!])!
    expect(packing.prepared[0]).toBe(claim)
    expect((packing.prepared[1] as PreparedResponse).bodyAt).toBe(0)
  })
})
