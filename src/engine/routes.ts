/**
 * `routes` netting (yearend.md, section 1): the positions settled only along routes, pairs of
 * partners that share a pooled pool in which one of them is the host, or that are both partners
 * of one aligned pool, moving the least value possible, with a forest of payments.
 *
 * The algorithm: each group of partners joined by routes (a connected component) is settled on its
 * own. Where every pair of the group has a route, the group is settled by `multilateral` (its
 * value, the sum of what the debtors owe, is the least any settlement can move, as every pound
 * leaves its debtor at least once; its payments form a forest, see below), so `routes` then gives
 * exactly `multilateral`'s payments. Where the group's routes form a tree (a star around one host,
 * say), only one settlement exists along them, worked out leaf to root (a tree is a forest). Otherwise
 * the group is an uncapacitated minimum-cost flow on integer pence (every route costs 1 per penny,
 * either way), solved exactly by successive shortest
 * paths (Bellman–Ford over the residual routes, a route carrying money u → v offering v → u at
 * cost −1 up to that money), which is optimal; then every cycle left among the routes that carry
 * money is cancelled. Why that ends in a forest: in an optimal flow, pushing δ round a cycle costs
 * δ·(routes with the push − routes against it), and optimality in both directions makes that 0;
 * pushing the smallest amount against the push empties at least one route and fills none that was
 * empty, at no cost, so each cancellation removes a route from the payments and the least value
 * stays; when no cycle is left the payments are a forest (at most n − 1 in a group of n).
 * `multilateral`'s payments are a forest too: each payment clears its debtor or its creditor, which
 * then pays or receives nothing more, so the earliest payment of any cycle would have a cleared end
 * with a later payment. Ties everywhere go by partner order, so the same workbook gives the same
 * payments. Amounts finer than a penny are scaled to the finest unit present, so the flow is exact.
 */
import { Decimal, ZERO } from './money';
import { Flow, multilateral } from './netting';
import { Warnings } from './warnings';

/** A route: two partners (in partner order) and the pools that join them. */
export interface Route {
  a: string;
  b: string;
  pools: string[];
}

/** A pool as routes see it: its kind, host and partners (reading 3) in partner order. */
export interface RoutePool {
  name: string;
  kind: 'pooled' | 'aligned';
  host: string | null;
  partners: string[];
}

/** The routes of the pools, pairs in partner order, each with its pools in pool order. */
export function routesOf(pools: RoutePool[], order: string[]): Route[] {
  const idx = new Map(order.map((p, i) => [p, i]));
  const pairs = new Map<string, Route>();
  const add = (x: string, y: string, pool: string) => {
    const [a, b] = idx.get(x)! < idx.get(y)! ? [x, y] : [y, x];
    const key = `${a}\u0000${b}`;
    const r = pairs.get(key) ?? pairs.set(key, { a, b, pools: [] }).get(key)!;
    if (!r.pools.includes(pool)) r.pools.push(pool);
  };
  for (const pool of pools) {
    if (pool.kind === 'pooled') {
      if (pool.host === null) continue;
      for (const p of pool.partners) if (p !== pool.host) add(pool.host, p, pool.name);
    } else {
      pool.partners.forEach((p, i) => pool.partners.slice(i + 1).forEach((q) => add(p, q, pool.name)));
    }
  }
  return [...pairs.values()].sort((x, y) => idx.get(x.a)! - idx.get(y.a)! || idx.get(x.b)! - idx.get(y.b)!);
}

/** A group of partners joined by routes whose positions do not sum to zero: no settlement along routes exists. */
export class RoutesError extends Error {
  constructor(readonly partners: string[], readonly total: Decimal) {
    super(`the positions of ${partners.join(', ')} (joined by routes, and by none to anyone else) total `
      + `${total.toString()}, not 0`);
    this.name = 'RoutesError';
  }
}

