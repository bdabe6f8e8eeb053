//! The exact fractional optimum x*: Fujishige's decomposition as divide and conquer on the
//! level λ, with one min cut per step and each side of the cut contracted.
//!
//! With sink capacities x_j(λ) = clamp(W_j λ − d_j, 0, u_j) the min cuts are nested in λ
//! (Gallo, Grigoriadis & Tarjan), and the recipients on the sink side of the cut at λ are
//! exactly those whose optimal level is at most λ. A step takes a group of recipients known
//! to lie between two cuts, finds the λ where the two cuts cost the same, and either all of
//! the group sits at that λ or the cut at λ splits it in two smaller steps. λ is an exact
//! rational, and the network is scaled by its denominator, so every test is exact.
//!
//! Most cuts are taken at a grid point next to that λ instead: any λ inside the
//! interval gives a valid cut, and on the grid the scale stays the same from one cut to the
//! next, so each test starts from the flow of the one before (contracted with it) rather
//! than from nothing. Only the last test of a group runs at λ itself, on a small network.

use crate::exact::{ceil_div, floor_div, gcd};
use crate::maxflow::{
    Arcs, ArcsFn, Capacity, FlowGraph, I64_SUM_MAX, INFINITE, arcs_by_node, index,
    topological_order,
};
use crate::network::{ArcKind, Network, SINK, SOURCE, UNBOUNDED, widen};

/// Exact fractional optimum: x*_j = numerator_j / denominator_j.
pub struct Optimum {
    pub numerator: Vec<i128>,
    pub denominator: Vec<i128>,
    /// Largest number of doses that can be allocated at all.
    pub total: i128,
    /// Level of the group each recipient ended in, as (numerator, denominator) of λ.
    pub level: Vec<(i128, i128)>,
    /// Whole doses per recipient, each the floor or the ceiling of x*_j, together feasible.
    pub doses: Vec<i128>,
    /// Number of max-flows run, for the benchmarks.
    pub max_flows: usize,
    /// Flow on each original arc inside a group's region (from its rounding), if any.
    pub arc_flow: Vec<Option<i128>>,
    /// Region of each original node.
    pub region: Vec<Region>,
    /// Rank of each group's region by level (by step id): arcs from a higher region to a
    /// lower one cross a minimum cut and are saturated, the other way they are empty.
    pub rank: Vec<usize>,
}

const NO_PARAMETER: u32 = u32::MAX;

/// Level given to recipients at their bound u_j at every level: they need no rounding.
pub const ABOVE_ALL: (i128, i128) = (1 << 100, 1);

/// The grid of levels k / grid: tests at grid levels share one scale, so the flow of one
/// test carries over to the next (the warm starts that make the decomposition fast). The
/// grid is 2^b with b as large as keeps every flow of a grid test below 2^61, so that grid
/// tests run on 64-bit integers (fewer instructions than 128-bit ones), and at most 2^60:
/// fine enough that the exact tests are nearly as few as with 2^60 itself (the README
/// has the grids and counts of the benchmark rounds).
fn grid(net: &Network) -> i128 {
    let bits = 128 - net.total_supply.max(1).leading_zeros();
    1 << 61u32.saturating_sub(bits).min(60)
}

/// A step's arcs with the capacities of one level.
struct AtLevel<'a> {
    arcs: &'a [(u32, u32, i64, u32)],
    capacities: &'a [i128],
}

impl Arcs for AtLevel<'_> {
    fn count(&self) -> usize {
        self.arcs.len()
    }
    fn arc(&self, k: usize) -> (u32, u32, i128) {
        (self.arcs[k].0, self.arcs[k].1, self.capacities[k])
    }
    fn each(&self) -> impl Iterator<Item = (u32, u32, i128)> + '_ {
        self.arcs
            .iter()
            .zip(self.capacities)
            .map(|(&(a, b, _, _), &c)| (a, b, c))
    }
}

/// A flow at grid scale or in doses, which the grid keeps below 2^61, in 64 bits.
fn below_2_61(flow: i128) -> i64 {
    debug_assert!((0..I64_SUM_MAX).contains(&flow));
    i64::try_from(flow).expect("flows at grid scale and in doses are below 2^61")
}

/// A contracted network: local node 0 is the (contracted) source, 1 the (contracted) sink.
struct Step {
    node_count: usize,
    /// (from, to, capacity in doses as `network::narrow` stores it, recipient whose sink
    /// arc this is or NO_PARAMETER)
    arcs: Vec<(u32, u32, i64, u32)>,
    group: Vec<u32>,
    /// A preflow at grid scale from the cut that made this step, if any. Flows at grid
    /// scale and in doses are below 2^61 (the grid is chosen so), as every flow kept here.
    flows: Option<Vec<i64>>,
    /// The levels of the cuts that bound this step, when on the grid (as k).
    lower: Option<i128>,
    upper: Option<i128>,
    /// Original node of each local node (entries 0 and 1 unused).
    nodes: Vec<u32>,
    /// Original arc of each local arc; NO_ARC for merged arcs out of the source.
    origin: Vec<u32>,
    /// Position in the tree of steps, to order the regions once all are done.
    id: usize,
}

