/** The cheap test run on every key cell before the total-row pattern: exactly /total/i. */
import fc from 'fast-check';
import { hasTotal } from '../../src/engine/tables';

describe('hasTotal', () => {
  it('finds "total" in any case exactly where /total/i does', () => {
    const letters = fc.constantFrom(...'totalTOTALxX sS-:4TtOoAaLl\u0130\u0131\u017f\u212a'.split(''));
    const text = fc.oneof(fc.string(), fc.array(letters, { maxLength: 14 }).map((a) => a.join('')));
    fc.assert(fc.property(text, (s) => hasTotal(s) === /total/i.test(s)), { seed: 14, numRuns: 30000 });
    for (const s of ['Total', 'TOTAL', 'Pool 1 total', 'Sub-Total:', 'tota', 'otal', 'Learning disabilities', '']) {
      expect([s, hasTotal(s)]).toEqual([s, /total/i.test(s)]);
    }
  });
});
