//! An independent checker of allocation rounds: given a round (the input of
//! `shared/spec/allocation.md`), an answer and its certificate
//! (`crates/allocation/CERTIFICATE.md`), it verifies that the answer is feasible day by day,
//! that its total is the largest possible, and that every level of the certificate is tight
//! and separates the recipients to within one dose. It shares no code with the engine and
//! runs no max-flow: sorting, prefix sums and exact integer arithmetic only. Pure: no I/O.
//!
//! [`check`] returns one sentence per failure; none means the answer is proven.

#![warn(missing_docs)]

mod model;
mod number;

use std::collections::HashMap;

use model::{Answer, Certificate, Round};
use number::{Fraction, date, thousands};

/// Checks an answer and its certificate against a round, all three as JSON text. Returns
/// one sentence per failure, in a fixed order; an empty list means everything holds.
pub fn check(round: &str, answer: &str, certificate: &str) -> Vec<String> {
    let round: Round = match serde_json::from_str(round) {
        Ok(round) => round,
        Err(error) => return vec![format!("the round is not a round's JSON: {error}")],
    };
    let answer: Answer = match serde_json::from_str(answer) {
        Ok(answer) => answer,
        Err(error) => return vec![format!("the answer is not an answer's JSON: {error}")],
    };
    let certificate: Certificate = match serde_json::from_str(certificate) {
        Ok(certificate) => certificate,
        Err(error) => {
            return vec![format!(
                "the certificate is not a certificate's JSON: {error}"
            )];
        }
    };
    let mut failures = Vec::new();
    match model::Model::new(&round) {
        Ok(model) => Checker::new(&model, &mut failures).run(&answer, &certificate),
        Err(error) => failures.push(error),
    }
    failures
}

/// The most failures reported one by one; the rest are counted.
const FAILURES_MAX: usize = 100;

struct Checker<'a> {
    model: &'a model::Model,
    failures: &'a mut Vec<String>,
    omitted: usize,
}

impl<'a> Checker<'a> {
    fn new(model: &'a model::Model, failures: &'a mut Vec<String>) -> Self {
        Checker {
            model,
            failures,
            omitted: 0,
        }
    }

    fn fail(&mut self, sentence: String) {
        if self.failures.len() < FAILURES_MAX {
            self.failures.push(sentence);
        } else {
            self.omitted += 1;
        }
    }

    fn run(mut self, answer: &Answer, certificate: &Certificate) {
        // Optimality is only worth reading of a feasible answer: one that is not gets its
        // feasibility failures alone.
        if let Some(x) = self.feasible(answer)
            && self.failures.is_empty()
        {
            self.optimal(&x, certificate);
        }
        if self.omitted > 0 {
            let omitted = self.omitted;
            self.failures
                .push(format!("and {omitted} more failures not listed"));
        }
    }

