//! Builds the round's flow network: source → lot group → the recipient's days (a chain of
//! nodes, one per binding expiry) → sink.
//!
//! Lots that share product, expiry and earmark are merged (they are interchangeable), pairs
//! that can never be used are left out, and chain constraints that cannot bind are dropped,
//! so the network is as small as the problem allows.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::exact::{SATURATED, floor_mul_decimal, scaled_weight, shortest_decimal};
use crate::input::Problem;
use crate::maxflow::INFINITE;

pub const SOURCE: u32 = 0;
pub const SINK: u32 = 1;

/// What an arc of the network stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArcKind {
    /// Source to lot group.
    Supply(u32),
    /// Lot group to a recipient's chain node.
    Pair { group: u32, recipient: u32 },
    /// Down a recipient's chain, from the node of one expiry interval to the one before:
    /// a dose may be given on the days of any earlier interval (uncapacitated).
    Chain(u32),
    /// From a recipient's interval node to its last node: the doses it can give on the
    /// days of that interval.
    Slots(u32),
    /// Last chain node to sink; its capacity is the parametric x_j(λ).
    Sink(u32),
}

#[derive(Debug, Clone, Copy)]
pub struct NetArc {
    pub from: u32,
    pub to: u32,
    /// See [`NetArc::capacity`]; [`UNBOUNDED`] for `INFINITE`. Every finite capacity is at
    /// most the supply (2^53), so 64 bits hold it, and the arc takes 32 bytes, not 48 (the
    /// arcs are the round's largest list: less memory to fill is less time).
    capacity: i64,
    pub kind: ArcKind,
}

/// How a capacity in doses is stored in 64 bits (see [`narrow`]): `INFINITE` as this.
pub const UNBOUNDED: i64 = i64::MAX;

/// A capacity in doses in 64 bits: every finite one is at most the supply (2^53), and
/// `INFINITE` becomes [`UNBOUNDED`].
pub fn narrow(capacity: i128) -> i64 {
    debug_assert!(capacity == INFINITE || (0..1 << 62).contains(&capacity));
    i64::try_from(capacity).unwrap_or(UNBOUNDED)
}

/// The capacity that [`narrow`] stored.
pub fn widen(capacity: i64) -> i128 {
    if capacity == UNBOUNDED {
        INFINITE
    } else {
        i128::from(capacity)
    }
}

impl NetArc {
    fn new(from: u32, to: u32, capacity: i128, kind: ArcKind) -> NetArc {
        NetArc {
            from,
            to,
            capacity: narrow(capacity),
            kind,
        }
    }

    /// Capacity in doses; `INFINITE` for pairs and chain arcs; for sink arcs the upper
    /// bound u_j.
    pub fn capacity(&self) -> i128 {
        widen(self.capacity)
    }

    /// The capacity as stored: in doses, [`UNBOUNDED`] for `INFINITE`.
    pub fn narrow_capacity(&self) -> i64 {
        self.capacity
    }
}

/// Lots that are interchangeable for every recipient.
#[derive(Debug, Clone)]
pub struct LotGroup {
    /// Indices into `Problem::lots`, in input order.
    pub lots: Vec<usize>,
    pub doses: i128,
    /// Expiry as a day number.
    pub expiry: i64,
}

/// The numbers the solver needs, all exact integers.
pub struct Network {
    pub node_count: usize,
    pub arcs: Vec<NetArc>,
    pub groups: Vec<LotGroup>,
    /// Scaled weight W_j = w_j N_j 2^K; the equalised level of j is (d_j + x_j) / W_j.
    pub weight: Vec<i128>,
    pub received: Vec<i128>,
    /// Upper bound u_j: cap, eligible supply and total absorption, whichever is least.
    pub upper: Vec<i128>,
    /// Cap from target and `max_doses`, if any.
    pub declared_cap: Vec<Option<i128>>,
    /// The doses of the lot groups eligible for each recipient.
    pub eligible_doses: Vec<i128>,
    /// The most each recipient could administer in time if every eligible dose were its own
    /// (its cap aside): `eligible_doses` unless absorption and expiry bind.
    pub alone: Vec<i128>,
    /// Eligible lot groups per recipient.
    pub eligible: Vec<Vec<u32>>,
    /// Sink arc index per recipient, if it can receive anything.
    pub sink_arc: Vec<Option<usize>>,
    /// Doses of all lots not expired: at least every finite capacity and every flow.
    pub total_supply: i128,
}