const NO_ARC: u32 = u32::MAX;

/// A test starts from the flow of the cut before it when that flow, cut down to the test's
/// capacities, still brings at least this share of the supply to the sink (9/10, from the
/// benchmark rounds; the README says what else was tried).
const WARM_SHARE_NUMERATOR: i128 = 9;
const WARM_SHARE_DENOMINATOR: i128 = 10;

/// How many threads decompose: by default two for large networks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Threads {
    /// Two on networks of `PARALLEL_ARCS_MIN` (50,000) arcs or more, else one; the top region's
    /// flow beside the decomposition from `BESIDE_ARCS_MIN` (5,000) arcs.
    Auto,
    /// Everything on the caller's thread.
    One,
    /// Two workers and the top region's flow beside them, whatever the size.
    Two,
}

/// How the decomposition runs. Every choice gives the same answer, to the shipment (tested):
/// these exist so that tests can run each path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How many threads work on the decomposition.
    pub threads: Threads,
    /// Every test on 128-bit integers, even where 64 bits hold every flow (the integers only
    /// hold the same numbers: no flow comes near either type's limit).
    pub wide_integers: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            threads: Threads::Auto,
            wide_integers: false,
        }
    }
}

/// Networks with at least this many arcs are decomposed by two threads.
const PARALLEL_ARCS_MIN: usize = 50_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Source,
    Sink,
    Local(u32),
}

/// Keeps the arcs between the nodes that remain, redirecting the others to the contracted
/// source or sink; arcs into the source or out of the sink can carry nothing and go. The
/// flows, if given, follow their arcs: across a minimum cut every arc out of the source
/// side is saturated and every arc into it is empty, so they stay a preflow.
#[allow(clippy::too_many_arguments)] // one call per side of a cut; a struct would only rename them
fn contract(
    arcs: impl Iterator<Item = (u32, u32, i64, u32)> + Clone,
    origin: impl Fn(usize) -> u32,
    nodes: impl Fn(usize) -> u32,
    flows: Option<&[i64]>,
    place: &[Place],
    group: Vec<u32>,
    (lower, upper): (Option<i128>, Option<i128>),
    id: usize,
) -> Step {
    let node_count = 2 + place
        .iter()
        .filter(|p| matches!(p, Place::Local(_)))
        .count();
    let mut child_nodes = vec![u32::MAX; node_count];
    for (v, p) in place.iter().enumerate() {
        if let Place::Local(x) = p {
            child_nodes[*x as usize] = nodes(v);
        }
    }
    // Parallel arcs out of the contracted source are merged: contraction creates many.
    // A first pass merges them and counts the arcs kept, so that the lists are allocated
    // once at their size (a child keeps a fraction of its parent's arcs).
    let mut from_source: Vec<(i64, i64)> = vec![(0, 0); node_count];
    let mut kept = 0;
    for (k, (a, b, cap, _)) in arcs.clone().enumerate() {
        match (place[a as usize], place[b as usize]) {
            (Place::Source, Place::Local(y)) => {
                let merged = &mut from_source[y as usize];
                merged.0 = merged.0.checked_add(cap).unwrap_or(UNBOUNDED);
                merged.1 += flows.map_or(0, |f| f[k]);
            }
            (Place::Local(_), Place::Sink | Place::Local(_)) => kept += 1,
            _ => {}
        }
    }
    let count = kept + from_source.iter().filter(|&&(cap, _)| cap > 0).count();
    let mut out = Vec::with_capacity(count);
    let mut out_flows = Vec::with_capacity(if flows.is_some() { count } else { 0 });
    let mut out_origin = Vec::with_capacity(count);
    for (k, (a, b, cap, parameter)) in arcs.enumerate() {
        let (x, y, parameter) = match (place[a as usize], place[b as usize]) {
            (Place::Local(x), Place::Sink) => (x, SINK, parameter),
            (Place::Local(x), Place::Local(y)) => (x, y, NO_PARAMETER),
            _ => continue,
        };
        out.push((x, y, cap, parameter));
        if let Some(flows) = flows {
            out_flows.push(flows[k]);
        }
        out_origin.push(origin(k));
    }
    for (y, &(cap, f)) in from_source.iter().enumerate() {
        if cap > 0 {
            let y = u32::try_from(y).expect("a step numbers its nodes in 32 bits");
            out.push((SOURCE, y, cap, NO_PARAMETER));
            if flows.is_some() {
                out_flows.push(f);
            }
            out_origin.push(NO_ARC);
        }
    }
    debug_assert_eq!(out.len(), count);
    Step {
        node_count,
        arcs: out,
        group,
        flows: flows.map(|_| out_flows),
        lower,
        upper,
        nodes: child_nodes,
        origin: out_origin,
        id,
    }
}

