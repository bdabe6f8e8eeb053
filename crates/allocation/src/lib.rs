//! Equidose's allocation engine: divides the doses available now among recipients, exactly
//! as `spec/allocation.md` says, and nothing else (no storage, no I/O, no clock).
//!
//! - [`parse_problem`] reads and validates the spec's input JSON into a [`Problem`];
//! - [`solve`] returns the unique lexicographically max-min optimal totals, rounded to whole
//!   doses within one dose of the exact fractional optimum, with lot-level shipments, as a
//!   [`Solution`] that serialises to the spec's output JSON;
//! - [`generate`] makes seeded random rounds for tests and benchmarks.
//!
//! Inside: `network` builds the flow network; `parametric` finds the exact fractional
//! optimum by Fujishige's decomposition on exact rationals and rounds each level's group
//! to whole doses in its own contracted network; `maxflow` is the push-relabel that runs
//! every cut; `solve` puts the groups' flows together into shipments and says why each
//! recipient got no more. See the crate's README for the why.

#![warn(missing_docs)]
// A narrowing or sign-changing `as` is a checked conversion instead, or, where it provably
// keeps the value in a hot loop, has an `allow` on the smallest item that says why.
#![warn(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss
)]

pub mod certificate;
mod exact;
pub mod generate;
mod input;
mod maxflow;
mod network;
mod output;
mod parametric;
mod solve;
mod typed_input;

pub use certificate::Certificate;
pub use input::{
    InputError, Lot, Problem, QUANTITY_MAX, Recipient, TOTAL_DOSES_MAX, WEIGHT_MAX, parse_problem,
};
pub use output::{LimitedBy, RecipientResult, Shipment, Solution, Unallocated};
#[doc(hidden)]
pub use parametric::{Options, Threads};
pub use solve::solve;
#[doc(hidden)]
pub use solve::solve_with;

/// Statistics of one solve, for benchmarks: (max-flows run, nodes, arcs of the network).
pub fn solve_statistics(problem: &Problem) -> (usize, usize, usize) {
    let net = network::build(problem);
    let optimum = parametric::optimum(&net, parametric::Options::default());
    (optimum.max_flows, net.node_count, net.arcs.len())
}