    /// Step 1: the answer against the input. Returns each recipient's doses when the
    /// answer is well formed enough to go on.
    fn feasible(&mut self, answer: &Answer) -> Option<Vec<u128>> {
        let m = self.model;
        let n = m.recipients.len();
        if answer.recipients.len() != n
            || answer
                .recipients
                .iter()
                .zip(&m.recipients)
                .any(|(a, r)| *a.id != r.id)
        {
            self.fail(format!(
                "answer: its recipients are not the round's {n}, once each and in the round's order"
            ));
            return None;
        }
        let mut received = vec![0u128; n];
        let mut shipped = vec![0u128; m.lots.len()];
        // Per recipient: (expiry, doses) of its shipments, for the days.
        let mut by_recipient: Vec<Vec<(i64, u128)>> = vec![Vec::new(); n];
        for s in &answer.shipments {
            let (Some(&i), Some(&j)) = (
                m.lot_index.get(&*s.lot),
                m.recipient_index.get(&*s.recipient),
            ) else {
                self.fail(format!(
                    "shipment of lot {} to {}: no such lot or recipient in the round",
                    s.lot, s.recipient
                ));
                continue;
            };
            if s.doses == 0 {
                self.fail(format!(
                    "shipment of lot {} to {}: zero doses",
                    s.lot, s.recipient
                ));
            }
            if let Some(why) = m.ineligible(i, j) {
                self.fail(format!(
                    "shipment of lot {} to {}: {why}",
                    s.lot, s.recipient
                ));
            }
            shipped[i] += u128::from(s.doses);
            received[j] += u128::from(s.doses);
            by_recipient[j].push((m.lots[i].expiry, u128::from(s.doses)));
        }
        let mut left: HashMap<&str, u64> = HashMap::new();
        for u in &answer.unallocated {
            *left.entry(&*u.lot).or_default() += u.doses;
            if !m.lot_index.contains_key(&*u.lot) {
                self.fail(format!("unallocated: no lot {} in the round", u.lot));
            }
        }
        for (i, lot) in m.lots.iter().enumerate() {
            let doses = u128::from(lot.doses);
            let stated = u128::from(left.get(lot.id.as_str()).copied().unwrap_or(0));
            if shipped[i] > doses {
                self.fail(format!(
                    "lot {}: {} doses shipped, more than its {}",
                    lot.id,
                    thousands(shipped[i]),
                    thousands(doses)
                ));
            } else if stated != doses - shipped[i] {
                self.fail(format!(
                    "lot {}: {} of its {} doses are shipped, so {} are left, but the answer says {}",
                    lot.id,
                    thousands(shipped[i]),
                    thousands(doses),
                    thousands(doses - shipped[i]),
                    thousands(stated)
                ));
            }
        }
        for (j, r) in m.recipients.iter().enumerate() {
            let stated = u128::from(answer.recipients[j].doses);
            if stated != received[j] {
                self.fail(format!(
                    "recipient {}: gets {} doses, but its shipments add up to {}",
                    r.id,
                    thousands(stated),
                    thousands(received[j])
                ));
            }
            if let Some(cap) = r.cap
                && received[j] > cap
            {
                self.fail(format!(
                    "recipient {}: {} doses exceed its cap of {}",
                    r.id,
                    thousands(received[j]),
                    thousands(cap)
                ));
            }
            let days = &mut by_recipient[j];
            days.sort_unstable();
            let mut cumulative = 0u128;
            for (k, &(expiry, doses)) in days.iter().enumerate() {
                cumulative += doses;
                if days.get(k + 1).is_some_and(|next| next.0 == expiry) {
                    continue;
                }
                let limit = r.absorbable(expiry);
                if cumulative > limit {
                    self.fail(format!(
                        "recipient {}: {} doses expiring by {} exceed what it can administer by then, {}",
                        r.id,
                        thousands(cumulative),
                        date(expiry),
                        thousands(limit)
                    ));
                    break;
                }
            }
        }
        let total: u128 = received.iter().sum();
        if u128::from(answer.total_doses) != total {
            self.fail(format!(
                "answer: total_doses is {}, but the recipients get {}",
                thousands(u128::from(answer.total_doses)),
                thousands(total)
            ));
        }
        Some(received)
    }