/// Sink capacity of recipient j at λ = k / grid, scaled by the grid (`grid(net)`).
fn grid_capacity(net: &Network, grid: i128, j: usize, k: i128) -> i128 {
    let w = net.weight[j];
    let d = net.received[j];
    let u = net.upper[j];
    w.saturating_mul(k)
        .saturating_sub(d * grid)
        .clamp(0, u * grid)
}

/// Sink capacity of recipient j at λ = num/den, scaled by den.
fn scaled_capacity(net: &Network, j: usize, num: i128, den: i128) -> i128 {
    let w = net.weight[j];
    let d = net.received[j];
    let u = net.upper[j];
    (w * num - d * den).clamp(0, u * den)
}

/// Solves sum over the group of clamp(W_j λ − d_j, 0, u_j) = target for λ, exactly;
/// returns λ as a reduced fraction.
fn level_for(net: &Network, group: &[u32], target: i128) -> (i128, i128) {
    // Breakpoints of the clamp functions, as fractions a/b with b > 0.
    let mut points: Vec<(i128, i128)> = Vec::with_capacity(2 * group.len());
    for &j in group {
        let j = j as usize;
        points.push((net.received[j], net.weight[j]));
        points.push((net.received[j] + net.upper[j], net.weight[j]));
    }
    points.sort_by(|&(a1, b1), &(a2, b2)| (a1 * b2).cmp(&(a2 * b1)));
    points.dedup_by(|&mut (a1, b1), &mut (a2, b2)| a1 * b2 == a2 * b1);
    let value_at = |(a, b): (i128, i128)| -> i128 {
        // Sum of scaled capacities at a/b, compared with target * b.
        let mut sum: i128 = 0;
        for &j in group {
            sum = sum.saturating_add(scaled_capacity(net, j as usize, a, b));
        }
        sum
    };
    // Last breakpoint whose value is at most the target.
    let (mut lo, mut hi) = (0usize, points.len());
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        let p = points[mid];
        if value_at(p) <= target.saturating_mul(p.1) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let p = points[lo];
    if value_at(p) >= target.saturating_mul(p.1) || lo + 1 == points.len() {
        return reduce(p);
    }
    let q = points[lo + 1];
    // Strictly between p and q every clamp is constant or linear.
    let mut numerator = target;
    let mut denominator: i128 = 0;
    for &j in group {
        let j = j as usize;
        let (w, d, u) = (net.weight[j], net.received[j], net.upper[j]);
        if (d + u) * p.1 <= p.0 * w {
            numerator -= u; // at its bound from p on
        } else if d * q.1 >= q.0 * w {
            // still at zero until q
        } else {
            numerator += d;
            denominator += w;
        }
    }
    if denominator == 0 {
        return reduce(p);
    }
    reduce((numerator, denominator))
}

fn reduce((a, b): (i128, i128)) -> (i128, i128) {
    let g = gcd(a, b).max(1);
    (a / g, b / g)
}

enum Outcome {
    /// The whole group sits at λ*; the flow at grid scale, for a grid test.
    Settled { flows: Option<Vec<i64>> },
    /// The minimum cut: which nodes are on its sink side, the flow (at grid scale, for a
    /// grid test), and the group's recipients above and below.
    Cut {
        sink_side: Vec<bool>,
        flows: Option<Vec<i64>>,
        upper_group: Vec<u32>,
        lower_group: Vec<u32>,
    },
}

/// Sends every node's excess in a preflow back towards the source along the arcs that
/// brought it (the network has no cycles, so this ends), leaving a flow. A warm start whose
/// arcs into the sink were cut down leaves its excess at the ends of the recipients'
/// chains; push-relabel would have to lift it back up the chains one relabel at a time.
/// Only a warm start: the cut found from it is the same.
fn drain(node_count: usize, arcs: &(impl Arcs + ?Sized), flows: &mut [i128]) {
    let mut excess = vec![0i128; node_count];
    for (&flow, (a, b, _)) in flows.iter().zip(arcs.each()) {
        excess[b as usize] += flow;
        excess[a as usize] -= flow;
    }
    let mut stack: Vec<u32> = (2..index(node_count))
        .filter(|&v| excess[v as usize] > 0)
        .collect();
    if stack.is_empty() {
        return;
    }
    let (first, incoming) = arcs_by_node(node_count, arcs, |(_, b, _)| b);
    while let Some(v) = stack.pop() {
        let v = v as usize;
        // Latest arcs first: fewer instructions on the benchmark rounds (README).
        for &k in incoming[first[v] as usize..first[v + 1] as usize]
            .iter()
            .rev()
        {
            if excess[v] <= 0 {
                break;
            }
            let k = k as usize;
            let delta = excess[v].min(flows[k]);
            if delta > 0 {
                flows[k] -= delta;
                excess[v] -= delta;
                let a = arcs.arc(k).0 as usize;
                let was_idle = excess[a] <= 0;
                excess[a] += delta;
                if was_idle && excess[a] > 0 && a >= 2 {
                    stack.push(index(a));
                }
            }
        }
    }
}

