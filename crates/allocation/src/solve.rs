//! The round end to end: the exact optimum and its whole doses (from `parametric`), one
//! flow of the whole network put together from them for the shipments, and why each
//! recipient got no more.

use crate::certificate;
use crate::exact;
use crate::input::Problem;
use crate::maxflow::{Arcs, ArcsFn, FlowGraph};
use crate::network::{self, ArcKind, Network, SINK, SOURCE};
use crate::output::{LimitedBy, RecipientResult, Shipment, Solution, Unallocated};
use crate::parametric;

/// At most this many expiry batches when steering the flow towards early-expiring lots:
/// each batch costs one more max-flow, and the preference is best effort.
const EXPIRY_BATCHES_MAX: usize = 8;

/// Solves a validated problem. Pure and deterministic. A problem that fails
/// [`Problem::validate`] allocates nothing.
pub fn solve(problem: &Problem) -> Solution {
    solve_with(problem, parametric::Options::default())
}

/// [`solve`] with given [`parametric::Options`], for tests that run every path.
#[doc(hidden)]
pub fn solve_with(problem: &Problem, options: parametric::Options) -> Solution {
    if problem.validate().is_err() {
        return nothing(problem);
    }
    let net = network::build(problem);
    let (optimum, top) = parametric::optimum_beside(&net, options, |in_top| top_flow(&net, in_top));
    let doses = optimum.doses.clone();
    // The combined flow is layered by the regions (see `limited_by`); the fallback is not.
    let (flows, layered) = match combined_flow(&net, &optimum, top) {
        Some(flows) => (flows, true),
        None => {
            // Unreachable if the groups' flows fit together as they must; rather than
            // panic, route the same totals in one flow of the whole network.
            debug_assert!(false, "the groups' flows must fit together");
            let arcs = with_totals(&net, &doses);
            let all: Vec<usize> = (0..net.arcs.len()).collect();
            let flows =
                steer(net.node_count, &arcs, &net, &all).unwrap_or_else(|| vec![0; arcs.len()]);
            (flows, false)
        }
    };
    let mut shipped = vec![0i128; doses.len()];
    for (a, arc) in net.arcs.iter().enumerate() {
        if let ArcKind::Sink(j) = arc.kind {
            shipped[j as usize] = flows[a];
        }
    }
    finish(problem, &net, &optimum, &flows, layered, &shipped)
}

/// The original arcs with each recipient's sink capacity set to its total.
fn with_totals(net: &Network, doses: &[i128]) -> Vec<(u32, u32, i128)> {
    net.arcs
        .iter()
        .map(|a| match a.kind {
            ArcKind::Sink(j) => (a.from, a.to, doses[j as usize]),
            _ => (a.from, a.to, a.capacity()),
        })
        .collect()
}

/// One flow of the whole network with the rounded totals, put together from the groups'
/// own flows: inside a group's region its rounding flow, across the cuts between regions
/// saturated downwards and empty upwards, and in the top region (recipients at their
/// bounds, where all the unallocated doses are) the flow [`top_flow`] found, which prefers
/// early expiries. Checked arc by arc and node by node; `None` if it does not hold up.
fn combined_flow(
    net: &Network,
    optimum: &parametric::Optimum,
    top: Option<TopFlow>,
) -> Option<Vec<i128>> {
    use parametric::Region;
    let rank = |v: u32| -> usize {
        match optimum.region[v as usize] {
            Region::Source => usize::MAX,
            _ => region_rank(optimum, v),
        }
    };
    let (top_index, top_flows) = top?;
    debug_assert!(top_index.iter().all(|&k| matches!(
        optimum.region[net.arcs[k].from as usize],
        Region::Top | Region::Source
    )));
    let mut flows: Vec<i128> = vec![0; net.arcs.len()];
    let mut done = vec![false; net.arcs.len()];
    for (i, &k) in top_index.iter().enumerate() {
        flows[k] = top_flows[i];
        done[k] = true;
    }
    for (k, arc) in net.arcs.iter().enumerate() {
        if done[k] {
            continue;
        }
        flows[k] = match optimum.arc_flow[k] {
            Some(f) => f,
            None if rank(arc.from) > rank(arc.to) => arc.capacity(),
            None => 0,
        };
    }
    // The check: capacities, conservation, and each recipient's total.
    let mut balance = vec![0i128; net.node_count];
    for (k, arc) in net.arcs.iter().enumerate() {
        let f = flows[k];
        let cap = match arc.kind {
            ArcKind::Sink(j) => optimum.doses[j as usize],
            _ => arc.capacity(),
        };
        if f < 0 || f > cap || (matches!(arc.kind, ArcKind::Sink(_)) && f != cap) {
            return None;
        }
        balance[arc.from as usize] -= f;
        balance[arc.to as usize] += f;
    }
    let conserved =
        (0..net.node_count).all(|v| v == SOURCE as usize || v == SINK as usize || balance[v] == 0);
    conserved.then_some(flows)
}

