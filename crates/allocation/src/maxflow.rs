//! Highest-label push-relabel max-flow on a compact CSR graph with exact integer
//! capacities: `i64` where every flow stays below 2^61 (doses, and tests on a grid scaled
//! to fit), `i128` for the exact tests at a level's own scale that need it.
//!
//! Augmenting-path methods need many phases on this network (Dinic was far slower on the
//! benchmark rounds: figures in the crate's README); push-relabel with the gap heuristic
//! and global relabelling does not (see the algorithms guide).

/// Capacity that no flow can reach: every real flow is at most 2^53 doses times a scale of
/// at most 2^52, so 2^120 never saturates and sums of a few never overflow.
pub const INFINITE: i128 = 1 << 120;

/// The integers a [`FlowGraph`] computes with. Callers pass and read `i128`; a graph over
/// `i64` takes only networks whose flows all stay below [`I64_SUM_MAX`] (2^61: true when
/// the source's arcs add up to less), and keeps [`INFINITE`] as 2^62 (still never reached,
/// and adding a flow to it does not overflow).
pub trait Capacity:
    Copy + Ord + std::ops::AddAssign + std::ops::SubAssign + std::ops::Sub<Output = Self> + Send
{
    const ZERO: Self;
    /// The capacity or flow `x`; [`INFINITE`] and above become this type's own infinity.
    fn from_i128(x: i128) -> Self;
    fn to_i128(self) -> i128;
}

/// A network's arcs as `(tail, head, capacity)`, read by index: a list of them, or a view
/// that works each one out when asked ([`ArcsFn`]), so that a graph can be built from a
/// network at some level without a copy of its arcs.
pub trait Arcs {
    fn count(&self) -> usize;
    fn arc(&self, k: usize) -> (u32, u32, i128);
    /// Every arc in order (passes over all arcs read them this way: no index checks).
    fn each(&self) -> impl Iterator<Item = (u32, u32, i128)> + '_ {
        (0..self.count()).map(|k| self.arc(k))
    }
}

impl Arcs for [(u32, u32, i128)] {
    fn count(&self) -> usize {
        self.len()
    }
    fn arc(&self, k: usize) -> (u32, u32, i128) {
        self[k]
    }
    fn each(&self) -> impl Iterator<Item = (u32, u32, i128)> + '_ {
        self.iter().copied()
    }
}

impl Arcs for Vec<(u32, u32, i128)> {
    fn count(&self) -> usize {
        self.len()
    }
    fn arc(&self, k: usize) -> (u32, u32, i128) {
        self[k]
    }
    fn each(&self) -> impl Iterator<Item = (u32, u32, i128)> + '_ {
        self.iter().copied()
    }
}

/// `count` arcs, arc k being `arc(k)`.
pub struct ArcsFn<F>(pub usize, pub F);

impl<F: Fn(usize) -> (u32, u32, i128)> Arcs for ArcsFn<F> {
    #[inline]
    fn count(&self) -> usize {
        self.0
    }
    #[inline]
    fn arc(&self, k: usize) -> (u32, u32, i128) {
        (self.1)(k)
    }
}

/// `x`, a node, label or arc index of one of the engine's networks, in 32 bits, for the hot
/// loops (a checked conversion there would cost a test each time). It never truncates:
/// `network::build` numbers the round's nodes and arcs in 32 bits, every contracted network
/// is smaller, and [`FlowGraph::new`] checks that labels (up to 2n) and residual arcs (2
/// per arc) fit too. Debug builds check every one.
#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "every node, label and arc index fits in u32: network::build and FlowGraph::new check"
)]
pub fn index(x: usize) -> u32 {
    debug_assert!(u32::try_from(x).is_ok(), "{x} does not fit in 32 bits");
    x as u32
}

/// The arcs grouped by one of their ends (`end` picks it): arc indices, those of node v at
/// `list[first[v]..first[v + 1]]`, each node's in input order.
pub fn arcs_by_node(
    node_count: usize,
    arcs: &(impl Arcs + ?Sized),
    end: impl Fn((u32, u32, i128)) -> u32,
) -> (Vec<u32>, Vec<u32>) {
    let mut first = vec![0u32; node_count + 1];
    for arc in arcs.each() {
        first[end(arc) as usize + 1] += 1;
    }
    for v in 0..node_count {
        first[v + 1] += first[v];
    }
    let mut fill = first.clone();
    let mut list = vec![0u32; arcs.count()];
    for (k, arc) in arcs.each().enumerate() {
        let v = end(arc) as usize;
        list[fill[v] as usize] = index(k);
        fill[v] += 1;
    }
    (first, list)
}