/// One min cut of a step: at grid point `grid_level` (from the step's flow, if any), or at
/// λ* = num/den exactly and from scratch. Only an exact test can settle the group.
#[allow(clippy::too_many_arguments)] // the step, where to test, and how: a struct would only rename them
fn test(
    net: &Network,
    step: &Step,
    grid_level: Option<i128>,
    (num, den): (i128, i128),
    supply: i128,
    start: Option<(&[i64], i128)>,
    wide: bool,
    max_flows: &mut usize,
) -> Outcome {
    let grid = grid(net);
    let exact = match grid_level {
        None => true,
        Some(k) => grid % den == 0 && k == num * (grid / den),
    };
    let scale = if grid_level.is_some() { grid } else { den };
    // The step's arcs at this level: their ends are read from the step, only the
    // capacities are written out (half the memory of a copy of the arcs).
    let capacities: Vec<i128> = step
        .arcs
        .iter()
        .map(|&(_, _, cap, parameter)| {
            if parameter != NO_PARAMETER {
                match grid_level {
                    Some(k) => grid_capacity(net, grid, parameter as usize, k),
                    None => scaled_capacity(net, parameter as usize, num, den),
                }
            } else if cap == UNBOUNDED {
                INFINITE
            } else {
                i128::from(cap) * scale
            }
        })
        .collect();
    let scaled = AtLevel {
        arcs: &step.arcs,
        capacities: &capacities,
    };
    let start: Option<Vec<i128>> = match start {
        Some((flows, multiplier)) => {
            let mut start: Vec<i128> = flows
                .iter()
                .zip(&capacities)
                .map(|(&f, &c)| (i128::from(f) * multiplier).min(c))
                .collect();
            drain(step.node_count, &scaled, &mut start);
            // A warm start pays off only when it already carries most of the flow: one that
            // must be largely rerouted (the first cut below the top, or a level far from the
            // one it came from) is slower than starting from nothing.
            let into_sink: i128 = step
                .arcs
                .iter()
                .zip(&start)
                .filter(|(arc, _)| arc.1 == SINK)
                .map(|(_, &f)| f)
                .sum();
            (into_sink * WARM_SHARE_DENOMINATOR >= supply * scale * WARM_SHARE_NUMERATOR)
                .then_some(start)
        }
        None => None,
    };
    *max_flows += 1;
    let settles = |value: i128| exact && value >= supply * scale;
    let fits = !wide
        && net
            .total_supply
            .checked_mul(scale)
            .is_some_and(|total| total < I64_SUM_MAX);
    let (flows, sink_side) = if fits {
        cut::<i64>(
            step.node_count,
            &scaled,
            start,
            grid_level.is_some(),
            settles,
        )
    } else {
        cut::<i128>(
            step.node_count,
            &scaled,
            start,
            grid_level.is_some(),
            settles,
        )
    };
    let Some(sink_side) = sink_side else {
        return Outcome::Settled { flows };
    };
    let mut upper_group = Vec::new();
    let mut lower_group = Vec::new();
    for &(a, _, _, parameter) in &step.arcs {
        if parameter != NO_PARAMETER {
            if sink_side[a as usize] {
                lower_group.push(parameter);
            } else {
                upper_group.push(parameter);
            }
        }
    }
    Outcome::Cut {
        sink_side,
        flows,
        upper_group,
        lower_group,
    }
}

/// One maximum preflow from `start` (or from nothing): the arcs' flows if `with_flows`, and
/// the sink side of the minimum cut unless `settles` says the flow's value ends the step.
/// The start is dropped once the graph holds it.
fn cut<C: Capacity>(
    node_count: usize,
    arcs: &(impl Arcs + ?Sized),
    start: Option<Vec<i128>>,
    with_flows: bool,
    settles: impl Fn(i128) -> bool,
) -> (Option<Vec<i64>>, Option<Vec<bool>>) {
    let (mut graph, forward) = match start {
        Some(start) => FlowGraph::<C>::with_flows(node_count, arcs, &start),
        None => FlowGraph::<C>::new(node_count, arcs),
    };
    graph.only_cut_matters();
    graph.augment(SOURCE as usize, SINK as usize, true);
    let flows = with_flows.then(|| forward.iter().map(|&e| below_2_61(graph.flow(e))).collect());
    let sink_side = (!settles(graph.value(SINK as usize))).then(|| graph.sink_side(SINK as usize));
    (flows, sink_side)
}