/// The flow of the top region, as (original arc, flow) in two lists.
type TopFlow = (Vec<usize>, Vec<i128>);

/// The flow of the top region (the source side of the cut with every recipient at its
/// bound: recipients that get their bound u_j, and all the doses left unallocated), with
/// everything else contracted into the sink, whose arcs must all be saturated; steered to
/// early expiries. It depends on the top cut alone, so it runs beside the decomposition.
fn top_flow(net: &Network, in_top: &[bool]) -> Option<TopFlow> {
    let mut local = vec![u32::MAX; net.node_count];
    local[SOURCE as usize] = SOURCE;
    let mut count = 2u32;
    for (v, slot) in local.iter_mut().enumerate() {
        if v != SOURCE as usize && in_top[v] {
            *slot = count;
            count += 1;
        }
    }
    let in_top = |v: u32| in_top[v as usize];
    // Original arc of each top arc; the top arcs themselves are read from the network.
    let top_index: Vec<usize> = (0..net.arcs.len())
        .filter(|&k| in_top(net.arcs[k].from) && net.arcs[k].to != SOURCE)
        .collect();
    let top_arcs = ArcsFn(top_index.len(), |i: usize| {
        let arc = &net.arcs[top_index[i]];
        let to = if in_top(arc.to) {
            local[arc.to as usize]
        } else {
            SINK
        };
        (local[arc.from as usize], to, arc.capacity())
    });
    let required: i128 = top_arcs.each().filter(|a| a.1 == SINK).map(|a| a.2).sum();
    let batchable: Vec<usize> = (0..top_arcs.count())
        .filter(|&i| {
            top_arcs.arc(i).1 != SINK && matches!(net.arcs[top_index[i]].kind, ArcKind::Supply(_))
        })
        .collect();
    let top_flows = steer_local(count as usize, &top_arcs, &batchable, |i| {
        match net.arcs[top_index[i]].kind {
            ArcKind::Supply(g) => net.groups[g as usize].expiry,
            _ => i64::MIN,
        }
    })?;
    let into_sink: i128 = (0..top_arcs.count())
        .filter(|&i| top_arcs.arc(i).1 == SINK)
        .map(|i| top_flows[i])
        .sum();
    (into_sink == required).then_some((top_index, top_flows))
}

/// Flow of one network whose arcs into the sink must all be saturated, opening the supply
/// arcs in `batchable` in order of expiry (see [`steer`]).
fn steer_local(
    node_count: usize,
    arcs: &(impl Arcs + ?Sized),
    batchable: &[usize],
    expiry: impl Fn(usize) -> i64,
) -> Option<Vec<i128>> {
    let mut order: Vec<(i64, usize)> = batchable.iter().map(|&i| (expiry(i), i)).collect();
    order.sort_unstable();
    run_batches(node_count, arcs, &order)
}

/// The whole network with the given arcs (sink capacities = totals), steered.
fn steer(
    node_count: usize,
    arcs: &[(u32, u32, i128)],
    net: &Network,
    all: &[usize],
) -> Option<Vec<i128>> {
    let mut order: Vec<(i64, usize)> = all
        .iter()
        .filter_map(|&a| match net.arcs[a].kind {
            ArcKind::Supply(g) => Some((net.groups[g as usize].expiry, a)),
            _ => None,
        })
        .collect();
    order.sort_unstable();
    run_batches(node_count, arcs, &order)
}