impl Capacity for i64 {
    const ZERO: i64 = 0;
    #[allow(
        clippy::cast_possible_truncation,
        reason = "capacities and flows are never negative, so x.min(2^62) fits (debug builds check)"
    )]
    fn from_i128(x: i128) -> i64 {
        debug_assert!(
            (0..1 << 62).contains(&x) || x >= INFINITE,
            "a capacity or flow that does not fit in i64"
        );
        x.min(1 << 62) as i64
    }
    fn to_i128(self) -> i128 {
        i128::from(self)
    }
}

impl Capacity for i128 {
    const ZERO: i128 = 0;
    fn from_i128(x: i128) -> i128 {
        x.min(INFINITE)
    }
    fn to_i128(self) -> i128 {
        self
    }
}

/// Largest sum of finite capacities (in a graph's own scale) that a graph over `i64` takes.
pub const I64_SUM_MAX: i128 = 1 << 61;

const NONE: u32 = u32::MAX;

/// Networks with at least this many arcs get fewer global relabels when only the cut
/// matters (see [`FlowGraph::only_cut_matters`]).
const LARGE_ARCS: usize = 200_000;

/// A residual graph. Arcs are stored per tail node; `partner[e]` is the reverse arc.
pub struct FlowGraph<C: Capacity> {
    node_count: usize,
    first: Vec<u32>,
    head: Vec<u32>,
    partner: Vec<u32>,
    /// Whether each residual arc is an arc of the network (not the reverse of one).
    forward: Vec<bool>,
    /// The nodes in an order in which every arc of the network goes forwards.
    topological: Vec<u32>,
    residual: Vec<C>,
    excess: Vec<C>,
    label: Vec<u32>,
    current: Vec<u32>,
    // Doubly linked lists of the nodes per label below `node_count`, for the gap heuristic.
    list_next: Vec<u32>,
    list_prev: Vec<u32>,
    list_head: Vec<u32>,
    /// No node below `node_count` has a label above this: where a gap's sweep may stop.
    highest: usize,
    /// Nodes with excess per label, as singly linked stacks through `active_next` (a node
    /// is on at most one; entries left behind by a gap are skipped when popped).
    active_head: Vec<u32>,
    active_next: Vec<u32>,
    /// Global relabels every this many passes' worth of relabelling work.
    relabel_passes: usize,
}

/// The nodes in an order in which every arc goes forwards. The networks built here number
/// their nodes so that every arc goes to a higher number or into node 1 (the sink), and
/// then that order is read off; otherwise Kahn's algorithm finds one (the networks here have
/// no cycles; nodes on a cycle, if any, would be left out).
pub fn topological_order(node_count: usize, arcs: &(impl Arcs + ?Sized)) -> Vec<u32> {
    let numbered = arcs.each().all(|(a, b, _)| a != 1 && (a < b || b == 1));
    if node_count >= 2 && numbered {
        let mut order: Vec<u32> = Vec::with_capacity(node_count);
        order.push(0);
        order.extend(2..index(node_count));
        order.push(1);
        return order;
    }
    let mut indegree = vec![0u32; node_count];
    for (_, b, _) in arcs.each() {
        indegree[b as usize] += 1;
    }
    let (first, outgoing) = arcs_by_node(node_count, arcs, |(a, _, _)| a);
    let mut order: Vec<u32> = (0..index(node_count))
        .filter(|&v| indegree[v as usize] == 0)
        .collect();
    let mut i = 0;
    while i < order.len() {
        let v = order[i] as usize;
        i += 1;
        for &k in &outgoing[first[v] as usize..first[v + 1] as usize] {
            let w = arcs.arc(k as usize).1;
            indegree[w as usize] -= 1;
            if indegree[w as usize] == 0 {
                order.push(w);
            }
        }
    }
    order
}