/// Makes arc flows rounded down one by one into a preflow: in topological order, a node
/// that now gives out more than it takes in gives out less (latest arcs first), which its
/// successors see before their turn.
fn into_preflow(node_count: usize, arcs: &[(u32, u32, i128)], flows: &mut [i128]) {
    let mut inflow = vec![0i128; node_count];
    for (k, &(_, b, _)) in arcs.iter().enumerate() {
        inflow[b as usize] += flows[k];
    }
    let (first, outgoing) = arcs_by_node(node_count, arcs, |(a, _, _)| a);
    for v in topological_order(node_count, arcs) {
        let v = v as usize;
        if v == SOURCE as usize {
            continue;
        }
        let out = &outgoing[first[v] as usize..first[v + 1] as usize];
        let given: i128 = out.iter().map(|&k| flows[k as usize]).sum();
        let mut surplus = given - inflow[v];
        for &k in out.iter().rev() {
            if surplus <= 0 {
                break;
            }
            let k = k as usize;
            let delta = surplus.min(flows[k]);
            flows[k] -= delta;
            inflow[arcs[k].1 as usize] -= delta;
            surplus -= delta;
        }
    }
}

/// Whole doses for a group that ends at one level, each its floor or ceiling of x*: in the
/// group's contracted network, first the floors (they fit, being below x*), then up to the
/// ceilings. Flow into the sink never decreases, so every arc into the contracted sink
/// stays saturated and the flow still takes in everything from the contracted source:
/// the groups' flows then fit together into one flow of the whole network, and every tight
/// set of the optimum receives exactly its (whole) capacity. Returns whether it took in
/// all the supply (it must, if the group really ends at this level) and the arcs' flows.
fn round_group(
    net: &Network,
    step: &Step,
    (num, den): (i128, i128),
    grid_flows: Option<&[i64]>,
    max_flows: &mut usize,
) -> (bool, Vec<i64>) {
    let floor = |j: u32| floor_div(scaled_capacity(net, j as usize, num, den), den);
    let ceil = |j: u32| ceil_div(scaled_capacity(net, j as usize, num, den), den);
    let arcs: Vec<(u32, u32, i128)> = step
        .arcs
        .iter()
        .map(|&(a, b, cap, parameter)| {
            if parameter != NO_PARAMETER {
                (a, b, floor(parameter))
            } else {
                (a, b, widen(cap))
            }
        })
        .collect();
    // From the last grid test's flow, when there was one: its level is next to λ*, so
    // in whole doses it is nearly the floors' flow already.
    let (mut graph, forward) = match grid_flows {
        Some(grid_flows) => {
            let grid = grid(net);
            let mut flows: Vec<i128> = grid_flows
                .iter()
                .zip(&arcs)
                .map(|(&f, &(_, _, cap))| (i128::from(f) / grid).min(cap))
                .collect();
            into_preflow(step.node_count, &arcs, &mut flows);
            FlowGraph::<i64>::with_flows(step.node_count, &arcs, &flows)
        }
        None => FlowGraph::<i64>::new(step.node_count, &arcs),
    };
    drop(arcs);
    graph.augment(SOURCE as usize, SINK as usize, true);
    let mut value = graph.value(SINK as usize);
    *max_flows += 1;
    // The extra doses go first to those closest to their ceiling (fraction at least 1/2),
    // then to the rest: what the greedy "next dose to the lowest coverage" would do, and a
    // guard for weights that are not short binary fractions (0.7), whose scaled values are
    // rounded: an x* that is really whole may come out a hair off, and then stays whole.
    for upper_half in [true, false] {
        let mut raised = false;
        for (k, &(_, _, _, parameter)) in step.arcs.iter().enumerate() {
            if parameter == NO_PARAMETER || ceil(parameter) == floor(parameter) {
                continue;
            }
            let remainder =
                scaled_capacity(net, parameter as usize, num, den) - floor(parameter) * den;
            if (2 * remainder >= den) == upper_half {
                graph.add_capacity(forward[k], 1);
                raised = true;
            }
        }
        if raised {
            value += graph.augment(SOURCE as usize, SINK as usize, true);
            *max_flows += 1;
        }
    }
    let supply: i128 = step
        .arcs
        .iter()
        .filter(|a| a.0 == SOURCE)
        .map(|a| widen(a.2))
        .sum();
    let flows = forward.iter().map(|&e| below_2_61(graph.flow(e))).collect();
    (value == supply, flows)
}

