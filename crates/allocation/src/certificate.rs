//! The certificate of an answer (`CERTIFICATE.md`): the levels of the answer, each
//! recipient's level, and for each lot the first level whose witness leaves it out, read
//! off the regions of the nested minimum cuts the decomposition found, so that anyone can
//! check the answer against the input alone.

use serde::{Deserialize, Serialize};

use crate::input::Problem;
use crate::network::Network;
use crate::parametric::{Optimum, Region};

/// Proof that an answer is feasible, maximal and max-min fair to within one dose, named by
/// the input's ids (`crates/allocation/CERTIFICATE.md` says how to check it).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    /// All doses allocated: the bound of the top witness.
    pub total_doses: u64,
    /// The answer's levels, lowest first.
    pub levels: Vec<Level>,
    /// Every recipient, in input order, with its level (none: at its own bound).
    pub recipients: Vec<RecipientLevel>,
    /// Every lot, in input order, with the first level whose witness leaves it out (none:
    /// inside every witness).
    pub lots: Vec<LotWitness>,
}

/// One level of the answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Level {
    /// The level in doses per 100 people per unit of weight (for reading: the check
    /// itself separates the recipients' whole doses exactly).
    pub coverage_per_100: f64,
    /// Doses the recipients at or below this level receive: the bound of its witness.
    pub doses: u64,
}

/// A recipient's place in the certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientLevel {
    /// The recipient's id.
    pub id: String,
    /// Index into [`Certificate::levels`]; `None` when it gets all it could ever get.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<usize>,
}

/// A lot's place in the witnesses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LotWitness {
    /// The lot's id.
    pub id: String,
    /// The lot is outside the witnesses of this level and every level above; `None` when
    /// it is inside every witness (the top's included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outside_from: Option<usize>,
}

/// Doses for the certificate: whole, not negative and at most the supply (2^53).
fn whole(doses: i128) -> u64 {
    u64::try_from(doses.max(0)).unwrap_or(u64::MAX)
}

/// The certificate of the whole doses `doses`, whose flow saturates every arc from a
/// higher region of `optimum` to a lower one (what `solve` checks before it answers).
pub fn build(problem: &Problem, net: &Network, optimum: &Optimum, doses: &[i128]) -> Certificate {
    // Rank of the region a node ended in; `None` for the top region (and the source).
    let rank_of = |node: u32| match optimum.region[node as usize] {
        Region::Leaf(id) => Some(optimum.rank[id]),
        _ => None,
    };
    let recipient_rank: Vec<Option<usize>> = net
        .sink_arc
        .iter()
        .map(|arc| arc.and_then(|a| rank_of(net.arcs[a].from)))
        .collect();
    // The distinct ranks, in order, are the levels (every region below the top holds the
    // end of some recipient's chain: it is a group that settled at its level).
    let mut ranks: Vec<(usize, usize)> = recipient_rank
        .iter()
        .enumerate()
        .filter_map(|(j, rank)| rank.map(|rank| (rank, j)))
        .collect();
    ranks.sort_unstable();
    ranks.dedup_by_key(|&mut (rank, _)| rank);
    let index_of = |rank: usize| ranks.binary_search_by_key(&rank, |&(r, _)| r).ok();
    let recipient_level: Vec<Option<usize>> = recipient_rank
        .iter()
        .map(|rank| rank.and_then(index_of))
        .collect();
    let mut level_doses = vec![0i128; ranks.len()];
    for (j, level) in recipient_level.iter().enumerate() {
        if let Some(k) = level {
            level_doses[*k] += doses[j];
        }
    }
    let mut cumulative = 0i128;
    let levels = ranks
        .iter()
        .zip(&level_doses)
        .map(|(&(_, j), &at_level)| {
            cumulative += at_level;
            let (numerator, denominator) = optimum.level[j];
            let r = &problem.recipients[j];
            // λ is in doses per scaled weight W_j; coverage per weight is 100 λ W_j / (w_j N_j).
            let scale = net.weight[j] as f64 / (r.weight * r.population as f64);
            Level {
                coverage_per_100: 100.0 * numerator as f64 / denominator as f64 * scale,
                doses: whole(cumulative),
            }
        })
        .collect();
    let mut lot_level: Vec<Option<usize>> = vec![None; problem.lots.len()];
    for (g, group) in net.groups.iter().enumerate() {
        let node = u32::try_from(2 + g).expect("nodes are numbered in 32 bits");
        let level = rank_of(node).and_then(index_of);
        for &i in &group.lots {
            lot_level[i] = level;
        }
    }
    Certificate {
        total_doses: whole(doses.iter().sum()),
        levels,
        recipients: problem
            .recipients
            .iter()
            .zip(recipient_level)
            .map(|(r, level)| RecipientLevel {
                id: r.id.clone(),
                level,
            })
            .collect(),
        lots: problem
            .lots
            .iter()
            .zip(lot_level)
            .map(|(lot, outside_from)| LotWitness {
                id: lot.id.clone(),
                outside_from,
            })
            .collect(),
    }
}

/// The certificate of an answer that allocates nothing to a round that is not valid: every
/// recipient at its own bound, every lot inside every witness (a checker refuses the round
/// itself first).
pub fn nothing(problem: &Problem) -> Certificate {
    Certificate {
        total_doses: 0,
        levels: Vec::new(),
        recipients: problem
            .recipients
            .iter()
            .map(|r| RecipientLevel {
                id: r.id.clone(),
                level: None,
            })
            .collect(),
        lots: problem
            .lots
            .iter()
            .map(|lot| LotWitness {
                id: lot.id.clone(),
                outside_from: None,
            })
            .collect(),
    }
}