/**
 * Settles `positions` (positive owes; partner order) along `routes` with the least value moved and
 * a forest of payments. Groups whose positions do not sum to zero are left unpaid and returned in
 * `unsettled` (never a payment off the routes). Payments come group by group (groups in the order
 * of their first partner); within a group that is not complete, by payer then payee in partner order.
 */
export function routesNetting(
  positions: Array<{ partner: string; amount: Decimal }>, routes: Route[],
): { payments: Flow[]; unsettled: RoutesError[] } {
  const n = positions.length;
  const idx = new Map(positions.map((p, i) => [p.partner, i]));
  const adj: number[][] = positions.map(() => []);
  for (const r of routes) {
    const a = idx.get(r.a);
    const b = idx.get(r.b);
    if (a === undefined || b === undefined || a === b) continue;
    adj[a].push(b);
    adj[b].push(a);
  }
  for (const list of adj) list.sort((x, y) => x - y);
  const payments: Flow[] = [];
  const unsettled: RoutesError[] = [];
  const seen = new Array<boolean>(n).fill(false);
  for (let s = 0; s < n; s++) {
    if (seen[s]) continue;
    const group = [s];
    seen[s] = true;
    for (let k = 0; k < group.length; k++) {
      for (const v of adj[group[k]]) if (!seen[v]) { seen[v] = true; group.push(v); }
    }
    group.sort((x, y) => x - y);
    const mine = group.map((i) => positions[i]);
    const total = mine.reduce((t, p) => t.plus(p.amount), ZERO);
    if (!total.isZero()) {
      unsettled.push(new RoutesError(mine.map((p) => p.partner), total));
      continue;
    }
    if (mine.every((p) => p.amount.isZero())) continue;
    const complete = group.every((i) => adj[i].length === group.length - 1);
    const local = new Map(group.map((i, k) => [i, k]));
    const edges = group.reduce((t, i) => t + adj[i].length, 0) / 2;
    const near = group.map((i) => adj[i].map((j) => local.get(j)!));
    const settled = complete ? multilateral(mine) : edges === group.length - 1 ? treeFlow(mine, near)
      : minCostForest(mine, near);
    for (const f of settled) payments.push(f); // no spread: a group may hold tens of thousands of partners
  }
  return { payments, unsettled };
}

/** `routes` netting in a run: a group that cannot be settled along routes is an error, never an off-route payment. */
export function settleAlongRoutes(
  positions: Array<{ partner: string; amount: Decimal }>, routes: Route[], w: Warnings,
): Flow[] {
  let settled: ReturnType<typeof routesNetting>;
  try {
    settled = routesNetting(positions, routes);
  } catch (e) {
    // Should anything unforeseen go wrong: an error and no payments, never a crash or an off-route payment.
    const why = e instanceof Error ? e.message : String(e);
    w.add('INVALID_VALUE', `Routes netting could not be worked out (${why}); no payments are given. Report this to `
      + "Poolshare's developers, and use Netting = bilateral meanwhile.", {}, 'error');
    return [];
  }
  const { payments, unsettled } = settled;
  for (const e of unsettled) {
    w.add('INVALID_VALUE', `Routes netting: ${e.message}, so they cannot be settled along the routes and get no `
      + "payments; check their pools' figures, and report this to Poolshare's developers.", {}, 'error');
  }
  return payments;
}

/** The payments that run between two partners with no route (what `multilateral` can do), in their order. */
export function offRoute<T extends { from: string; to: string }>(payments: T[], routes: Route[]): T[] {
  const pairs = new Set(routes.flatMap((r) => [`${r.a}\u0000${r.b}`, `${r.b}\u0000${r.a}`]));
  return payments.filter((p) => !pairs.has(`${p.from}\u0000${p.to}`));
}

/**
 * A group whose routes form a tree (a star around one host, say): the one settlement along its
 * routes moves, over each route, what the partners on one side of it owe in all; it is the least
 * (the only one) and a forest. O(n). Payments by payer then payee in partner order.
 */