/// Records a group that ends at level num/den: x*, its whole doses and its region's flows.
fn settle(
    net: &Network,
    step: &Step,
    (num, den): (i128, i128),
    flows: &[i64],
    result: &mut Optimum,
) {
    for &j in &step.group {
        let c = scaled_capacity(net, j as usize, num, den);
        let (a, b) = reduce((c, den));
        result.numerator[j as usize] = a;
        result.denominator[j as usize] = b;
        result.level[j as usize] = (num, den);
    }
    for (k, &(_, _, _, parameter)) in step.arcs.iter().enumerate() {
        if parameter != NO_PARAMETER {
            result.doses[parameter as usize] = i128::from(flows[k]);
        }
        if step.origin[k] != NO_ARC {
            result.arc_flow[step.origin[k] as usize] = Some(i128::from(flows[k]));
        }
    }
    for v in 2..step.node_count {
        result.region[step.nodes[v] as usize] = Region::Leaf(step.id);
    }
}

/// What one step came to.
enum Processed {
    Nothing,
    /// The group ends at this level: the step, λ* and the rounded flow of its arcs.
    Settled(Step, (i128, i128), Vec<i64>),
    /// The step's id and the two sides of its cut, upper first.
    Cut(usize, Step, Step),
}

/// One step of the decomposition: a cut, and either the group's level or its two halves.
fn process(net: &Network, step: Step, wide: bool, max_flows: &mut usize) -> Processed {
    if step.group.is_empty() {
        return Processed::Nothing;
    }
    let mut supply: i128 = 0;
    let mut constant_to_sink: i128 = 0;
    for &(a, b, cap, parameter) in &step.arcs {
        if a == SOURCE {
            supply += widen(cap);
        }
        if b == SINK && parameter == NO_PARAMETER {
            constant_to_sink += widen(cap);
        }
    }
    let (num, den) = level_for(net, &step.group, supply - constant_to_sink);
    // Test on the grid when λ* is a grid point (exact) or when a grid point next to it
    // lies strictly inside this step's interval (a valid cut that splits or narrows);
    // else test λ* itself at its own scale, from scratch.
    let grid = grid(net);
    let exact_grid = (grid % den == 0).then(|| num * (grid / den));
    let below = num.checked_mul(grid).map(|a| floor_div(a, den));
    let grid_level = exact_grid.or_else(|| {
        let f = below?;
        if step.lower.is_some_and(|lo| f > lo) {
            Some(f)
        } else if step.upper.is_some_and(|hi| f + 1 < hi) {
            Some(f + 1)
        } else {
            None
        }
    });
    // First the grid test, if any; when it neither settles the group nor splits it, the
    // exact test at λ* itself (which always does one or the other).
    // The exact test starts from the group's rounded flow, which is nearly right when
    // the group does end at λ* (the usual case) and is kept as its answer then.
    let mut attempt = grid_level;
    let mut rounding: Option<(bool, Vec<i64>)> = None;
    // The flow of the last grid test, when it settled the group or did not split it: the
    // rounding starts there.
    let mut near: Option<Vec<i64>> = None;
    let (sink_side, flows, upper_group, lower_group, cut_level) = loop {
        let outcome = match attempt {
            Some(_) => test(
                net,
                &step,
                attempt,
                (num, den),
                supply,
                step.flows.as_deref().map(|f| (f, 1)),
                wide,
                max_flows,
            ),
            None => {
                let (_, start) = rounding.get_or_insert_with(|| {
                    round_group(net, &step, (num, den), near.as_deref(), max_flows)
                });
                test(
                    net,
                    &step,
                    None,
                    (num, den),
                    supply,
                    Some((start, den)),
                    wide,
                    max_flows,
                )
            }
        };
        match outcome {
            Outcome::Settled { flows } => {
                near = flows;
                break (Vec::new(), None, Vec::new(), Vec::new(), None);
            }
            Outcome::Cut {
                sink_side,
                flows,
                upper_group,
                lower_group,
            } => {
                if attempt.is_some() && (upper_group.is_empty() || lower_group.is_empty()) {
                    attempt = None;
                    near = flows;
                    continue;
                }
                break (sink_side, flows, upper_group, lower_group, attempt);
            }
        }
    };
    if sink_side.is_empty() {
        let (whole, flows) = rounding
            .unwrap_or_else(|| round_group(net, &step, (num, den), near.as_deref(), max_flows));
        debug_assert!(whole, "a group's whole doses must take in all its supply");
        return Processed::Settled(step, (num, den), flows);
    }
    debug_assert!(!upper_group.is_empty() && !lower_group.is_empty());
    let (mut upper_count, mut lower_count) = (0u32, 0u32);
    let mut upper_place = vec![Place::Source; step.node_count];
    let mut lower_place = vec![Place::Source; step.node_count];
    upper_place[SINK as usize] = Place::Sink;
    lower_place[SINK as usize] = Place::Sink;
    for v in 2..step.node_count {
        if sink_side[v] {
            upper_place[v] = Place::Sink;
            lower_place[v] = Place::Local(2 + lower_count);
            lower_count += 1;
        } else {
            upper_place[v] = Place::Local(2 + upper_count);
            upper_count += 1;
            lower_place[v] = Place::Source;
        }
    }
    // The cut's level bounds both sides, as a grid point when it is one.
    let flows = flows.as_deref();
    // Children get their ids when the driver takes them in.
    let upper = contract(
        step.arcs.iter().copied(),
        |k| step.origin[k],
        |v| step.nodes[v],
        flows,
        &upper_place,
        upper_group,
        (cut_level, step.upper),
        usize::MAX,
    );
    let lower = contract(
        step.arcs.iter().copied(),
        |k| step.origin[k],
        |v| step.nodes[v],
        flows,
        &lower_place,
        lower_group,
        (step.lower, cut_level),
        usize::MAX,
    );
    Processed::Cut(step.id, upper, lower)
}

