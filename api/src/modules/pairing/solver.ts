// Optimal social worker ← volunteer assignment: a min-cost flow, pure and deterministic.
//
// The problem: volunteers 0..V-1, workers 0..W-1 each with a remaining capacity, and candidate
// (volunteer, worker) arcs with an integer score. Choose at most one worker per volunteer, no
// worker above its capacity, maximising (1) the total score, then (2) the number of volunteers
// paired (so a pair scoring 0 is still proposed; a pair scoring below 0 never is: leaving the
// volunteer unpaired raises the total).
//
// Both goals become one integer weight per arc, `score · K + 1` with K = V + 1 (the "+1" terms
// add up to at most V < K, so they only ever break ties between equal totals). Network:
//
//   volunteer v ──(cost M − weight)──▶ worker w ──(capacity cap_w, cost 0)──▶ T
//   volunteer v ──(cost M: "stay unpaired")──────────────────────────────────▶ T
//
// M is the largest weight, so every cost is ≥ 0, and each volunteer routes exactly one unit,
// so the M's add the same constant to every plan: min cost ⇔ max weight. Volunteers are added
// one at a time (in index order), each routed along a shortest path in the residual network
// (successive shortest paths: Dijkstra on reduced costs with node potentials, stopping when T
// is settled). A path may move already placed volunteers to other workers or unpair them;
// after each step the plan is optimal for the volunteers seen so far (the classic Hungarian /
// transportation argument), hence optimal at the end — never greedy.
//
// Workers are few and volunteers many, so the search runs on workers only: a placed volunteer
// is reachable only from its worker, so "a → volunteer x → b" collapses into one arc a → b of
// cost min over x at a of (c(x,b) − c(x,a)) (and a → T, unpairing x, of cost M − c(x,a)). Those
// minima come from one min-heap per (worker, target) with lazy deletion; volunteer potentials
// cancel out, so only W + 1 potentials are kept.
//
// Cost, V volunteers, W workers, A candidate arcs: each step is a dense Dijkstra over ≤ W + 1
// nodes that stops at T, O(k·W) for k settled workers (≤ W), plus O(deg · log) heap pushes for
// each volunteer the path moves. Worst case O(V·W² + moves·deg·log V); memory O(A) for the heaps
// (one 8-byte number per arc of each placed volunteer). Same input → same steps → same plan
// (ties: smaller worker index, then smaller volunteer index; volunteers added in index order).

export interface SolverInput {
  volunteerCount: number;
  /** Remaining capacity of each worker (cap − active pairings), ≥ 0. */
  capacities: ArrayLike<number>;
  /** Candidate arcs grouped by volunteer: volunteer v's arcs are [arcStart[v], arcStart[v+1]). */
  arcStart: ArrayLike<number>;
  arcWorker: ArrayLike<number>;
  /** Integer score of each arc (may be negative or zero). */
  arcScore: ArrayLike<number>;
}

export type UnmatchedReason = 'NO_ADMISSIBLE_WORKER' | 'ALL_FULL' | 'NOT_WORTH_IT';

export interface SolverResult {
  /** Worker index per volunteer, or -1 when unpaired. */
  assignment: Int32Array;
  /** Arc index used by each paired volunteer, or -1. */
  assignmentArc: Int32Array;
  totalScore: number;
  matchedCount: number;
  /** Why each unpaired volunteer is unpaired (null for paired ones). */
  reasons: (UnmatchedReason | null)[];
}

/** Builds the grouped arc arrays from a flat list (any order). */
export function arcsFromPairs(
  volunteerCount: number,
  pairs: readonly { volunteer: number; worker: number; score: number }[],
): Pick<SolverInput, 'arcStart' | 'arcWorker' | 'arcScore'> {
  const arcStart = new Int32Array(volunteerCount + 1);
  for (const p of pairs) arcStart[p.volunteer + 1]! += 1;
  for (let v = 0; v < volunteerCount; v++) arcStart[v + 1]! += arcStart[v]!;
  const fill = arcStart.slice(0, volunteerCount);
  const arcWorker = new Int32Array(pairs.length);
  const arcScore = new Float64Array(pairs.length);
  // Sort within each volunteer by worker so the arc order never depends on the input order.
  const sorted = [...pairs].sort((a, b) => a.volunteer - b.volunteer || a.worker - b.worker);
  for (const p of sorted) {
    const at = fill[p.volunteer]!++;
    arcWorker[at] = p.worker;
    arcScore[at] = p.score;
  }
  return { arcStart, arcWorker, arcScore };
}