impl<C: Capacity> FlowGraph<C> {
    /// Builds the graph from `(tail, head, capacity)` arcs; returns it and, per input arc,
    /// the index of its forward residual arc (to read flows and change capacities later).
    /// Panics if labels (up to 2 × `node_count`) or residual arcs (2 per arc) cannot be
    /// numbered in 32 bits.
    pub fn new(node_count: usize, arcs: &(impl Arcs + ?Sized)) -> (FlowGraph<C>, Vec<u32>) {
        assert!(
            u32::try_from(2 * node_count + 1).is_ok() && u32::try_from(2 * arcs.count()).is_ok(),
            "a graph's labels and residual arcs are numbered in 32 bits"
        );
        let mut degree = vec![0u32; node_count + 1];
        for (a, b, _) in arcs.each() {
            degree[a as usize + 1] += 1;
            degree[b as usize + 1] += 1;
        }
        for v in 0..node_count {
            degree[v + 1] += degree[v];
        }
        let first = degree.clone();
        let mut fill = degree;
        let m = 2 * arcs.count();
        let mut head = vec![0u32; m];
        let mut partner = vec![0u32; m];
        let mut residual = vec![C::ZERO; m];
        let mut is_forward = vec![false; m];
        let mut forward = Vec::with_capacity(arcs.count());
        for (a, b, cap) in arcs.each() {
            let ea = fill[a as usize];
            fill[a as usize] += 1;
            let eb = fill[b as usize];
            fill[b as usize] += 1;
            head[ea as usize] = b;
            head[eb as usize] = a;
            partner[ea as usize] = eb;
            partner[eb as usize] = ea;
            residual[ea as usize] = C::from_i128(cap.max(0));
            is_forward[ea as usize] = true;
            forward.push(ea);
        }
        let graph = FlowGraph {
            node_count,
            first,
            head,
            partner,
            forward: is_forward,
            topological: topological_order(node_count, arcs),
            residual,
            excess: vec![C::ZERO; node_count],
            label: vec![0; node_count],
            current: vec![0; node_count],
            list_next: vec![NONE; node_count],
            list_prev: vec![NONE; node_count],
            list_head: vec![NONE; node_count + 1],
            highest: 0,
            active_head: vec![NONE; 2 * node_count + 1],
            active_next: vec![NONE; node_count],
            relabel_passes: 4,
        };
        (graph, forward)
    }

    /// Like [`FlowGraph::new`], starting from a given preflow: `flows[k]` on input arc k,
    /// at most its capacity, with no node but the source giving out more than it takes in.
    pub fn with_flows(
        node_count: usize,
        arcs: &(impl Arcs + ?Sized),
        flows: &[i128],
    ) -> (FlowGraph<C>, Vec<u32>) {
        let (mut graph, forward) = FlowGraph::new(node_count, arcs);
        for (k, (&flow, (a, b, _))) in flows.iter().zip(arcs.each()).enumerate() {
            if flow > 0 {
                let f = C::from_i128(flow);
                let e = forward[k] as usize;
                graph.residual[e] -= f;
                graph.residual[graph.partner[e] as usize] += f;
                graph.excess[b as usize] += f;
                graph.excess[a as usize] -= f;
            }
        }
        (graph, forward)
    }

    /// For a graph whose flow serves only for its minimum cut and as a warm start (never
    /// as an answer): on large networks global relabels then run a quarter as often. A
    /// pass over a network too large for the caches costs more (memory traffic), so there
    /// fewer passes pay, while on smaller networks 4 does fewer instructions (figures in
    /// the crate's README). The cut itself does not depend on it: the nodes that reach `t`
    /// are the same for every maximum preflow.
    pub fn only_cut_matters(&mut self) {
        if self.head.len() / 2 >= LARGE_ARCS {
            self.relabel_passes = 16;
        }
    }

    /// Flow on a forward arc created with capacity `capacity`.
    pub fn flow(&self, arc: u32) -> i128 {
        self.residual[self.partner[arc as usize] as usize].to_i128()
    }

    /// Adds `amount` to the residual capacity of a forward arc (raising its capacity).
    pub fn add_capacity(&mut self, arc: u32, amount: i128) {
        self.residual[arc as usize] += C::from_i128(amount);
    }

    /// Everything that has reached `t`, warm start included.
    pub fn value(&self, t: usize) -> i128 {
        self.excess[t].to_i128()
    }

    /// Forbids undoing the flow on a forward arc: returns that flow and removes it from the
    /// reverse residual capacity until [`FlowGraph::unlock`] gives it back.
    pub fn lock(&mut self, arc: u32) -> i128 {
        let reverse = self.partner[arc as usize] as usize;
        std::mem::replace(&mut self.residual[reverse], C::ZERO).to_i128()
    }

