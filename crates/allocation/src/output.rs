//! The round's answer, serialised exactly as the spec's output JSON.

use serde::Serialize;

use crate::certificate::Certificate;

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

/// What one recipient gets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecipientResult {
    /// The recipient's id.
    pub id: String,
    /// Doses it receives this round, x_j.
    pub doses: u64,
    /// Doses per 100 people before the round.
    pub coverage_before: f64,
    /// Doses per 100 people after the round.
    pub coverage_after: f64,
    /// Why it got no more.
    pub limited_by: LimitedBy,
}

/// Doses of one lot sent to one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shipment {
    /// The lot's id.
    pub lot: String,
    /// The recipient's id.
    pub recipient: String,
    /// How many doses, more than 0.
    pub doses: u64,
}

/// Doses of one lot that go to no one this round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unallocated {
    /// The lot's id.
    pub lot: String,
    /// How many doses are left, more than 0.
    pub doses: u64,
}

/// The answer of a round: recipients in input order, every non-zero shipment, every lot
/// with doses left, and the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Solution {
    /// Every recipient of the input, once, in input order.
    pub recipients: Vec<RecipientResult>,
    /// Every non-zero shipment, by lot (in input order) and recipient.
    pub shipments: Vec<Shipment>,
    /// Every lot with doses left, in input order.
    pub unallocated: Vec<Unallocated>,
    /// All doses allocated: the sum of the recipients' doses.
    pub total_doses: u64,
    /// The proof that this answer is feasible, maximal and fair (`CERTIFICATE.md`); not
    /// part of the spec's output, it is written on its own.
    #[serde(skip)]
    pub certificate: Certificate,
}
