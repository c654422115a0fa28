import { pushAll } from '../../src/engine/arrays';

test('pushAll appends 300,000 items, where push(...items) throws a RangeError', () => {
  const items = Array.from({ length: 300_000 }, (_, i) => i);
  expect(() => [].push(...(items as never[]))).toThrow(RangeError);
  const into = [-1];
  pushAll(into, items);
  expect([into.length, into[0], into[300_000]]).toEqual([300_001, -1, 299_999]);
});