    pub fn unlock(&mut self, arc: u32, flow: i128) {
        self.residual[self.partner[arc as usize] as usize] += C::from_i128(flow);
    }

    /// Sets the residual capacity of a forward arc that carries no flow yet.
    pub fn set_residual(&mut self, arc: u32, amount: i128) {
        self.residual[arc as usize] = C::from_i128(amount);
    }

    fn arcs(&self, v: usize) -> std::ops::Range<usize> {
        self.first[v] as usize..self.first[v + 1] as usize
    }

    /// Augments the current flow to a maximum one from `s` to `t` and returns the flow
    /// added into `t`. With `cut_only`, stops once the flow value is known (a maximum
    /// preflow): enough for the value and a minimum cut, not for arc flows.
    pub fn augment(&mut self, s: usize, t: usize, cut_only: bool) -> i128 {
        let n = self.node_count;
        let before = self.excess[t];
        self.label[s] = index(n);
        for e in self.arcs(s) {
            let delta = self.residual[e];
            if delta > C::ZERO {
                let w = self.head[e] as usize;
                self.residual[e] = C::ZERO;
                self.residual[self.partner[e] as usize] += delta;
                self.excess[w] += delta;
                self.excess[s] -= delta;
            }
        }
        self.global_relabel(s, t, cut_only);
        self.sweep(s, t);
        self.global_relabel(s, t, cut_only);
        let limit = if cut_only { n } else { 2 * n };
        let mut top = limit;
        let mut work: usize = 0;
        // Global relabels are exact but cost a pass over every arc; every few passes' worth
        // of relabelling work measured best on the benchmark rounds.
        let relabel_period = self.relabel_passes * (6 * n + self.head.len() / 2);
        loop {
            while top > 0 && self.active_head[top - 1] == NONE {
                top -= 1;
            }
            if top == 0 {
                break;
            }
            let v = self.pop_active(top - 1);
            if self.label[v] as usize != top - 1 || self.excess[v] <= C::ZERO {
                continue;
            }
            work += self.discharge(v, s, t, cut_only, &mut top);
            if work > relabel_period {
                work = 0;
                self.global_relabel(s, t, cut_only);
                top = limit;
            }
        }
        (self.excess[t] - before).to_i128()
    }

    /// One pass over the nodes in topological order, each pushing its excess downhill
    /// (to lower labels) along arcs of the network. From exact labels this routes much of
    /// the flow for the price of one pass without a relabel, and what it cannot place stays
    /// where it got stuck, where the next global relabel finds it cut off from the sink at
    /// once, which is faster on every benchmark round (README).
    fn sweep(&mut self, s: usize, t: usize) {
        let order = std::mem::take(&mut self.topological);
        for &v in &order {
            let v = v as usize;
            if v == s || v == t || self.excess[v] <= C::ZERO {
                continue;
            }
            let lv = self.label[v];
            for e in self.arcs(v) {
                if !self.forward[e] || self.residual[e] <= C::ZERO {
                    continue;
                }
                let w = self.head[e] as usize;
                if w == s || self.label[w] >= lv {
                    continue;
                }
                let delta = self.excess[v].min(self.residual[e]);
                self.residual[e] -= delta;
                self.residual[self.partner[e] as usize] += delta;
                self.excess[v] -= delta;
                self.excess[w] += delta;
                if self.excess[v] == C::ZERO {
                    break;
                }
            }
        }
        self.topological = order;
    }

