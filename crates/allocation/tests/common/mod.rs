//! Shared test support: an independent slow exact solver, a day-by-day feasibility checker
//! and a generator of tiny rounds, all written from the spec without the engine's code.

// Each test binary uses a different part.
#![allow(dead_code)]
// Index loops read more plainly than iterator chains over a dense matrix.
#![allow(clippy::needless_range_loop)]

use std::collections::HashSet;

use allocation::{LimitedBy, Lot, Problem, Recipient, Solution};
use chrono::{Datelike, Days, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

// ---------------------------------------------------------------------------------------
// Exact rationals, small enough for tiny rounds (overflow panics: a test bug, not an answer).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Q {
    pub n: i128,
    pub d: i128,
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl Q {
    pub fn new(n: i128, d: i128) -> Q {
        assert!(d != 0);
        let s = if d < 0 { -1 } else { 1 };
        let g = gcd(n, d).max(1);
        Q {
            n: s * n / g,
            d: s * d / g,
        }
    }
    pub fn int(n: i128) -> Q {
        Q { n, d: 1 }
    }
    pub fn add(self, o: Q) -> Q {
        Q::new(
            self.n.checked_mul(o.d).unwrap() + o.n.checked_mul(self.d).unwrap(),
            self.d.checked_mul(o.d).unwrap(),
        )
    }
    pub fn sub(self, o: Q) -> Q {
        self.add(Q { n: -o.n, d: o.d })
    }
    pub fn mul(self, o: Q) -> Q {
        Q::new(
            self.n.checked_mul(o.n).unwrap(),
            self.d.checked_mul(o.d).unwrap(),
        )
    }
    pub fn div(self, o: Q) -> Q {
        Q::new(
            self.n.checked_mul(o.d).unwrap(),
            self.d.checked_mul(o.n).unwrap(),
        )
    }
    pub fn floor(self) -> i128 {
        self.n.div_euclid(self.d)
    }
    pub fn ceil(self) -> i128 {
        -((-self.n).div_euclid(self.d))
    }
    /// The decimal number the input wrote (its shortest round-trip form): 33.3 is 333/10.
    pub fn from_f64(x: f64) -> Q {
        let text = format!("{x}");
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let digits: i128 = format!("{whole}{fraction}").parse().expect("short decimal");
        Q::new(
            digits,
            10i128.pow(u32::try_from(fraction.len()).expect("a short fraction")),
        )
    }
}

impl PartialOrd for Q {
    fn partial_cmp(&self, o: &Q) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Q {
    fn cmp(&self, o: &Q) -> std::cmp::Ordering {
        (self.n.checked_mul(o.d).unwrap()).cmp(&o.n.checked_mul(self.d).unwrap())
    }
}

fn clamp(x: Q, lo: Q, hi: Q) -> Q {
    x.max(lo).min(hi)
}

// ---------------------------------------------------------------------------------------
// The spec's definitions, restated.

fn day(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

pub fn start_day(p: &Problem, r: &Recipient) -> i64 {
    day(r.start.unwrap_or(p.date))
}

pub fn eligible(p: &Problem, lot: &Lot, r: &Recipient) -> bool {
    let expiry = day(lot.expiry);
    if expiry < day(p.date) {
        return false;
    }
    if let Some(ids) = &lot.recipients
        && !ids.contains(&r.id)
    {
        return false;
    }
    if let Some(products) = &r.products
        && !products.contains(&lot.product)
    {
        return false;
    }
    let s = start_day(p, r);
    expiry >= s && expiry - s >= r.min_shelf_days
}

/// floor(target * N / 100 - d) clamped at 0, and max_doses; None when uncapped.
pub fn cap(p: &Problem, r: &Recipient) -> Option<i128> {
    let by_target = r.target_per_100.or(p.target_per_100).map(|t| {
        let t = Q::from_f64(t);
        let v = t.mul(Q::int(r.population as i128)).div(Q::int(100));
        (v.floor() - r.doses_received as i128).max(0)
    });
    match (by_target, r.max_doses.map(|m| m as i128)) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// floor(a * days), a read as the decimal the input wrote.
pub fn absorbable(rate: f64, days: i64) -> i128 {
    Q::from_f64(rate)
        .mul(Q::int(i128::from(days.max(0))))
        .floor()
}

// ---------------------------------------------------------------------------------------
// A dense max-flow (Edmonds–Karp): slow, simple, obviously right.

pub struct Dense {
    pub n: usize,
    pub cap: Vec<Vec<i128>>,
}

impl Dense {
    pub fn new(n: usize) -> Dense {
        Dense {
            n,
            cap: vec![vec![0; n]; n],
        }
    }
    pub fn max_flow(&mut self, s: usize, t: usize) -> i128 {
        let mut total = 0;
        loop {
            let mut prev = vec![usize::MAX; self.n];
            prev[s] = s;
            let mut queue = std::collections::VecDeque::from([s]);
            while let Some(v) = queue.pop_front() {
                for w in 0..self.n {
                    if prev[w] == usize::MAX && self.cap[v][w] > 0 {
                        prev[w] = v;
                        queue.push_back(w);
                    }
                }
            }
            if prev[t] == usize::MAX {
                return total;
            }
            let mut delta = i128::MAX;
            let mut w = t;
            while w != s {
                delta = delta.min(self.cap[prev[w]][w]);
                w = prev[w];
            }
            let mut w = t;
            while w != s {
                self.cap[prev[w]][w] -= delta;
                self.cap[w][prev[w]] += delta;
                w = prev[w];
            }
            total += delta;
        }
    }
    pub fn reachable(&self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.n];
        seen[s] = true;
        let mut stack = vec![s];
        while let Some(v) = stack.pop() {
            for w in 0..self.n {
                if !seen[w] && self.cap[v][w] > 0 {
                    seen[w] = true;
                    stack.push(w);
                }
            }
        }
        seen
    }
}

const BIG: i128 = 1 << 100;

/// The round's network with one node per lot and one chain node per (recipient, distinct
/// eligible expiry), unmerged and unpruned.
pub struct Reference<'a> {
    p: &'a Problem,
    nodes: usize,
    /// (from, to, capacity) of every fixed arc.
    arcs: Vec<(usize, usize, i128)>,
    /// Chain end node per recipient, if it has eligible lots.
    end: Vec<Option<usize>>,
    pub upper: Vec<i128>,
    /// Per recipient: its eligible lots' doses, and `upper` without the cap (the last
    /// absorption limit and the eligible doses).
    pub eligible_supply: Vec<i128>,
    pub uncapped: Vec<i128>,
}

pub const S: usize = 0;
pub const T: usize = 1;

impl<'a> Reference<'a> {
    pub fn new(p: &'a Problem) -> Reference<'a> {
        let m = p.lots.len();
        let mut nodes = 2 + m;
        let mut arcs = Vec::new();
        for (i, lot) in p.lots.iter().enumerate() {
            arcs.push((S, 2 + i, lot.doses as i128));
        }
        let mut end = Vec::new();
        let mut upper = Vec::new();
        let mut eligible_supply = Vec::new();
        let mut uncapped = Vec::new();
        for r in &p.recipients {
            let lots: Vec<usize> = (0..m).filter(|&i| eligible(p, &p.lots[i], r)).collect();
            let mut days: Vec<i64> = lots.iter().map(|&i| day(p.lots[i].expiry)).collect();
            days.sort_unstable();
            days.dedup();
            if days.is_empty() {
                end.push(None);
                upper.push(0);
                eligible_supply.push(0);
                uncapped.push(0);
                continue;
            }
            let first = nodes;
            nodes += days.len();
            for (k, &t) in days.iter().enumerate() {
                // Flow leaving node k = doses expiring on or before days[k].
                let limit = match r.absorption_per_day {
                    Some(a) => absorbable(a, t - start_day(p, r) + 1),
                    None => BIG,
                };
                let to = if k + 1 < days.len() {
                    first + k + 1
                } else {
                    usize::MAX
                };
                if to != usize::MAX {
                    arcs.push((first + k, to, limit));
                } else {
                    // The last limit is folded into the upper bound below.
                    upper.push(limit);
                }
            }
            for &i in &lots {
                let k = days.binary_search(&day(p.lots[i].expiry)).unwrap();
                arcs.push((2 + i, first + k, BIG));
            }
            end.push(Some(first + days.len() - 1));
            let supply: i128 = lots.iter().map(|&i| p.lots[i].doses as i128).sum();
            let last = upper.last_mut().unwrap();
            uncapped.push((*last).min(supply));
            eligible_supply.push(supply);
            *last = (*last).min(supply).min(cap(p, r).unwrap_or(BIG));
        }
        Reference {
            p,
            nodes,
            arcs,
            end,
            upper,
            eligible_supply,
            uncapped,
        }
    }

    /// Max flow with the given sink capacities (rationals), scaled to integers; returns the
    /// value (as a rational) and the residual graph.
    pub fn flow(&self, sink: &[Q]) -> (Q, Dense, i128) {
        let mut scale: i128 = 1;
        for q in sink {
            scale = scale / gcd(scale, q.d) * q.d;
        }
        assert!(scale < 1 << 60, "reference scale too large for exact flows");
        let mut g = Dense::new(self.nodes);
        for &(a, b, c) in &self.arcs {
            g.cap[a][b] += if c >= BIG { BIG } else { c * scale };
        }
        for (j, e) in self.end.iter().enumerate() {
            if let Some(e) = *e {
                g.cap[e][T] += sink[j].n * (scale / sink[j].d);
            }
        }
        let v = g.max_flow(S, T);
        (Q::new(v, scale), g, scale)
    }

    pub fn weight(&self, j: usize) -> Q {
        let r = &self.p.recipients[j];
        Q::from_f64(r.weight).mul(Q::int(r.population as i128))
    }

    fn x_at(&self, j: usize, lambda: Q) -> Q {
        let r = &self.p.recipients[j];
        clamp(
            self.weight(j)
                .mul(lambda)
                .sub(Q::int(r.doses_received as i128)),
            Q::int(0),
            Q::int(self.upper[j]),
        )
    }

    /// Largest λ with sum over `set` of x_j(λ) <= budget (given a finite answer exists).
    fn largest_level(&self, set: &[usize], budget: Q, ceiling: Q) -> Q {
        let mut points: Vec<Q> = vec![ceiling];
        for &j in set {
            let r = &self.p.recipients[j];
            let d = Q::int(r.doses_received as i128);
            points.push(d.div(self.weight(j)));
            points.push(d.add(Q::int(self.upper[j])).div(self.weight(j)));
        }
        points.retain(|&q| q <= ceiling);
        points.sort();
        points.dedup();
        let g = |l: Q| {
            set.iter()
                .fold(Q::int(0), |acc, &j| acc.add(self.x_at(j, l)))
        };
        // g is nondecreasing and piecewise linear; find the last point with g <= budget.
        let mut best = points[0];
        for (k, &pt) in points.iter().enumerate() {
            if g(pt) <= budget {
                best = pt;
                if let Some(&next) = points.get(k + 1)
                    && g(next) > budget
                {
                    // Linear between pt and next: solve exactly.
                    let slope = g(next).sub(g(pt)).div(next.sub(pt));
                    return pt.add(budget.sub(g(pt)).div(slope));
                }
            } else {
                break;
            }
        }
        best
    }

    /// The exact fractional lexicographically max-min optimum, by progressive filling: raise
    /// the common level of the unfrozen recipients as far as a max-flow allows (Dinkelbach
    /// steps on the violated cut), freeze those that cannot grow, repeat.
    pub fn optimum(&self) -> Vec<Q> {
        let n = self.p.recipients.len();
        let mut frozen: Vec<Option<Q>> = (0..n)
            .map(|j| {
                if self.end[j].is_none() || self.upper[j] == 0 {
                    Some(Q::int(0))
                } else {
                    None
                }
            })
            .collect();
        for _round in 0..=n {
            let active: Vec<usize> = (0..n).filter(|&j| frozen[j].is_none()).collect();
            if active.is_empty() {
                break;
            }
            let mut lambda = active
                .iter()
                .map(|&j| {
                    let d = Q::int(self.p.recipients[j].doses_received as i128);
                    d.add(Q::int(self.upper[j])).div(self.weight(j))
                })
                .max()
                .unwrap();
            let caps = |lambda: Q| -> Vec<Q> {
                (0..n)
                    .map(|j| frozen[j].unwrap_or_else(|| self.x_at(j, lambda)))
                    .collect()
            };
            let mut iterations = 0;
            let graph = loop {
                iterations += 1;
                assert!(iterations < 1000, "Dinkelbach does not converge");
                let c = caps(lambda);
                let want = c.iter().fold(Q::int(0), |a, &b| a.add(b));
                let (value, graph, scale) = self.flow(&c);
                if value == want {
                    break graph;
                }
                // The min cut: source side = reachable from S.
                let side = graph.reachable(S);
                let mut fixed = Q::int(0);
                for &(a, b, cap) in &self.arcs {
                    if side[a] && !side[b] {
                        fixed = fixed.add(if cap >= BIG { Q::int(BIG) } else { Q::int(cap) });
                    }
                }
                let _ = scale;
                // Cut capacity >= demand: fixed + sum over source-side sinks >= sum of all,
                // i.e. fixed >= sum over sink-side recipients.
                let mut budget = fixed;
                let mut set = Vec::new();
                for j in 0..n {
                    if let Some(e) = self.end[j]
                        && !side[e]
                    {
                        match frozen[j] {
                            Some(x) => budget = budget.sub(x),
                            None => set.push(j),
                        }
                    }
                }
                let next = self.largest_level(&set, budget, lambda);
                assert!(next < lambda, "the level must go down");
                lambda = next;
            };
            // Freeze whoever cannot grow: at its bound or unreachable from the source.
            let side = graph.reachable(S);
            let mut any = false;
            for &j in &active {
                let x = self.x_at(j, lambda);
                if x == Q::int(self.upper[j]) || !side[self.end[j].unwrap()] {
                    frozen[j] = Some(x);
                    any = true;
                }
            }
            assert!(any, "progressive filling must freeze someone");
        }
        frozen.into_iter().map(|x| x.unwrap()).collect()
    }

    /// Whether the integer totals `x` can be allocated at all.
    pub fn feasible(&self, x: &[i128]) -> bool {
        if x.iter()
            .enumerate()
            .any(|(j, &v)| v < 0 || (v > 0 && self.end[j].is_none()) || v > self.upper[j])
        {
            return false;
        }
        let caps: Vec<Q> = x.iter().map(|&v| Q::int(v)).collect();
        let (value, _, _) = self.flow(&caps);
        value == Q::int(x.iter().sum())
    }
}

// ---------------------------------------------------------------------------------------
// `limited_by`, as the spec defines it.

/// Why each recipient got no more, by the spec's definition (allocation.md, "Output"),
/// computed from the answer's totals x and the exact optimum x*, the first that holds:
///
/// - `cap`: x_j is at its cap;
/// - `expiry`: j could not administer more even if every eligible dose were its own: the
///   most it could take alone, A_j (by max-flow, without its cap), is below its eligible
///   doses (so absorption and expiry bind, not supply) and x_j >= A_j;
/// - otherwise T_j, the smallest set of recipients containing j that receives all it
///   possibly can (x(T) = f(T), f(T) the max-flow into T alone), found as the
///   intersection of every such set containing j (all subsets are tried): `level` when it
///   holds another recipient k whose coverage per weight equals j's, and `supply` when it
///   holds none. "Equals within the one dose of rounding" is read on the exact optimum, of
///   which the answer is a rounding: (d_k + x*_k) / (w_k N_k) = (d_j + x*_j) / (w_j N_j).
pub fn limited_by(p: &Problem, s: &Solution) -> Vec<LimitedBy> {
    let n = p.recipients.len();
    assert!(n <= 12, "every subset is tried: keep the rounds small");
    let reference = Reference::new(p);
    let optimum = reference.optimum();
    let x: Vec<i128> = s.recipients.iter().map(|r| r.doses as i128).collect();
    let level = |k: usize| {
        Q::int(p.recipients[k].doses_received as i128)
            .add(optimum[k])
            .div(reference.weight(k))
    };
    // f(T) for every subset T, by its bit mask.
    let most = |sinks: &dyn Fn(usize) -> i128| {
        let caps: Vec<Q> = (0..n).map(|k| Q::int(sinks(k))).collect();
        let (value, _, _) = reference.flow(&caps);
        assert_eq!(value.d, 1, "integer capacities give an integer flow");
        value.n
    };
    let tight: Vec<bool> = (0..1usize << n)
        .map(|set| {
            let inside = |k: usize| set & (1 << k) != 0;
            let received: i128 = (0..n).filter(|&k| inside(k)).map(|k| x[k]).sum();
            received == most(&|k| if inside(k) { reference.upper[k] } else { 0 })
        })
        .collect();
    (0..n)
        .map(|j| {
            if cap(p, &p.recipients[j]).is_some_and(|c| x[j] >= c) {
                return LimitedBy::Cap;
            }
            let alone = most(&|k| if k == j { reference.uncapped[j] } else { 0 });
            if alone < reference.eligible_supply[j] && x[j] >= alone {
                return LimitedBy::Expiry;
            }
            let smallest = (0..1usize << n)
                .filter(|&set| set & (1 << j) != 0 && tight[set])
                .fold(usize::MAX, |all, set| all & set);
            assert!(
                smallest != usize::MAX,
                "the answer is maximal: all recipients are tight"
            );
            let shares_level =
                (0..n).any(|k| k != j && smallest & (1 << k) != 0 && level(k) == level(j));
            if shares_level {
                LimitedBy::Level
            } else {
                LimitedBy::Supply
            }
        })
        .collect()
}

/// The engine's labels against the spec's definition; the first recipient that differs.
pub fn check_limited_by(p: &Problem, s: &Solution) -> Result<(), String> {
    let expected = limited_by(p, s);
    for (j, (got, want)) in s.recipients.iter().zip(&expected).enumerate() {
        if got.limited_by != *want {
            return Err(format!(
                "recipient {} ({j}): limited_by {:?}, the spec's definition gives {want:?}",
                got.id, got.limited_by
            ));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Checking an answer against the spec.

/// Every rule of the spec that an answer must meet, checked from the shipments, with the
/// expiry condition checked day by day. Returns the first broken rule.
pub fn check_feasible(p: &Problem, s: &Solution) -> Result<(), String> {
    let n = p.recipients.len();
    if s.recipients.len() != n {
        return Err("recipients missing".into());
    }
    let mut shipped = vec![0i128; n];
    let mut used = vec![0i128; p.lots.len()];
    let mut by_recipient: Vec<Vec<(i64, i128)>> = vec![Vec::new(); n];
    let mut seen = HashSet::new();
    for sh in &s.shipments {
        let i = p
            .lots
            .iter()
            .position(|l| l.id == sh.lot)
            .ok_or("unknown lot")?;
        let j = p
            .recipients
            .iter()
            .position(|r| r.id == sh.recipient)
            .ok_or("unknown recipient")?;
        if sh.doses == 0 {
            return Err("zero shipment".into());
        }
        if !seen.insert((i, j)) {
            return Err(format!("lot {} shipped twice to {}", sh.lot, sh.recipient));
        }
        if !eligible(p, &p.lots[i], &p.recipients[j]) {
            return Err(format!("lot {} not eligible for {}", sh.lot, sh.recipient));
        }
        shipped[j] += sh.doses as i128;
        used[i] += sh.doses as i128;
        by_recipient[j].push((day(p.lots[i].expiry), sh.doses as i128));
    }
    for (i, lot) in p.lots.iter().enumerate() {
        if used[i] > lot.doses as i128 {
            return Err(format!("lot {} oversupplied", lot.id));
        }
        let left = lot.doses as i128 - used[i];
        let reported = s
            .unallocated
            .iter()
            .find(|u| u.lot == lot.id)
            .map_or(0, |u| u.doses as i128);
        if reported != left {
            return Err(format!(
                "lot {} unallocated {reported} but {left} left",
                lot.id
            ));
        }
    }
    let mut total = 0;
    for (j, r) in p.recipients.iter().enumerate() {
        let out = &s.recipients[j];
        if out.id != r.id || out.doses as i128 != shipped[j] {
            return Err(format!(
                "recipient {} doses {} but shipped {}",
                r.id, out.doses, shipped[j]
            ));
        }
        total += shipped[j];
        if let Some(c) = cap(p, r)
            && shipped[j] > c
        {
            return Err(format!("recipient {} above its cap {c}", r.id));
        }
        if let Some(a) = r.absorption_per_day {
            let sj = start_day(p, r);
            let list = &by_recipient[j];
            if let Some(last) = list.iter().map(|&(e, _)| e).max() {
                for t in sj - 2..=last {
                    let due: i128 = list.iter().filter(|&&(e, _)| e <= t).map(|&(_, x)| x).sum();
                    if due > absorbable(a, t - sj + 1) {
                        return Err(format!("recipient {} cannot absorb by day {t}", r.id));
                    }
                }
            }
        }
    }
    if total != s.total_doses as i128 {
        return Err("total_doses is not the sum".into());
    }
    Ok(())
}

/// Compares the engine's totals with the reference optimum: each within floor/ceil, the
/// total equal to the largest usable.
pub fn check_optimal(p: &Problem, s: &Solution) -> Result<(), String> {
    let reference = Reference::new(p);
    let optimum = reference.optimum();
    let sum = optimum.iter().fold(Q::int(0), |a, &b| a.add(b));
    if sum.d != 1 || sum.n != s.total_doses as i128 {
        return Err(format!(
            "total {} but the optimum sums to {sum:?}",
            s.total_doses
        ));
    }
    for (j, r) in s.recipients.iter().enumerate() {
        let x = r.doses as i128;
        if x < optimum[j].floor() || x > optimum[j].ceil() {
            return Err(format!(
                "{} gets {x}, optimum {}/{} = {:.3}",
                r.id,
                optimum[j].n,
                optimum[j].d,
                optimum[j].n as f64 / optimum[j].d as f64
            ));
        }
    }
    // Maximal: the unconstrained max flow is no larger.
    let caps: Vec<Q> = reference.upper.iter().map(|&u| Q::int(u)).collect();
    let (most, _, _) = reference.flow(&caps);
    if most != Q::int(s.total_doses as i128) {
        return Err(format!(
            "total {} but {most:?} can be allocated",
            s.total_doses
        ));
    }
    Ok(())
}

/// No dose can move from a recipient to one that would still be worse off afterwards.
pub fn check_no_improving_transfer(p: &Problem, s: &Solution) -> Result<(), String> {
    let reference = Reference::new(p);
    let x: Vec<i128> = s.recipients.iter().map(|r| r.doses as i128).collect();
    let level = |j: usize, v: i128| {
        let r = &p.recipients[j];
        Q::int(r.doses_received as i128 + v).div(reference.weight(j))
    };
    for k in 0..x.len() {
        if x[k] == 0 {
            continue;
        }
        for j in 0..x.len() {
            if j == k || level(k, x[k] - 1) <= level(j, x[j] + 1) {
                continue;
            }
            let mut moved = x.clone();
            moved[k] -= 1;
            moved[j] += 1;
            if reference.feasible(&moved) {
                return Err(format!(
                    "a dose can move from {} to {} and both stay ordered",
                    p.recipients[k].id, p.recipients[j].id
                ));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Tiny random rounds.

/// Up to 4 recipients and 6 lots.
pub fn tiny(seed: u64) -> Problem {
    random_round(seed, 4, 6)
}

/// Up to 8 recipients and 14 lots.
pub fn small(seed: u64) -> Problem {
    random_round(seed, 8, 14)
}

pub fn random_round(seed: u64, recipients_max: usize, lots_max: usize) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let date = NaiveDate::from_ymd_opt(2021, 8, 4).unwrap();
    let at = |d: i64| {
        if d >= 0 {
            date.checked_add_days(Days::new(d.unsigned_abs())).unwrap()
        } else {
            date.checked_sub_days(Days::new(d.unsigned_abs())).unwrap()
        }
    };
    let products = ["A", "B", "C"];
    let n = rng.random_range(1..=recipients_max);
    let recipients: Vec<Recipient> = (0..n)
        .map(|j| {
            let population: u64 = rng.random_range(10..=400);
            Recipient {
                id: format!("R{j}"),
                population,
                doses_received: if rng.random_bool(0.5) {
                    rng.random_range(0..=population / 2)
                } else {
                    0
                },
                weight: [1.0, 1.0, 0.5, 1.5, 2.0, 0.7, 1.3, 0.1][rng.random_range(0..8)],
                target_per_100: rng
                    .random_bool(0.3)
                    .then(|| [20.0, 40.0, 60.0, 12.5, 33.3, 7.1][rng.random_range(0..6)]),
                max_doses: rng.random_bool(0.2).then(|| rng.random_range(0..60)),
                absorption_per_day: rng
                    .random_bool(0.5)
                    .then(|| [1.0, 2.0, 3.0, 5.0, 0.5, 2.5, 0.3, 1.7][rng.random_range(0..8)]),
                start: rng.random_bool(0.5).then(|| at(rng.random_range(0..6))),
                min_shelf_days: if rng.random_bool(0.2) {
                    rng.random_range(0..10)
                } else {
                    0
                },
                products: rng.random_bool(0.3).then(|| {
                    products
                        .iter()
                        .filter(|_| rng.random_bool(0.6))
                        .map(|p| p.to_string())
                        .collect()
                }),
            }
        })
        .collect();
    let m = rng.random_range(1..=lots_max);
    let lots: Vec<Lot> = (0..m)
        .map(|i| Lot {
            id: format!("L{i}"),
            product: products[rng.random_range(0..3)].to_string(),
            doses: rng.random_range(1..=80),
            expiry: at(rng.random_range(-2..25)),
            recipients: rng.random_bool(0.4).then(|| {
                (0..n)
                    .filter(|_| rng.random_bool(0.5))
                    .map(|j| format!("R{j}"))
                    .collect()
            }),
        })
        .collect();
    Problem {
        date,
        target_per_100: rng.random_bool(0.5).then_some(50.0),
        recipients,
        lots,
    }
}