/// Takes doses from the earliest-expiring lots first, leaving the latest expiries
/// unallocated for a later round (the spec's "should"): the supply arcs in `order` are
/// opened batch by batch, and what a batch gives is never taken back by a later one.
/// Returns the flow on every arc, or `None` if the arcs into the sink cannot all be filled.
fn run_batches(
    node_count: usize,
    arcs: &(impl Arcs + ?Sized),
    order: &[(i64, usize)],
) -> Option<Vec<i128>> {
    let mut closed = vec![false; arcs.count()];
    for &(_, i) in order {
        closed[i] = true;
    }
    let (mut graph, forward) = FlowGraph::<i64>::new(
        node_count,
        &ArcsFn(arcs.count(), |k: usize| {
            let (a, b, capacity) = arcs.arc(k);
            (a, b, if closed[k] { 0 } else { capacity })
        }),
    );
    drop(closed);
    let wanted: i128 = arcs.each().filter(|a| a.1 == SINK).map(|a| a.2).sum();
    let mut total = graph.augment(SOURCE as usize, SINK as usize, false);
    let mut distinct: Vec<i64> = order.iter().map(|&(e, _)| e).collect();
    distinct.dedup();
    let per_batch = distinct.len().div_ceil(EXPIRY_BATCHES_MAX).max(1);
    let mut opened = 0;
    let mut locked: Vec<(usize, i128)> = Vec::new();
    for chunk in distinct.chunks(per_batch) {
        if total == wanted {
            break;
        }
        let last = *chunk.last().unwrap();
        let first = opened;
        while opened < order.len() && order[opened].0 <= last {
            let i = order[opened].1;
            graph.set_residual(forward[i], arcs.arc(i).2);
            opened += 1;
        }
        // A valid flow after each batch, so that what the batch could not place goes back
        // through its own lots, never through earlier ones.
        total += graph.augment(SOURCE as usize, SINK as usize, false);
        for &(_, i) in &order[first..opened] {
            locked.push((i, graph.lock(forward[i])));
        }
    }
    for (i, flow) in locked {
        graph.unlock(forward[i], flow);
    }
    (total == wanted).then(|| forward.iter().map(|&e| graph.flow(e)).collect())
}

/// Doses for the answer: whole, not negative and at most the supply (2^53).
fn whole(doses: i128) -> u64 {
    u64::try_from(doses).expect("doses are whole and not negative")
}

fn coverage(received: u64, doses: i128, population: u64) -> f64 {
    100.0 * (received as f64 + doses as f64) / population as f64
}