    /// Pushes `v`'s excess out, relabelling as needed; returns the work done.
    fn discharge(
        &mut self,
        v: usize,
        s: usize,
        t: usize,
        cut_only: bool,
        top: &mut usize,
    ) -> usize {
        let n = self.node_count;
        let mut work = 0;
        loop {
            let end = self.first[v + 1] as usize;
            let dv = self.label[v];
            let mut e = self.current[v] as usize;
            while e < end {
                let w = self.head[e] as usize;
                if self.residual[e] > C::ZERO && self.label[w] + 1 == dv {
                    let delta = self.excess[v].min(self.residual[e]);
                    self.residual[e] -= delta;
                    self.residual[self.partner[e] as usize] += delta;
                    self.excess[v] -= delta;
                    let was_idle = self.excess[w] <= C::ZERO;
                    self.excess[w] += delta;
                    if was_idle && w != s && w != t {
                        let lw = self.label[w] as usize;
                        self.push_active(lw, w);
                        if lw + 1 > *top {
                            *top = lw + 1;
                        }
                    }
                    if self.excess[v] == C::ZERO {
                        break;
                    }
                }
                e += 1;
            }
            if self.excess[v] == C::ZERO {
                self.current[v] = index(e);
                return work;
            }
            // Relabel to one more than the lowest residual neighbour.
            work += 12 + (end - self.first[v] as usize);
            let mut lowest = u32::MAX;
            let mut lowest_arc = self.first[v];
            for e in self.arcs(v) {
                if self.residual[e] > C::ZERO {
                    let lw = self.label[self.head[e] as usize];
                    if lw < lowest {
                        lowest = lw;
                        lowest_arc = index(e);
                    }
                }
            }
            let old = dv as usize;
            let mut new = if lowest == u32::MAX {
                2 * n
            } else {
                lowest as usize + 1
            };
            if old < n {
                self.unlink(v);
                if self.list_head[old] == NONE {
                    // Gap: no node is left at `old`, so nothing above it can reach t.
                    for level in old + 1..=self.highest.min(n - 1) {
                        let mut u = self.list_head[level];
                        while u != NONE {
                            let next = self.list_next[u as usize];
                            self.label[u as usize] = index(n);
                            self.list_next[u as usize] = NONE;
                            self.list_prev[u as usize] = NONE;
                            u = next;
                        }
                        self.list_head[level] = NONE;
                    }
                    self.highest = old;
                    new = new.max(n);
                }
            }
            self.label[v] = index(new);
            // Arcs before the first lowest neighbour are not admissible at `lowest + 1`.
            self.current[v] = if lowest != u32::MAX && new == lowest as usize + 1 {
                lowest_arc
            } else {
                self.first[v]
            };
            if new < n {
                self.link(v, new);
            } else if cut_only || new >= 2 * n {
                return work;
            }
        }
    }

    fn push_active(&mut self, level: usize, v: usize) {
        self.active_next[v] = self.active_head[level];
        self.active_head[level] = index(v);
    }

    fn pop_active(&mut self, level: usize) -> usize {
        let v = self.active_head[level] as usize;
        self.active_head[level] = self.active_next[v];
        v
    }

    fn link(&mut self, v: usize, level: usize) {
        self.highest = self.highest.max(level);
        let h = self.list_head[level];
        self.list_next[v] = h;
        self.list_prev[v] = NONE;
        if h != NONE {
            self.list_prev[h as usize] = index(v);
        }
        self.list_head[level] = index(v);
    }

    fn unlink(&mut self, v: usize) {
        let level = self.label[v] as usize;
        let next = self.list_next[v];
        let prev = self.list_prev[v];
        if prev != NONE {
            self.list_next[prev as usize] = next;
        } else {
            self.list_head[level] = next;
        }
        if next != NONE {
            self.list_prev[next as usize] = prev;
        }
        self.list_next[v] = NONE;
        self.list_prev[v] = NONE;
    }

    /// Exact distances to `t` in the residual graph; nodes that cannot reach `t` get
    /// `n + distance to s` (or `n` when only the cut is wanted).
    fn global_relabel(&mut self, s: usize, t: usize, cut_only: bool) {
        let n = self.node_count;
        for l in self.list_head.iter_mut() {
            *l = NONE;
        }
        self.highest = 0;
        self.active_head.fill(NONE);
        let unreached = 2 * index(n);
        for v in 0..n {
            self.label[v] = unreached;
            self.current[v] = self.first[v];
            self.list_next[v] = NONE;
            self.list_prev[v] = NONE;
        }
        let mut queue: Vec<u32> = Vec::with_capacity(n);
        self.label[t] = 0;
        queue.push(index(t));
        let mut i = 0;
        while i < queue.len() {
            let w = queue[i] as usize;
            i += 1;
            let lw = self.label[w];
            for e in self.arcs(w) {
                let v = self.head[e] as usize;
                if self.label[v] == unreached
                    && v != s
                    && self.residual[self.partner[e] as usize] > C::ZERO
                {
                    self.label[v] = lw + 1;
                    queue.push(index(v));
                }
            }
        }
        if !cut_only {
            let start = queue.len();
            self.label[s] = index(n);
            queue.push(index(s));
            let mut i = start;
            while i < queue.len() {
                let w = queue[i] as usize;
                i += 1;
                let lw = self.label[w];
                for e in self.arcs(w) {
                    let v = self.head[e] as usize;
                    if self.label[v] == unreached
                        && self.residual[self.partner[e] as usize] > C::ZERO
                    {
                        self.label[v] = lw + 1;
                        queue.push(index(v));
                    }
                }
            }
        }
        self.label[s] = index(n);
        for v in 0..n {
            if v == s || v == t {
                continue;
            }
            let l = self.label[v] as usize;
            if cut_only && l >= n {
                self.label[v] = index(n);
                continue;
            }
            if l < n {
                self.link(v, l);
            }
            if self.excess[v] > C::ZERO && l < 2 * n {
                self.push_active(l, v);
            }
        }
    }