/** Binary min-heap over plain numbers (key and volunteer packed into one exact double). */
function heapPush(heap: number[], value: number): void {
  let i = heap.length;
  heap.push(value);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (p <= value) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = value;
}

function heapPop(heap: number[]): void {
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const c = r < n && heap[r]! < heap[l]! ? r : l;
    if (heap[c]! >= last) break;
    heap[i] = heap[c]!;
    i = c;
  }
  heap[i] = last;
}

export function solveAssignment(input: SolverInput): SolverResult {
  const V = input.volunteerCount;
  const W = input.capacities.length;
  const T = W; // the sink; nodes 0..W-1 are workers
  const K = V + 1;
  for (let w = 0; w < W; w++) {
    const c = input.capacities[w]!;
    if (!Number.isInteger(c) || c < 0) throw new Error(`capacity of worker ${w} is not ≥ 0`);
  }

  // Arcs worth taking: score ≥ 0 and a worker with room. Weight = score·K + 1 ≥ 1.
  const useStart = new Int32Array(V + 1);
  let useCount = 0;
  let M = 0;
  for (let a = 0; a < input.arcScore.length; a++) {
    if (!Number.isInteger(input.arcScore[a]!))
      throw new Error(`score of arc ${a} is not an integer`);
  }
  for (let v = 0; v < V; v++) {
    for (let a = input.arcStart[v]!; a < input.arcStart[v + 1]!; a++) {
      const score = input.arcScore[a]!;
      if (score >= 0 && input.capacities[input.arcWorker[a]!]! > 0) {
        useCount++;
        M = Math.max(M, score * K + 1);
      }
    }
  }
  const useArc = new Int32Array(useCount);
  useCount = 0;
  for (let v = 0; v < V; v++) {
    useStart[v] = useCount;
    for (let a = input.arcStart[v]!; a < input.arcStart[v + 1]!; a++) {
      if (input.arcScore[a]! >= 0 && input.capacities[input.arcWorker[a]!]! > 0) {
        useArc[useCount++] = a;
      }
    }
  }
  useStart[V] = useCount;

  // Heap entries pack (key, volunteer) as key·2^B + volunteer: exact while |key|·2^B < 2^52.
  const B = 2 ** Math.max(1, Math.ceil(Math.log2(V + 1)));
  if (2 * M * B >= 2 ** 52) throw new Error('scores too large for exact arithmetic');
  const unpack = (value: number) => value - Math.floor(value / B) * B;

  const cap = Int32Array.from({ length: W }, (_, w) => input.capacities[w]!);
  const load = new Int32Array(W);
  const weightOf = (a: number) => input.arcScore[a]! * K + 1;
  const assignment = new Int32Array(V).fill(-1);
  const assignmentArc = new Int32Array(V).fill(-1);
  /** heaps[a·(W+1) + b]: volunteers at worker a keyed by the cost of moving them to b (T: unpairing). */
  const heaps: number[][] = Array.from({ length: W * (W + 1) }, () => []);
  const pot = new Float64Array(W + 1);
  const dist = new Float64Array(W + 1);
  const settled = new Uint8Array(W + 1);
  const parent = new Int32Array(W + 1);
  const parentVolunteer = new Int32Array(W + 1);
  const parentArc = new Int32Array(W + 1);
  const done: number[] = [];

  /** Places x at worker w through arc `arc` and files it in w's heaps. */
  const place = (x: number, w: number, arc: number) => {
    assignment[x] = w;
    assignmentArc[x] = arc;
    load[w]!++;
    const here = M - weightOf(arc);
    const row = w * (W + 1);
    for (let i = useStart[x]!; i < useStart[x + 1]!; i++) {
      const a = useArc[i]!;
      const b = input.arcWorker[a]!;
      if (b !== w) heapPush(heaps[row + b]!, (M - weightOf(a) - here) * B + x);
    }
    heapPush(heaps[row + T]!, (M - here) * B + x);
  };
  const unplace = (x: number) => {
    load[assignment[x]!]!--;
    assignment[x] = -1;
    assignmentArc[x] = -1;
  };
  /** The cheapest valid entry of a heap (stale ones are dropped), or NaN when none. */
  const top = (heap: number[], owner: number): number => {
    while (heap.length > 0) {
      const x = unpack(heap[0]!);
      if (assignment[x] === owner) return heap[0]!;
      heapPop(heap);
    }
    return NaN;
  };

  // Volunteers with the most to gain go first: the capacity they take is rarely taken back, so
  // later searches stop sooner. Any order gives an optimum; this one is fixed by the input.
  const best = new Float64Array(V);
  for (let v = 0; v < V; v++) {
    for (let i = useStart[v]!; i < useStart[v + 1]!; i++) {
      best[v] = Math.max(best[v]!, weightOf(useArc[i]!));
    }
  }
  const order = Int32Array.from({ length: V }, (_, v) => v).sort(
    (x, y) => best[y]! - best[x]! || x - y,
  );

  for (const s of order) {
    if (useStart[s] === useStart[s + 1]) continue; // only "stay unpaired": nothing to route
    dist.fill(Infinity);
    parent.fill(-1);
    parentVolunteer.fill(-1);
    parentArc.fill(-1);
    // From s: to each worker it may join, or straight to T (stay unpaired, cost M).
    for (let i = useStart[s]!; i < useStart[s + 1]!; i++) {
      const a = useArc[i]!;
      const b = input.arcWorker[a]!;
      const d = M - weightOf(a) - pot[b]!;
      if (d < dist[b]!) {
        dist[b] = d;
        parentArc[b] = a;
      }
    }
    dist[T] = M - pot[T]!;
    for (;;) {
      let u = -1;
      let nearest = Infinity;
      for (let n = 0; n <= W; n++) {
        if (!settled[n] && dist[n]! < nearest) {
          nearest = dist[n]!;
          u = n;
        }
      }
      settled[u] = 1;
      done.push(u);
      if (u === T) break;
      const base = nearest + pot[u]!;
      if (load[u]! < cap[u]!) {
        const d = base - pot[T]!;
        if (d < dist[T]!) {
          dist[T] = d;
          parent[T] = u;
          parentVolunteer[T] = -1;
        }
      }
      const row = u * (W + 1);
      for (let b = 0; b <= W; b++) {
        if (b === u || settled[b]) continue;
        const entry = top(heaps[row + b]!, u);
        if (entry !== entry) continue; // NaN: nobody at u
        const key = Math.floor(entry / B);
        const d = base + key - pot[b]!;
        if (d < dist[b]!) {
          dist[b] = d;
          parent[b] = u;
          parentVolunteer[b] = entry - key * B;
        }
      }
    }

    // Augment along the path back from T: each hop moves one volunteer.
    const moves: [number, number, number][] = []; // volunteer, new worker (-1: unpaired), arc
    let node = T;
    for (;;) {
      const from = parent[node]!;
      const x = parentVolunteer[node]!;
      if (node === T) {
        if (from === -1) break; // s stays unpaired
        if (x !== -1) moves.push([x, -1, -1]);
        node = from;
        continue;
      }
      if (from === -1) {
        moves.push([s, node, parentArc[node]!]);
        break;
      }
      // x moves from `from` to `node` through its arc to `node`.
      let arc = -1;
      for (let i = useStart[x]!; i < useStart[x + 1]!; i++) {
        if (input.arcWorker[useArc[i]!] === node) {
          arc = useArc[i]!;
          break;
        }
      }
      moves.push([x, node, arc]);
      node = from;
    }
    for (const [x] of moves) if (assignment[x]! >= 0) unplace(x);
    for (const [x, w, arc] of moves) if (w >= 0) place(x, w, arc);

    // Potentials: settled nodes move by their distance short of T (others by 0, which is the
    // same as the textbook "+min(dist, dist_T)" shifted by the constant dist_T).
    const dT = dist[T]!;
    for (const u of done) {
      pot[u]! -= dT - dist[u]!;
      settled[u] = 0;
    }
    done.length = 0;
  }

  let totalScore = 0;
  let matchedCount = 0;
  const reasons: (UnmatchedReason | null)[] = new Array<UnmatchedReason | null>(V).fill(null);
  for (let v = 0; v < V; v++) {
    if (assignment[v]! >= 0) {
      totalScore += input.arcScore[assignmentArc[v]!]!;
      matchedCount++;
      continue;
    }
    let any = false;
    let worth = false;
    let roomy = false;
    for (let a = input.arcStart[v]!; a < input.arcStart[v + 1]!; a++) {
      any = true;
      const hasRoom = input.capacities[input.arcWorker[a]!]! > 0;
      if (hasRoom) roomy = true;
      if (hasRoom && input.arcScore[a]! >= 0) worth = true;
    }
    reasons[v] = !any ? 'NO_ADMISSIBLE_WORKER' : worth || !roomy ? 'ALL_FULL' : 'NOT_WORTH_IT';
  }
  return { assignment, assignmentArc, totalScore, matchedCount, reasons };
}