fn day(date: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date))
}

/// Largest sum of scaled weights: keeps W_j times any level numerator below 2^127.
const WEIGHT_SUM_MAX: i128 = 1 << 56;

/// w_j N_j 10^D for the decimals the input wrote (D the most decimal places of any
/// weight), if they are short and their sum stays below [`WEIGHT_SUM_MAX`].
fn decimal_weights(problem: &Problem) -> Option<Vec<i128>> {
    let parts: Vec<(i128, u32)> = problem
        .recipients
        .iter()
        .map(|r| shortest_decimal(r.weight))
        .collect::<Option<_>>()?;
    let places = parts.iter().map(|&(_, d)| d).max().unwrap_or(0);
    if places > 12 {
        return None;
    }
    let mut total: i128 = 0;
    let mut weights = Vec::with_capacity(parts.len());
    for (r, &(mantissa, d)) in problem.recipients.iter().zip(&parts) {
        let w = mantissa
            .checked_mul(i128::from(r.population))?
            .checked_mul(10i128.pow(places - d))?;
        total = total.checked_add(w)?;
        if w <= 0 || total > WEIGHT_SUM_MAX {
            return None;
        }
        weights.push(w);
    }
    Some(weights)
}

/// A recipient, lot group, node or arc number, in the 32 bits the network stores it in (a
/// round too large for them could not be held in memory anyway).
fn number(x: usize) -> u32 {
    u32::try_from(x).expect("the network numbers its recipients, groups, nodes and arcs in 32 bits")
}