export function treeFlow(group: Array<{ partner: string; amount: Decimal }>, adj: number[][]): Flow[] {
  const n = group.length;
  const parent = new Array<number>(n).fill(-1);
  const order = [0];
  const seen = new Array<boolean>(n).fill(false);
  seen[0] = true;
  for (let k = 0; k < order.length; k++) {
    for (const v of adj[order[k]]) if (!seen[v]) { seen[v] = true; parent[v] = order[k]; order.push(v); }
  }
  const below = group.map((p) => p.amount);
  const out: Array<{ u: number; v: number; amount: Decimal }> = [];
  for (let k = order.length - 1; k > 0; k--) {
    const v = order[k];
    const up = parent[v];
    // What v's side of the route owes in all crosses to the parent's side.
    if (below[v].greaterThan(0)) out.push({ u: v, v: up, amount: below[v] });
    else if (below[v].lessThan(0)) out.push({ u: up, v, amount: below[v].negated() });
    below[up] = below[up].plus(below[v]);
  }
  out.sort((x, y) => x.u - y.u || x.v - y.v);
  return out.map((f) => ({ from: group[f.u].partner, to: group[f.v].partner, amount: f.amount }));
}

/** 10^k where k (at least 2) is the most decimals of any amount: all amounts are whole multiples of 1/10^k. */
function unitOf(amounts: Decimal[]): Decimal {
  let dp = 2;
  for (const a of amounts) dp = Math.max(dp, a.decimalPlaces());
  return new Decimal(10).pow(dp);
}

/**
 * One connected, zero-sum group: successive shortest paths on integer units, then zero-cost cycles
 * cancelled to a forest (see the module comment). `adj[i]` lists i's neighbours (local indices, ascending).
 */
export function minCostForest(group: Array<{ partner: string; amount: Decimal }>, adj: number[][]): Flow[] {
  const n = group.length;
  const unit = unitOf(group.map((p) => p.amount));
  const supply = group.map((p) => BigInt(p.amount.times(unit).toFixed(0)));
  // flow[u].get(v) > 0: that much moves u → v (never both ways at once).
  const flow: Array<Map<number, bigint>> = group.map(() => new Map());
  const get = (u: number, v: number) => flow[u].get(v) ?? 0n;
  const move = (u: number, v: number, x: bigint) => {
    // x along u → v: first undo what moves v → u, then the rest u → v.
    const back = get(v, u);
    const undo = back < x ? back : x;
    if (undo > 0n) {
      if (back === undo) flow[v].delete(u);
      else flow[v].set(u, back - undo);
    }
    if (x > undo) flow[u].set(v, get(u, v) + x - undo);
  };

  for (;;) {
    // Bellman–Ford (queue order, by partner order) from every partner that still owes.
    const dist = new Array<number>(n).fill(Infinity);
    const pred = new Array<number>(n).fill(-1);
    const queue: number[] = [];
    const queued = new Array<boolean>(n).fill(false);
    for (let i = 0; i < n; i++) {
      if (supply[i] > 0n) { dist[i] = 0; queue.push(i); queued[i] = true; }
    }
    if (queue.length === 0) break;
    for (let h = 0; h < queue.length; h++) {
      // FIFO Bellman–Ford settles within n rounds of at most n partners each; more is a negative cycle.
      if (h > 2 * n * n + n) throw new Error('internal: a cycle of negative cost among the routes');
      const u = queue[h];
      queued[u] = false;
      for (const v of adj[u]) {
        const d = dist[u] + (get(v, u) > 0n ? -1 : 1);
        if (d < dist[v]) {
          dist[v] = d;
          pred[v] = u;
          if (!queued[v]) { queue.push(v); queued[v] = true; }
        }
      }
    }
    let sink = -1;
    for (let i = 0; i < n; i++) if (supply[i] < 0n && (sink < 0 || dist[i] < dist[sink])) sink = i;
    if (sink < 0 || dist[sink] === Infinity) throw new Error('internal: a debtor with no route to a creditor');
    const path = [sink];
    while (pred[path[path.length - 1]] >= 0) path.push(pred[path[path.length - 1]]);
    path.reverse(); // source … sink
    let delta = -supply[sink];
    if (supply[path[0]] < delta) delta = supply[path[0]];
    for (let k = 0; k + 1 < path.length; k++) {
      const back = get(path[k + 1], path[k]);
      if (back > 0n && back < delta) delta = back;
    }
    for (let k = 0; k + 1 < path.length; k++) move(path[k], path[k + 1], delta);
    supply[path[0]] -= delta;
    supply[sink] += delta;
  }

  cancelCycles(n, flow);
  const out: Flow[] = [];
  for (let u = 0; u < n; u++) {
    for (const v of [...flow[u].keys()].sort((x, y) => x - y)) {
      const amount = new Decimal(flow[u].get(v)!.toString()).dividedBy(unit);
      out.push({ from: group[u].partner, to: group[v].partner, amount });
    }
  }
  return out;
}