fn finish(
    problem: &Problem,
    net: &Network,
    optimum: &parametric::Optimum,
    flows: &[i128],
    layered: bool,
    doses: &[i128],
) -> Solution {
    // Lot-level shipments: a group's flow to each recipient is taken from its lots in
    // input order, which keeps shipments few and large.
    let mut per_group: Vec<Vec<(u32, i128)>> = vec![Vec::new(); net.groups.len()];
    for (a, arc) in net.arcs.iter().enumerate() {
        if let ArcKind::Pair { group, recipient } = arc.kind {
            let f = flows[a];
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
            let mut amount = whole(amount);
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
    let limited = limited_by(net, optimum, flows, layered, doses);
    let certificate = certificate::build(problem, net, optimum, doses);
    let recipients = problem
        .recipients
        .iter()
        .enumerate()
        .map(|(j, r)| RecipientResult {
            id: r.id.clone(),
            doses: whole(doses[j]),
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
        total_doses: whole(doses.iter().sum()),
        certificate,
    }
}

/// Why each recipient got no more, as `spec/allocation.md` defines it, the first that holds:
/// `cap` when x_j is at its cap; `expiry` when j could not administer more even if every
/// eligible dose were its own (the most it could take alone is below its eligible doses,
/// and it has that much); otherwise, with T_j the smallest set of recipients containing j
/// that receives all it possibly can, `level` when T_j holds another recipient whose
/// coverage per weight equals j's, and `supply` when it holds none.
///
/// T_j is read off the answer's flow: a recipient k with doses is in T_j exactly when a
/// dose of k's can go to j instead (x + e_j - e_k is feasible), that is when the residual
/// network leads from k's last node to j's without passing the sink. Only recipients that
/// share their level with another recipient holding doses need that search, and it stops
/// at the first such recipient it meets. Levels are compared exactly, on the optimum the
/// answer rounds (the spec's "within the one dose of rounding").
fn limited_by(
    net: &Network,
    optimum: &parametric::Optimum,
    flows: &[i128],
    layered: bool,
    doses: &[i128],
) -> Vec<LimitedBy> {
    let n = doses.len();
    let mut labels = vec![LimitedBy::Supply; n];
    let mut open = Vec::new();
    for j in 0..n {
        if net.declared_cap[j].is_some_and(|cap| doses[j] >= cap) {
            labels[j] = LimitedBy::Cap;
        } else if net.alone[j] < net.eligible_doses[j] && doses[j] >= net.alone[j] {
            labels[j] = LimitedBy::Expiry;
        } else if net.sink_arc[j].is_some() && doses[j] < net.upper[j] {
            // Otherwise j has every eligible dose or is at its bound: T_j is j alone.
            open.push(j);
        }
    }
    if open.is_empty() {
        return labels;
    }
    // Each recipient's level (d_j + x*_j) / W_j, and classes of equal levels.
    let level = |j: usize| -> (i128, i128) {
        let (numerator, denominator) = (optimum.numerator[j], optimum.denominator[j]);
        if numerator == 0 {
            (net.received[j], net.weight[j])
        } else if optimum.level[j] == parametric::ABOVE_ALL
            || numerator >= net.upper[j].saturating_mul(denominator)
        {
            (net.received[j] + net.upper[j], net.weight[j])
        } else {
            optimum.level[j]
        }
    };
    let holds = |j: usize| doses[j] > 0;
    let mut searched = vec![false; n];
    for &j in &open {
        searched[j] = true;
    }
    let mut ranked: Vec<(usize, (i128, i128))> = (0..n)
        .filter(|&j| net.sink_arc[j].is_some() && (holds(j) || searched[j]))
        .map(|j| (j, level(j)))
        .collect();
    ranked.sort_by(|a, b| exact::compare_fractions(a.1, b.1).then(a.0.cmp(&b.0)));
    const NO_CLASS: u32 = u32::MAX;
    let mut class = vec![NO_CLASS; n];
    let mut holders_in_class: Vec<u32> = Vec::new();
    for (index, &(j, value)) in ranked.iter().enumerate() {
        let same = index > 0 && exact::compare_fractions(ranked[index - 1].1, value).is_eq();
        if !same {
            holders_in_class.push(0);
        }
        let id = u32::try_from(holders_in_class.len() - 1).expect("recipients fit in 32 bits");
        class[j] = id;
        if holds(j) {
            holders_in_class[id as usize] += 1;
        }
    }
    let open: Vec<usize> = open
        .into_iter()
        .filter(|&j| holders_in_class[class[j] as usize] > u32::from(holds(j)))
        .collect();
    if open.is_empty() {
        return labels;
    }
    let residual = Residual::new(net, flows);
    // In a `layered` flow (the combined one) no residual arc leads down from one group's
    // region to a lower one (across the cuts between regions the flow is saturated
    // downwards and empty upwards), so a search backwards from j need not go below the
    // lowest region holding the end of another recipient of j's level. (Debug builds check
    // it arc by arc.)
    let rank = |v: u32| region_rank(optimum, v);
    debug_assert!(
        !layered
            || net.arcs.iter().zip(flows).all(|(arc, &flow)| {
                arc.to == SINK
                    || ((flow >= arc.capacity() || rank(arc.from) <= rank(arc.to))
                        && (flow <= 0 || rank(arc.to) <= rank(arc.from)))
            }),
        "the combined flow is layered by the regions"
    );
    // Per class, the two lowest ranks of its holders' last nodes, with their recipients.
    let mut lowest: Vec<[(usize, usize); 2]> =
        vec![[(usize::MAX, usize::MAX); 2]; holders_in_class.len()];
    for j in (0..n).filter(|&j| holds(j) && class[j] != NO_CLASS) {
        let Some(a) = net.sink_arc[j] else { continue };
        let entry = (rank(net.arcs[a].from), j);
        let pair = &mut lowest[class[j] as usize];
        if entry < pair[0] {
            pair[1] = pair[0];
            pair[0] = entry;
        } else if entry < pair[1] {
            pair[1] = entry;
        }
    }
    let mut owner = vec![u32::MAX; net.node_count];
    for (k, arc) in net.sink_arc.iter().enumerate() {
        if let Some(a) = *arc {
            owner[net.arcs[a].from as usize] = u32::try_from(k).expect("recipients fit in 32 bits");
        }
    }
    let mut seen = vec![u32::MAX; net.node_count];
    let mut queue = Vec::new();
    for (search, &j) in open.iter().enumerate() {
        let stamp = u32::try_from(search).expect("recipients fit in 32 bits");
        let Some(a) = net.sink_arc[j] else { continue };
        let start = net.arcs[a].from;
        let pair = lowest[class[j] as usize];
        let floor = if !layered {
            0
        } else if pair[0].1 == j {
            pair[1].0
        } else {
            pair[0].0
        };
        queue.clear();
        queue.push(start);
        seen[start as usize] = stamp;
        let mut head = 0;
        'search: while head < queue.len() {
            let v = queue[head];
            head += 1;
            for u in residual.predecessors(v) {
                if seen[u as usize] == stamp {
                    continue;
                }
                seen[u as usize] = stamp;
                if rank(u) < floor {
                    continue;
                }
                let k = owner[u as usize];
                if k != u32::MAX && class[k as usize] == class[j] && holds(k as usize) {
                    labels[j] = LimitedBy::Level;
                    break 'search;
                }
                queue.push(u);
            }
        }
    }
    labels
}

/// The residual network of a flow, searched backwards: for each node, the nodes from which
/// one residual arc leads to it (never the sink: a path through it would change other
/// recipients' totals).
struct Residual<'a> {
    net: &'a Network,
    flows: &'a [i128],
    /// Arcs by the node they enter, then by the node they leave (compressed rows).
    into_start: Vec<u32>,
    into: Vec<u32>,
    out_of_start: Vec<u32>,
    out_of: Vec<u32>,
}

impl<'a> Residual<'a> {
    fn new(net: &'a Network, flows: &'a [i128]) -> Residual<'a> {
        let rows = |end: &dyn Fn(&network::NetArc) -> u32| {
            let mut start = vec![0u32; net.node_count + 1];
            for arc in &net.arcs {
                start[end(arc) as usize + 1] += 1;
            }
            for v in 0..net.node_count {
                start[v + 1] += start[v];
            }
            let mut next = start.clone();
            let mut rows = vec![0u32; net.arcs.len()];
            for (a, arc) in net.arcs.iter().enumerate() {
                let v = end(arc) as usize;
                rows[next[v] as usize] = u32::try_from(a).expect("arcs fit in 32 bits");
                next[v] += 1;
            }
            (start, rows)
        };
        let (into_start, into) = rows(&|arc| arc.to);
        let (out_of_start, out_of) = rows(&|arc| arc.from);
        Residual {
            net,
            flows,
            into_start,
            into,
            out_of_start,
            out_of,
        }
    }

    /// The nodes u with a residual arc u → v: an arc u → v with room left, or an arc v → u
    /// that carries flow.
    fn predecessors(&self, v: u32) -> impl Iterator<Item = u32> + '_ {
        let v = v as usize;
        let forward = self.into[self.into_start[v] as usize..self.into_start[v + 1] as usize]
            .iter()
            .filter(|&&a| self.flows[a as usize] < self.net.arcs[a as usize].capacity())
            .map(|&a| self.net.arcs[a as usize].from);
        let backward = self.out_of
            [self.out_of_start[v] as usize..self.out_of_start[v + 1] as usize]
            .iter()
            .filter(|&&a| self.flows[a as usize] > 0)
            .map(|&a| self.net.arcs[a as usize].to);
        forward.chain(backward).filter(|&u| u != SINK)
    }
}

/// The rank of a node's region by level: the sink's lowest, then the groups' regions from
/// the lowest level up, then the top region and the source.
fn region_rank(optimum: &parametric::Optimum, v: u32) -> usize {
    match optimum.region[v as usize] {
        parametric::Region::Sink => 0,
        parametric::Region::Leaf(id) => 1 + optimum.rank[id],
        parametric::Region::Top | parametric::Region::Source => usize::MAX - 1,
    }
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
        certificate: certificate::nothing(problem),
    }
}