    /// Nodes that can still reach `t` in the residual graph: the sink side of a minimum
    /// cut once `augment` has run.
    pub fn sink_side(&self, t: usize) -> Vec<bool> {
        let mut seen = vec![false; self.node_count];
        seen[t] = true;
        let mut queue = vec![index(t)];
        let mut i = 0;
        while i < queue.len() {
            let w = queue[i] as usize;
            i += 1;
            for e in self.arcs(w) {
                let v = self.head[e] as usize;
                if !seen[v] && self.residual[self.partner[e] as usize] > C::ZERO {
                    seen[v] = true;
                    queue.push(index(v));
                }
            }
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// A random network whose arcs go to higher-numbered nodes or into the sink (node 1),
    /// like the ones the engine builds: some arcs uncapacitated, never those out of the
    /// source (supply is always finite there).
    fn network(seed: u64) -> (usize, Vec<(u32, u32, i128)>) {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let n = rng.random_range(3..24usize);
        let mut arcs = Vec::new();
        for _ in 0..rng.random_range(1..4 * n) {
            let a = if rng.random_bool(0.2) {
                0
            } else {
                rng.random_range(2..n)
            };
            let b = if rng.random_bool(0.25) || a + 1 >= n {
                1
            } else {
                rng.random_range(a.max(1) + 1..n)
            };
            let capacity = if a != 0 && rng.random_bool(0.2) {
                INFINITE
            } else {
                rng.random_range(0..1000)
            };
            arcs.push((index(a), index(b), capacity));
        }
        (n, arcs)
    }

    /// Value, sink side and (for a full flow) arc flows.
    fn solve<C: Capacity>(
        n: usize,
        arcs: &[(u32, u32, i128)],
        cut_only: bool,
    ) -> (i128, Vec<bool>, Vec<i128>) {
        let (mut graph, forward) = FlowGraph::<C>::new(n, arcs);
        let value = graph.augment(0, 1, cut_only);
        let flows = forward.iter().map(|&e| graph.flow(e)).collect();
        (value, graph.sink_side(1), flows)
    }

    #[test]
    fn both_integer_types_find_the_same_maximum_flow_and_cut() {
        for seed in 0..500u64 {
            let (n, arcs) = network(seed);
            for cut_only in [true, false] {
                let narrow = solve::<i64>(n, &arcs, cut_only);
                let wide = solve::<i128>(n, &arcs, cut_only);
                assert_eq!(narrow, wide, "seed {seed}, cut_only {cut_only}");
                // The cut's capacity equals the flow's value: both are optimal.
                let (value, sink_side, flows) = wide;
                let cut: i128 = arcs
                    .iter()
                    .filter(|&&(a, b, _)| !sink_side[a as usize] && sink_side[b as usize])
                    .map(|&(_, _, c)| c)
                    .sum();
                assert_eq!(cut.min(INFINITE), value.min(INFINITE), "seed {seed}");
                if !cut_only {
                    let mut balance = vec![0i128; n];
                    for (k, &(a, b, c)) in arcs.iter().enumerate() {
                        assert!((0..=c).contains(&flows[k]), "seed {seed}: arc {k}");
                        balance[a as usize] -= flows[k];
                        balance[b as usize] += flows[k];
                    }
                    assert!((2..n).all(|v| balance[v] == 0), "seed {seed}: conservation");
                    assert_eq!(balance[1], value, "seed {seed}");
                }
            }
        }
    }
}