/** Cancels every cycle among the routes that carry money (see the module comment), first found first. */
export function cancelCycles(n: number, flow: Array<Map<number, bigint>>): void {
  for (;;) {
    const cycle = findCycle(n, flow);
    if (!cycle) return;
    // cycle[k] → cycle[k+1] (wrapping): with the push when money already moves that way.
    const len = cycle.length;
    const steps = cycle.map((u, k) => {
      const v = cycle[(k + 1) % len];
      const ahead = flow[u].get(v);
      return ahead !== undefined ? { u, v, with: true, x: ahead } : { u, v, with: false, x: flow[v].get(u)! };
    });
    const along = steps.filter((s) => s.with).length;
    const cost = 2 * along - len; // of pushing forward; backward costs the opposite
    const least = (xs: bigint[]) => xs.reduce((m, x) => (x < m ? x : m));
    const fwd = steps.filter((s) => !s.with).map((s) => s.x);
    const bwd = steps.filter((s) => s.with).map((s) => s.x);
    const forward = cost < 0 || (cost === 0 && (bwd.length === 0 || (fwd.length > 0 && least(fwd) <= least(bwd))));
    const delta = least(forward ? fwd : bwd);
    for (const s of steps) {
      const [a, b] = forward ? [s.u, s.v] : [s.v, s.u];
      const back = flow[b].get(a) ?? 0n;
      if (back > 0n) {
        if (back === delta) flow[b].delete(a);
        else flow[b].set(a, back - delta);
      } else flow[a].set(b, (flow[a].get(b) ?? 0n) + delta);
    }
  }
}

/** A cycle of the undirected graph of routes carrying money, as its partners in order, or null (a forest). */
function findCycle(n: number, flow: Array<Map<number, bigint>>): number[] | null {
  const nb: number[][] = Array.from({ length: n }, () => []);
  for (let u = 0; u < n; u++) for (const v of flow[u].keys()) { nb[u].push(v); nb[v].push(u); }
  for (const list of nb) list.sort((x, y) => x - y);
  const parent = new Array<number>(n).fill(-2);
  for (let root = 0; root < n; root++) {
    if (parent[root] !== -2) continue;
    parent[root] = -1;
    const stack: Array<{ u: number; k: number }> = [{ u: root, k: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.k >= nb[top.u].length) { stack.pop(); continue; }
      const v = nb[top.u][top.k++];
      if (v === parent[top.u]) continue;
      if (parent[v] === -2) {
        parent[v] = top.u;
        stack.push({ u: v, k: 0 });
        continue;
      }
      // v is on the stack (an undirected DFS meets only ancestors): the cycle is v … top.u.
      const at = stack.findIndex((s) => s.u === v);
      if (at >= 0) return stack.slice(at).map((s) => s.u);
    }
  }
  return null;
}