pub fn build(problem: &Problem) -> Network {
    let n = problem.recipients.len();
    let date = day(problem.date);
    let index: HashMap<&str, u32> = problem
        .recipients
        .iter()
        .enumerate()
        .map(|(j, r)| (r.id.as_str(), number(j)))
        .collect();
    let mut product_ids: HashMap<&str, u32> = HashMap::new();
    for lot in &problem.lots {
        let next = number(product_ids.len());
        product_ids.entry(lot.product.as_str()).or_insert(next);
    }

    // Merge interchangeable lots; already expired ones stay out of every group.
    let mut group_of: HashMap<(u32, i64, Option<Vec<u32>>), usize> = HashMap::new();
    let mut groups: Vec<LotGroup> = Vec::new();
    let mut group_key: Vec<(u32, i64, Option<Vec<u32>>)> = Vec::new();
    for (i, lot) in problem.lots.iter().enumerate() {
        let expiry = day(lot.expiry);
        if expiry < date {
            continue;
        }
        let earmark = lot.recipients.as_ref().map(|ids| {
            let mut v: Vec<u32> = ids
                .iter()
                .filter_map(|id| index.get(id.as_str()).copied())
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        });
        let key = (product_ids[lot.product.as_str()], expiry, earmark);
        let g = *group_of.entry(key.clone()).or_insert_with(|| {
            groups.push(LotGroup {
                lots: Vec::new(),
                doses: 0,
                expiry,
            });
            group_key.push(key);
            groups.len() - 1
        });
        groups[g].lots.push(i);
        groups[g].doses += i128::from(lot.doses);
    }

    // Per recipient: authorised products, start day, shelf rule.
    let allowed: Vec<Option<Vec<bool>>> = problem
        .recipients
        .iter()
        .map(|r| {
            r.products.as_ref().map(|names| {
                let mut ok = vec![false; product_ids.len()];
                for name in names {
                    if let Some(&p) = product_ids.get(name.as_str()) {
                        ok[p as usize] = true;
                    }
                }
                ok
            })
        })
        .collect();
    let start: Vec<i64> = problem
        .recipients
        .iter()
        .map(|r| r.start.map_or(date, day))
        .collect();
    let mut eligible: Vec<Vec<u32>> = vec![Vec::new(); n];
    let all: Vec<u32> = (0..number(n)).collect();
    // Groups in order of expiry, so that each recipient's list comes out in that order.
    let mut by_expiry: Vec<u32> = (0..number(group_key.len())).collect();
    by_expiry.sort_unstable_by_key(|&g| (group_key[g as usize].1, g));
    for &g in &by_expiry {
        let (product, expiry, earmark) = &group_key[g as usize];
        let candidates = earmark.as_deref().unwrap_or(&all);
        for &j in candidates {
            let r = &problem.recipients[j as usize];
            let s = start[j as usize];
            let product_ok = allowed[j as usize]
                .as_ref()
                .is_none_or(|ok| ok[*product as usize]);
            // Shelf life counts from the start day; a dose can never be used before it.
            if product_ok && *expiry >= s && expiry - s >= r.min_shelf_days {
                eligible[j as usize].push(g);
            }
        }
    }

    // W_j = w_j N_j as exact integers: from the decimals the input wrote when their sum
    // stays below 2^56 (so every later product fits in an i128), else scaled so that the
    // sum is near 2^49, exact for weights with a short binary expansion.
    let weight: Vec<i128> = decimal_weights(problem).unwrap_or_else(|| {
        let approximate_total: f64 = problem
            .recipients
            .iter()
            .map(|r| r.weight * r.population as f64)
            .sum();
        let shift = if approximate_total.is_finite() && approximate_total > 0.0 {
            #[allow(
                clippy::cast_possible_truncation,
                reason = "the log2 of a finite positive f64 lies in -1074..=1024"
            )]
            let bits = approximate_total.log2().ceil() as i32;
            49 - bits
        } else {
            0
        };
        problem
            .recipients
            .iter()
            .map(|r| scaled_weight(r.weight, i128::from(r.population), shift))
            .collect()
    });
    let received: Vec<i128> = problem
        .recipients
        .iter()
        .map(|r| i128::from(r.doses_received))
        .collect();
    let declared_cap: Vec<Option<i128>> = problem
        .recipients
        .iter()
        .map(|r| {
            let target = r.target_per_100.or(problem.target_per_100);
            let by_target = target.map(|t| {
                let coverage_doses = floor_mul_decimal(t, i128::from(r.population), 100);
                (coverage_doses - i128::from(r.doses_received)).max(0)
            });
            let by_request = r.max_doses.map(i128::from);
            match (by_target, by_request) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            }
        })
        .collect();

    let mut arcs: Vec<NetArc> = Vec::new();
    let mut node_count = 2 + groups.len();
    let mut group_used = vec![false; groups.len()];
    let mut upper = vec![0i128; n];
    let mut eligible_doses = vec![0i128; n];
    let mut alone = vec![0i128; n];
    let mut sink_arc = vec![None; n];
    // The pair arcs come last, after the supply arcs: while the recipients are numbered, only
    // the node each pair enters is kept (in the order of `eligible`, for the recipients in
    // `paired`), and the arcs are written once, in place, at the end.
    let mut pair_to: Vec<u32> = Vec::with_capacity(eligible.iter().map(Vec::len).sum());
    let mut paired: Vec<u32> = Vec::with_capacity(n);
    for j in 0..n {
        let r = &problem.recipients[j];
        let list = &eligible[j];
        debug_assert!(list.is_sorted_by_key(|&g| (group_key[g as usize].1, g)));
        let supply: i128 = list.iter().map(|&g| groups[g as usize].doses).sum();
        let cap = declared_cap[j].unwrap_or(SATURATED);
        // Distinct expiries with the doses expiring on each.
        let mut days: Vec<(i64, i128)> = Vec::new();
        for &g in list.iter() {
            let e = group_key[g as usize].1;
            let doses = groups[g as usize].doses;
            match days.last_mut() {
                Some((d, total)) if *d == e => *total += doses,
                _ => days.push((e, doses)),
            }
        }
        // The rate's decimal is read once per recipient, not once per expiry day: the same
        // numbers as `floor_mul_decimal(rate, days, 1)`.
        let rate = r.absorption_per_day.map(|rate| {
            (
                rate,
                shortest_decimal(rate).map(|(m, d)| (m, 10i128.pow(d))),
            )
        });
        let limit = |t: i64| -> i128 {
            let days = i128::from(t - start[j] + 1);
            match rate {
                Some((_, Some((mantissa, power)))) if days >= 0 => mantissa * days / power,
                Some((rate, _)) => floor_mul_decimal(rate, days, 1),
                None => SATURATED,
            }
        };
        let last_limit = days.last().map_or(0, |&(t, _)| limit(t));
        let u = cap.min(supply).min(last_limit);
        upper[j] = u;
        eligible_doses[j] = supply;
        // Alone, j gives doses earliest expiry first: by each expiry t_k at most l_k, and
        // after it every dose expiring later, so the most it can take is the least of l_k
        // plus the doses expiring after t_k, over every k, and the supply (the limits grow
        // with t). Found beside the boundaries below, which need the same limits.
        let mut most = supply.min(last_limit);
        if u <= 0 {
            let mut cumulative = 0i128;
            for &(t, doses) in days.iter().take(days.len().saturating_sub(1)) {
                cumulative += doses;
                most = most.min(limit(t).saturating_add(supply - cumulative));
            }
            alone[j] = most.max(0);
            continue;
        }
        // Keep a chain boundary only where its limit could bind.
        let mut boundaries: Vec<(i64, i128)> = Vec::new();
        let mut cumulative = 0i128;
        for &(t, doses) in &days[..days.len() - 1] {
            cumulative += doses;
            let l = limit(t);
            most = most.min(l.saturating_add(supply - cumulative));
            if l < cumulative.min(u) {
                boundaries.push((t, l));
            }
        }
        alone[j] = most;
        // The spec's condition "doses expiring by t_k at most l_k" for the kept boundaries,
        // written as days to fill (Hall's condition for nested sets): node k stands for the
        // days up to t_k after t_(k-1), holds l_k - l_(k-1) doses, and passes the rest down
        // to earlier days; the last node takes the doses expiring after the last boundary
        // and everything the interval nodes give, and is the only one to reach the sink.
        // The same constraints as a chain of prefix arcs, but a dose that fits where it
        // enters is two arcs from the sink instead of the rest of the chain away: the
        // max-flows relabel far less (the crate's README has the figures).
        // Nodes are numbered latest interval first, so that every arc but those into the
        // sink goes from a lower number to a higher one (the max-flow's sweep needs that
        // order, and then need not compute it).
        let first_node = number(node_count);
        let m = number(boundaries.len());
        node_count += boundaries.len() + 1;
        let end = first_node + m;
        let node_of = |k: u32| {
            if k == m {
                end
            } else {
                first_node + (m - 1 - k)
            }
        };
        let mut previous = 0i128;
        for (k, &(_, l)) in boundaries.iter().enumerate() {
            let node = node_of(number(k));
            if k > 0 {
                arcs.push(NetArc::new(
                    node,
                    node + 1,
                    INFINITE,
                    ArcKind::Chain(number(j)),
                ));
            }
            if l > previous {
                arcs.push(NetArc::new(
                    node,
                    end,
                    l - previous,
                    ArcKind::Slots(number(j)),
                ));
            }
            previous = l;
        }
        let mut k = 0;
        for &g in list.iter() {
            let e = group_key[g as usize].1;
            while k < boundaries.len() && boundaries[k].0 < e {
                k += 1;
            }
            group_used[g as usize] = true;
            pair_to.push(node_of(number(k)));
        }
        paired.push(number(j));
        arcs.push(NetArc::new(end, SINK, u, ArcKind::Sink(number(j))));
    }
    // Supply arcs, then the pairs: one allocation of the final size.
    let used = group_used.iter().filter(|&&used| used).count();
    arcs.reserve_exact(used + pair_to.len());
    for (g, group) in groups.iter().enumerate() {
        if group_used[g] {
            arcs.push(NetArc::new(
                SOURCE,
                2 + number(g),
                group.doses,
                ArcKind::Supply(number(g)),
            ));
        }
    }
    let pairs = paired
        .iter()
        .flat_map(|&j| eligible[j as usize].iter().map(move |&g| (g, j)));
    for ((group, recipient), to) in pairs.zip(pair_to) {
        arcs.push(NetArc::new(
            2 + group,
            to,
            INFINITE,
            ArcKind::Pair { group, recipient },
        ));
    }
    for (a, arc) in arcs.iter().enumerate() {
        if let ArcKind::Sink(j) = arc.kind {
            sink_arc[j as usize] = Some(a);
        }
    }
    let total_supply = groups.iter().map(|g| g.doses).sum();
    Network {
        total_supply,
        node_count,
        arcs,
        groups,
        weight,
        received,
        upper,
        declared_cap,
        eligible_doses,
        alone,
        eligible,
        sink_arc,
    }
}