/// The steps still to do and what the done ones gave, shared by the workers.
struct Work {
    pending: Vec<Step>,
    busy: usize,
    children: Vec<Option<(usize, usize)>>,
    settled: Vec<(Step, (i128, i128), Vec<i64>)>,
    max_flows: usize,
}

/// Takes steps until none is left and none is being worked on. The steps are independent
/// (disjoint regions), so the answer does not depend on which worker takes which.
fn work(net: &Network, wide: bool, shared: &std::sync::Mutex<Work>, wake: &std::sync::Condvar) {
    let mut guard = shared.lock().unwrap();
    loop {
        if let Some(step) = guard.pending.pop() {
            guard.busy += 1;
            drop(guard);
            let mut max_flows = 0;
            let processed = process(net, step, wide, &mut max_flows);
            guard = shared.lock().unwrap();
            guard.busy -= 1;
            guard.max_flows += max_flows;
            match processed {
                Processed::Nothing => {}
                Processed::Settled(step, level, flows) => guard.settled.push((step, level, flows)),
                Processed::Cut(parent, mut upper, mut lower) => {
                    let (upper_id, lower_id) = (guard.children.len(), guard.children.len() + 1);
                    guard.children.push(None);
                    guard.children.push(None);
                    guard.children[parent] = Some((upper_id, lower_id));
                    upper.id = upper_id;
                    lower.id = lower_id;
                    guard.pending.push(upper);
                    guard.pending.push(lower);
                }
            }
            wake.notify_all();
        } else if guard.busy == 0 {
            return;
        } else {
            guard = wake.wait(guard).unwrap();
        }
    }
}

/// Runs the decomposition's workers in `scope` until no step is left: two when `parallel`.
fn decompose<'scope, 'env>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    net: &'env Network,
    wide: bool,
    parallel: bool,
    shared: &'env std::sync::Mutex<Work>,
    wake: &'env std::sync::Condvar,
) {
    if parallel {
        scope.spawn(move || work(net, wide, shared, wake));
    }
    work(net, wide, shared, wake);
}

/// Where a node of the network ended: in the top region (always on the source side), in
/// the region of one group, or the source or sink themselves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Source,
    Top,
    Leaf(usize),
    Sink,
}

pub fn optimum(net: &Network, options: Options) -> Optimum {
    optimum_beside(net, options, |_| ()).0
}

/// Networks with at least this many arcs run the caller's work beside the decomposition
/// on a thread of its own.
const BESIDE_ARCS_MIN: usize = 5_000;

