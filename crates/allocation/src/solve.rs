//! The round end to end: exact fractional optimum, integral rounding by max-flow, the
//! shipments, and why each recipient got no more.

use crate::input::Problem;
use crate::maxflow::FlowGraph;
use crate::network::{self, ArcKind, Network, SINK, SOURCE};
use crate::output::{LimitedBy, RecipientResult, Shipment, Solution, Unallocated};
use crate::parametric;

/// At most this many expiry batches when steering the flow towards early-expiring lots:
/// each batch costs one more max-flow, and the preference is best effort.
const EXPIRY_BATCHES_MAX: usize = 8;

/// Solves a validated problem. Pure and deterministic. A problem that fails
/// [`Problem::validate`] allocates nothing.
pub fn solve(problem: &Problem) -> Solution {
    if problem.validate().is_err() {
        return nothing(problem);
    }
    let trace = std::env::var_os("ALLOCATION_TRACE").is_some();
    let clock = std::time::Instant::now();
    let net = network::build(problem);
    if trace {
        eprintln!("build {:?}", clock.elapsed());
    }
    let optimum = parametric::optimum(&net);
    if trace {
        eprintln!("optimum {:?}", clock.elapsed());
    }
    let doses = optimum.doses.clone();
    let steered = prefer_early_expiry(&net, &doses);
    if trace {
        eprintln!("steered {:?}", clock.elapsed());
    }
    match steered {
        Some((graph, forward)) => finish(problem, &net, &optimum, &graph, &forward, &doses),
        None => {
            // Unreachable if the groups' flows fit together as they must; rather than
            // panic, report what one plain flow with these totals as caps can ship.
            debug_assert!(false, "the rounded totals must be feasible together");
            let (graph, forward) = flow_with_totals(&net, &doses, false);
            let mut shipped = vec![0i128; doses.len()];
            for (a, arc) in net.arcs.iter().enumerate() {
                if let ArcKind::Sink(j) = arc.kind {
                    shipped[j as usize] = graph.flow(forward[a]);
                }
            }
            finish(problem, &net, &optimum, &graph, &forward, &shipped)
        }
    }
}

/// The network with each recipient's sink capacity set to its total; with `closed`, no
/// supply yet, else one maximum flow.
fn flow_with_totals(net: &Network, doses: &[i128], closed: bool) -> (FlowGraph, Vec<u32>) {
    let plain: Vec<(u32, u32, i128)> = net
        .arcs
        .iter()
        .map(|a| match a.kind {
            ArcKind::Sink(j) => (a.from, a.to, doses[j as usize]),
            ArcKind::Supply(_) if closed => (a.from, a.to, 0),
            _ => (a.from, a.to, a.capacity),
        })
        .collect();
    let (mut graph, forward) = FlowGraph::new(net.node_count, &plain);
    if !closed {
        graph.augment(SOURCE as usize, SINK as usize, false);
    }
    (graph, forward)
}

/// Orders two exact levels given as (numerator, denominator) with denominators > 0.
fn compare_levels(a: (i128, i128), b: (i128, i128)) -> std::cmp::Ordering {
    (a.0 * b.1).cmp(&(b.0 * a.1))
}

/// Re-routes the same totals so that doses are taken from the earliest-expiring lots first,
/// leaving the latest expiries unallocated for a later round (the spec's "should").
fn prefer_early_expiry(net: &Network, doses: &[i128]) -> Option<(FlowGraph, Vec<u32>)> {
    let (mut graph, forward) = flow_with_totals(net, doses, true);
    let mut supply: Vec<(i64, usize)> = net
        .arcs
        .iter()
        .enumerate()
        .filter_map(|(a, arc)| match arc.kind {
            ArcKind::Supply(g) => Some((net.groups[g as usize].expiry, a)),
            _ => None,
        })
        .collect();
    supply.sort_unstable();
    let mut distinct: Vec<i64> = supply.iter().map(|&(e, _)| e).collect();
    distinct.dedup();
    let per_batch = distinct.len().div_ceil(EXPIRY_BATCHES_MAX).max(1);
    let wanted: i128 = doses.iter().sum();
    let mut total = 0;
    let mut opened = 0;
    let mut locked: Vec<(usize, i128)> = Vec::new();
    for chunk in distinct.chunks(per_batch) {
        let last = *chunk.last().unwrap();
        let first = opened;
        while opened < supply.len() && supply[opened].0 <= last {
            let a = supply[opened].1;
            graph.set_residual(forward[a], net.arcs[a].capacity);
            opened += 1;
        }
        total += graph.augment(SOURCE as usize, SINK as usize, false);
        if total == wanted {
            break;
        }
        // Later batches may re-route these doses but never send them back: what the
        // earlier-expiring lots give stays given.
        for &(_, a) in &supply[first..opened] {
            locked.push((a, graph.lock(forward[a])));
        }
    }
    for (a, flow) in locked {
        graph.unlock(forward[a], flow);
    }
    (total == wanted).then_some((graph, forward))
}

fn coverage(received: u64, doses: i128, population: u64) -> f64 {
    100.0 * (received as f64 + doses as f64) / population as f64
}

