//! The round's answer, serialised exactly as the spec's output JSON.

use serde::Serialize;

/// Why a recipient got no more doses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LimitedBy {
    /// It reached its target or its `max_doses`.
    Cap,
    /// No more eligible doses.
    Supply,
    /// Absorption rate and expiry dates: more doses would expire unused.
    Expiry,
    /// It reached the common level: more would take doses from someone no better off.
    Level,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecipientResult {
    pub id: String,
    pub doses: u64,
    /// Doses per 100 people before the round.
    pub coverage_before: f64,
    /// Doses per 100 people after the round.
    pub coverage_after: f64,
    pub limited_by: LimitedBy,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shipment {
    pub lot: String,
    pub recipient: String,
    pub doses: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unallocated {
    pub lot: String,
    pub doses: u64,
}

/// The answer of a round: recipients in input order, every non-zero shipment, every lot
/// with doses left, and the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    pub recipients: Vec<RecipientResult>,
    pub shipments: Vec<Shipment>,
    pub unallocated: Vec<Unallocated>,
    pub total_doses: u64,
}
