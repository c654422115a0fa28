/**
 * An independent exact check of the least value a settlement along routes can move, written for
 * the tests only (it shares no code with src/engine/routes.ts). By linear-programming duality the
 * least Σ|flow| that settles positions b (pence, positive owes) over routes costing 1 each way is
 * max Σ b_v·π_v over potentials π with |π_u − π_v| ≤ 1 on every route. The constraint matrix is
 * totally unimodular, so an integer optimum exists, and within a connected group it can be shifted
 * to 0 … (group size − 1): brute force over {0 … n−1}ⁿ finds it for the small cases tested.
 */
export function leastValue(b: number[], routes: Array<[number, number]>): number {
  const n = b.length;
  const nb: number[][] = b.map(() => []);
  for (const [u, v] of routes) { nb[u].push(v); nb[v].push(u); }
  const pi = new Array<number>(n).fill(0);
  let best = -Infinity;
  const place = (k: number, acc: number) => {
    if (k === n) { if (acc > best) best = acc; return; }
    for (let x = 0; x < n; x++) {
      // Only neighbours already placed constrain x.
      if (nb[k].some((j) => j < k && Math.abs(pi[j] - x) > 1)) continue;
      pi[k] = x;
      place(k + 1, acc + b[k] * x);
    }
  };
  place(0, 0);
  return best;
}