/// [`optimum`], running `beside` on another thread at the same time (on large networks, and
/// unless one thread is asked for) once the top cut is known: `beside` is told which nodes
/// are on the source side of the cut with every recipient at its bound. The first cuts
/// below the top run on one thread, so the second core is free for it.
pub fn optimum_beside<R: Send>(
    net: &Network,
    options: Options,
    beside: impl FnOnce(&[bool]) -> R + Send,
) -> (Optimum, R) {
    let n = net.weight.len();
    let mut result = Optimum {
        numerator: vec![0; n],
        denominator: vec![1; n],
        total: 0,
        level: vec![(0, 1); n],
        doses: vec![0; n],
        max_flows: 0,
        // Filled in once the decomposition is done, in the memory it no longer needs.
        arc_flow: Vec::new(),
        region: vec![Region::Top; net.node_count],
        rank: Vec::new(),
    };
    result.region[SOURCE as usize] = Region::Source;
    result.region[SINK as usize] = Region::Sink;
    // Top: every recipient at its bound u_j. Those still on the source side of the min cut
    // get u_j at every level; the rest form the first group. (This cut and the first
    // contraction read the network's arcs where they are, and the top flow is dropped once
    // contracted: the first cuts below reuse that memory instead of taking fresh pages.)
    let (mut graph, top_forward) = FlowGraph::<i64>::new(
        net.node_count,
        &ArcsFn(net.arcs.len(), |k: usize| {
            let a = &net.arcs[k];
            (a.from, a.to, a.capacity())
        }),
    );
    graph.only_cut_matters();
    result.total = graph.augment(SOURCE as usize, SINK as usize, true);
    result.max_flows += 1;
    let sink_side = graph.sink_side(SINK as usize);
    let mut group = Vec::new();
    for (j, arc) in net.sink_arc.iter().enumerate() {
        if let Some(a) = *arc {
            if sink_side[net.arcs[a].from as usize] {
                group.push(u32::try_from(j).expect("recipients are numbered in 32 bits"));
            } else {
                result.numerator[j] = net.upper[j];
                result.doses[j] = net.upper[j];
                // Above every level: such recipients are whole numbers and need no rounding.
                result.level[j] = ABOVE_ALL;
            }
        }
    }
    // Where no recipient is below its bound, every node stays in the top region.
    let in_top: Vec<bool> = (0..net.node_count)
        .map(|v| v != SINK as usize && (group.is_empty() || !sink_side[v]))
        .collect();
    let grid = grid(net);
    let top_flows: Vec<i64> = top_forward
        .iter()
        .map(|&e| below_2_61(graph.flow(e) * grid))
        .collect();
    drop((graph, top_forward));
    // Above the top every cap is u_j; the grid point at or above it serves as the bound.
    let top_level = (0..n)
        .filter(|&j| net.sink_arc[j].is_some())
        .filter_map(|j| {
            ((net.received[j] + net.upper[j]) * grid)
                .checked_add(net.weight[j] - 1)
                .map(|a| a / net.weight[j])
        })
        .max();
    let mut next = 0u32;
    let place: Vec<Place> = (0..net.node_count)
        .map(|v| {
            if v == SINK as usize {
                Place::Sink
            } else if sink_side[v] {
                next += 1;
                Place::Local(next + 1)
            } else {
                Place::Source
            }
        })
        .collect();
    let arcs = net.arcs.iter().map(|a| {
        let parameter = match a.kind {
            ArcKind::Sink(j) => j,
            _ => NO_PARAMETER,
        };
        (a.from, a.to, a.narrow_capacity(), parameter)
    });
    let first = contract(
        arcs,
        |k| u32::try_from(k).expect("arcs are numbered in 32 bits"),
        |v| u32::try_from(v).expect("nodes are numbered in 32 bits"),
        Some(&top_flows),
        &place,
        group,
        (Some(0), top_level),
        0,
    );
    drop((top_flows, place));
    let pending = vec![first];

    // Two workers once the network is large enough to repay a thread (the machine this
    // runs on has two cores); small rounds stay on the caller's thread.
    let shared = std::sync::Mutex::new(Work {
        pending,
        busy: 0,
        children: vec![None],
        settled: Vec::new(),
        max_flows: 0,
    });
    let wake = std::sync::Condvar::new();
    let parallel = match options.threads {
        Threads::Auto => net.arcs.len() >= PARALLEL_ARCS_MIN,
        Threads::One => false,
        Threads::Two => true,
    };
    let apart = match options.threads {
        Threads::Auto => net.arcs.len() >= BESIDE_ARCS_MIN,
        Threads::One => false,
        Threads::Two => true,
    };
    let wide = options.wide_integers;
    let besides = if apart {
        std::thread::scope(|scope| {
            let handle = scope.spawn(|| beside(&in_top));
            decompose(scope, net, wide, parallel, &shared, &wake);
            handle.join()
        })
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    } else {
        std::thread::scope(|scope| decompose(scope, net, wide, parallel, &shared, &wake));
        beside(&in_top)
    };
    let done = shared.into_inner().unwrap();
    result.max_flows += done.max_flows;
    let children = done.children;
    result.arc_flow = vec![None; net.arcs.len()];
    // By value: each group's step and flows are freed once recorded.
    for (step, level, flows) in done.settled {
        settle(net, &step, level, &flows, &mut result);
    }
    // Ranks: every region below a cut before every region above it.
    result.rank = vec![0; children.len()];
    let mut next_rank = 0;
    let mut stack = vec![(0usize, false)];
    while let Some((id, expanded)) = stack.pop() {
        match children[id] {
            Some((upper, lower)) if !expanded => {
                stack.push((upper, false));
                stack.push((id, true));
                stack.push((lower, false));
            }
            _ => {
                result.rank[id] = next_rank;
                next_rank += 1;
            }
        }
    }
    (result, besides)
}