    /// Steps 2 to 5: maximal total, tight levels, own bounds, separated levels.
    fn optimal(&mut self, x: &[u128], certificate: &Certificate) {
        let m = self.model;
        let levels = certificate.levels.len();
        // Each recipient's level and each lot's `outside_from`, by the input's order; a lot
        // inside every witness gets `levels` (L_k = lots with o > k).
        let mut level: Vec<Option<usize>> = vec![None; m.recipients.len()];
        let mut named = vec![false; m.recipients.len()];
        for entry in &certificate.recipients {
            let Some(&j) = m.recipient_index.get(&*entry.id) else {
                self.fail(format!(
                    "certificate: names no recipient {} of the round",
                    entry.id
                ));
                continue;
            };
            if std::mem::replace(&mut named[j], true) {
                self.fail(format!("certificate: names recipient {} twice", entry.id));
            }
            match entry.level {
                Some(k) if k >= levels => self.fail(format!(
                    "certificate: recipient {} is at level {k}, but {}",
                    entry.id,
                    levels_text(levels)
                )),
                k => level[j] = k,
            }
        }
        if let Some(j) = named.iter().position(|&named| !named) {
            self.fail(format!(
                "certificate: recipient {} is missing (every recipient must be named)",
                m.recipients[j].id
            ));
        }
        let mut outside = vec![levels; m.lots.len()];
        let mut lot_named = vec![false; m.lots.len()];
        for entry in &certificate.lots {
            let Some(&i) = m.lot_index.get(&*entry.id) else {
                self.fail(format!(
                    "certificate: names no lot {} of the round",
                    entry.id
                ));
                continue;
            };
            if std::mem::replace(&mut lot_named[i], true) {
                self.fail(format!("certificate: names lot {} twice", entry.id));
            }
            match entry.outside_from {
                Some(k) if k >= levels => self.fail(format!(
                    "certificate: lot {} is outside from level {k}, but {}",
                    entry.id,
                    levels_text(levels)
                )),
                Some(k) => outside[i] = k,
                None => {}
            }
        }
        if let Some(i) = lot_named.iter().position(|&named| !named) {
            self.fail(format!(
                "certificate: lot {} is missing (every lot must be named)",
                m.lots[i].id
            ));
        }
        if self.failures.iter().any(|f| f.starts_with("certificate:")) {
            return;
        }
        let witnesses = model::Witnesses::new(m, &outside, levels);
        let total: u128 = x.iter().sum();

        // 2. Maximal total: bound(all, L_top), with the supply term.
        if u128::from(certificate.total_doses) != total {
            self.fail(format!(
                "certificate: says {} doses are allocated, the answer allocates {}",
                thousands(u128::from(certificate.total_doses)),
                thousands(total)
            ));
        }
        let outside_top: u128 = (0..m.lots.len())
            .filter(|&i| outside[i] < levels)
            .map(|i| u128::from(m.lots[i].doses))
            .sum();
        let mut inside_top: u128 = 0;
        for j in 0..m.recipients.len() {
            inside_top = inside_top.saturating_add(witnesses.top_bound(j));
        }
        let bound = outside_top.saturating_add(inside_top);
        if bound >= model::UNLIMITED {
            self.fail(
                "total: the certificate's top witness puts no limit on what can be allocated, so it does not show that no more could be allocated".into(),
            );
        } else if bound != total {
            self.fail(format!(
                "total: the answer allocates {} doses, but the certificate's top witness bounds what can be allocated at {} ({} in the lots outside it, {} that the recipients can take from the lots inside it), so it does not show that no more could be allocated",
                thousands(total),
                thousands(bound),
                thousands(outside_top),
                thousands(inside_top)
            ));
        }

        // 4. Own bounds of the recipients without a level.
        let own: Vec<u128> = (0..m.recipients.len())
            .map(|j| witnesses.own_bound(j))
            .collect();
        for (j, r) in m.recipients.iter().enumerate() {
            if level[j].is_none() && x[j] != own[j] {
                self.fail(format!(
                    "recipient {}: has no level, so it must get all it could ever get, {} doses ({}), but it gets {}",
                    r.id,
                    thousands(own[j]),
                    witnesses.own_bound_reason(j),
                    thousands(x[j])
                ));
            }
        }

        // 3. Each level tight: x(T_k) = stated = bound'(T_k, L_k).
        let inside = witnesses.level_bounds(&level);
        let mut outside_doses = vec![0u128; levels + 1];
        for (i, &k) in outside.iter().enumerate() {
            outside_doses[k] += u128::from(m.lots[i].doses);
        }
        let mut at_level = vec![0u128; levels];
        for (j, &k) in level.iter().enumerate() {
            if let Some(k) = k {
                at_level[k] += x[j];
            }
        }
        let (mut held, mut lots_outside) = (0u128, 0u128);
        for (k, stated) in certificate.levels.iter().enumerate() {
            held += at_level[k];
            lots_outside += outside_doses[k];
            let name = LevelName(k, stated.coverage_per_100);
            if u128::from(stated.doses) != held {
                self.fail(format!(
                    "{name}: the certificate says the recipients at or below it receive {} doses, the answer gives them {}",
                    thousands(u128::from(stated.doses)),
                    thousands(held)
                ));
            }
            let bound = lots_outside.saturating_add(inside[k]);
            if bound >= model::UNLIMITED {
                self.fail(format!(
                    "{name}: its witness puts no limit on the recipients at or below it (one of them has neither a cap nor an absorption limit and an eligible lot inside the witness), so it does not show that they could not receive more"
                ));
            } else if bound != held {
                self.fail(format!(
                    "{name}: the recipients at or below it receive {} doses, but its witness bounds them at {} ({} in the lots outside it, {} that they can take from the lots inside it), so it does not show that they could not receive more",
                    thousands(held),
                    thousands(bound),
                    thousands(lots_outside),
                    thousands(inside[k])
                ));
            }
        }

        // 5. Levels separate: A_k < B_k, and the stated value between them.
        let coverage = |j: usize, doses: u128| m.recipients[j].coverage(doses);
        let mut giver: Option<(Fraction, usize)> = None;
        let mut by_level: Vec<Vec<usize>> = vec![Vec::new(); levels];
        for (j, &k) in level.iter().enumerate() {
            if let Some(k) = k {
                by_level[k].push(j);
            }
        }
        for (k, members) in by_level.iter().enumerate() {
            for &j in members {
                if x[j] > 0 {
                    let c = coverage(j, x[j] - 1);
                    if giver.as_ref().is_none_or(|(best, _)| c > *best) {
                        giver = Some((c, j));
                    }
                }
            }
            let mut separated = true;
            let receiver = members
                .iter()
                .filter(|&&j| x[j] < own[j])
                .map(|&j| (coverage(j, x[j] + 1), j))
                .min_by(|a, b| a.0.cmp(&b.0));
            let stated = certificate.levels[k].coverage_per_100;
            let name = LevelName(k, stated);
            if let (Some((a, q)), Some((b, j))) = (&giver, &receiver)
                && a >= b
            {
                separated = false;
                self.fail(format!(
                    "{name}: {} could give a dose to {} without ending below it ({} with one dose less, {} at {} with one more), and {} is not at its own bound of {} doses",
                    m.recipients[*q].id,
                    m.recipients[*j].id,
                    a.per_100(),
                    m.recipients[*j].id,
                    b.per_100(),
                    m.recipients[*j].id,
                    thousands(own[*j])
                ));
            }
            let low = giver
                .as_ref()
                .map_or(f64::NEG_INFINITY, |(a, _)| a.as_f64());
            let high = receiver.as_ref().map_or(f64::INFINITY, |(b, _)| b.as_f64());
            let slack = 1e-9 * stated.abs().max(1e-9);
            if separated && !(stated >= low - slack && stated <= high + slack) {
                self.fail(format!(
                    "{name}: the recipients' whole doses put this level between {} and {} per 100, not at {stated}",
                    number::decimal(low),
                    number::decimal(high)
                ));
            }
        }
    }
}

fn levels_text(levels: usize) -> String {
    match levels {
        0 => "the certificate has no levels".into(),
        1 => "the certificate's only level is 0".into(),
        _ => format!("the certificate's levels are 0 to {}", levels - 1),
    }
}

/// A level as the sentences name it, "level 3 (14.1 per 100)", written only when one is.
struct LevelName(usize, f64);

impl std::fmt::Display for LevelName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "level {} ({} per 100)", self.0, number::decimal(self.1))
    }
}