fn finish(
    problem: &Problem,
    net: &Network,
    optimum: &parametric::Optimum,
    graph: &FlowGraph,
    forward: &[u32],
    doses: &[i128],
) -> Solution {
    // Lot-level shipments: a group's flow to each recipient is taken from its lots in
    // input order, which keeps shipments few and large.
    let mut per_group: Vec<Vec<(u32, i128)>> = vec![Vec::new(); net.groups.len()];
    for (a, arc) in net.arcs.iter().enumerate() {
        if let ArcKind::Pair { group, recipient } = arc.kind {
            let f = graph.flow(forward[a]);
            if f > 0 {
                per_group[group as usize].push((recipient, f));
            }
        }
    }
    let mut left: Vec<u64> = problem.lots.iter().map(|l| l.doses).collect();
    let mut shipments: Vec<(usize, u32, u64)> = Vec::new();
    for (g, flows) in per_group.iter_mut().enumerate() {
        flows.sort_unstable();
        let lots = &net.groups[g].lots;
        let mut k = 0;
        for &(recipient, amount) in flows.iter() {
            let mut amount = amount as u64;
            while amount > 0 && k < lots.len() {
                let take = amount.min(left[lots[k]]);
                if take > 0 {
                    shipments.push((lots[k], recipient, take));
                    left[lots[k]] -= take;
                    amount -= take;
                }
                if left[lots[k]] == 0 {
                    k += 1;
                }
            }
        }
    }
    shipments.sort_unstable();
    let limited = limited_by(net, optimum, graph, forward, doses);
    let recipients = problem
        .recipients
        .iter()
        .enumerate()
        .map(|(j, r)| RecipientResult {
            id: r.id.clone(),
            doses: doses[j] as u64,
            coverage_before: coverage(r.doses_received, 0, r.population),
            coverage_after: coverage(r.doses_received, doses[j], r.population),
            limited_by: limited[j],
        })
        .collect();
    Solution {
        recipients,
        shipments: shipments
            .into_iter()
            .map(|(lot, recipient, doses)| Shipment {
                lot: problem.lots[lot].id.clone(),
                recipient: problem.recipients[recipient as usize].id.clone(),
                doses,
            })
            .collect(),
        unallocated: problem
            .lots
            .iter()
            .zip(&left)
            .filter(|&(_, &l)| l > 0)
            .map(|(lot, &l)| Unallocated {
                lot: lot.id.clone(),
                doses: l,
            })
            .collect(),
        total_doses: doses.iter().sum::<i128>() as u64,
    }
}

/// Why each recipient got no more: its cap; else the level, when it is below its own bound
/// and either sits above its group's level or shares that level with another recipient
/// holding doses; else expiry, when
/// eligible doses are left that its absorption cannot use in time; else supply.
fn limited_by(
    net: &Network,
    optimum: &parametric::Optimum,
    graph: &FlowGraph,
    forward: &[u32],
    doses: &[i128],
) -> Vec<LimitedBy> {
    let n = doses.len();
    // Recipients at a bound of their own (cap, supply, absorption) do not share a level.
    let below_bound: Vec<bool> = (0..n)
        .map(|j| optimum.numerator[j] < net.upper[j].saturating_mul(optimum.denominator[j]))
        .collect();
    // Unclamped x_j at its group's level, scaled: negative when j sits above the level.
    let raw = |j: usize| {
        let (num, den) = optimum.level[j];
        net.weight[j] * num - net.received[j] * den
    };
    // Groups of the optimum (equal levels); those never split off keep a sentinel level.
    let mut order: Vec<usize> = (0..n)
        .filter(|&j| net.sink_arc[j].is_some() && optimum.level[j] != parametric::ABOVE_ALL)
        .collect();
    order.sort_by(|&a, &b| compare_levels(optimum.level[a], optimum.level[b]));
    let mut shared = vec![false; n];
    for run in order.chunk_by(|&a, &b| compare_levels(optimum.level[a], optimum.level[b]).is_eq()) {
        // Members holding doses exactly at the group's level, bounded ones included.
        let den = optimum.level[run[0]].1;
        let holding: Vec<usize> = run
            .iter()
            .copied()
            .filter(|&k| raw(k) > 0 && raw(k) <= net.upper[k] * den)
            .collect();
        for &j in run {
            shared[j] = below_bound[j] && (raw(j) < 0 || holding.iter().any(|&k| k != j));
        }
    }
    let mut leftover = vec![false; net.groups.len()];
    for (a, arc) in net.arcs.iter().enumerate() {
        if let ArcKind::Supply(g) = arc.kind {
            leftover[g as usize] = graph.residual(forward[a]) > 0;
        }
    }
    (0..n)
        .map(|j| {
            if net.declared_cap[j].is_some_and(|cap| doses[j] >= cap) {
                return LimitedBy::Cap;
            }
            if shared[j] {
                return LimitedBy::Level;
            }
            let unused = net.eligible[j].iter().any(|&g| leftover[g as usize]);
            if unused || (net.absorption_bound[j] && doses[j] >= net.upper[j]) {
                return LimitedBy::Expiry;
            }
            LimitedBy::Supply
        })
        .collect()
}

/// The answer for a problem that cannot be solved: nothing moves.
fn nothing(problem: &Problem) -> Solution {
    Solution {
        recipients: problem
            .recipients
            .iter()
            .map(|r| RecipientResult {
                id: r.id.clone(),
                doses: 0,
                coverage_before: coverage(r.doses_received, 0, r.population.max(1)),
                coverage_after: coverage(r.doses_received, 0, r.population.max(1)),
                limited_by: LimitedBy::Supply,
            })
            .collect(),
        shipments: Vec::new(),
        unallocated: problem
            .lots
            .iter()
            .map(|l| Unallocated {
                lot: l.id.clone(),
                doses: l.doses,
            })
            .collect(),
        total_doses: 0,
    }
}
