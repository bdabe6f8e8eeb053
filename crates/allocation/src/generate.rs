//! Seeded random rounds for tests and benchmarks, realistic enough to have dozens of levels.
//!
//! Populations from 1e5 to over 1e9, doses already received, mostly unit weights, targets
//! and requests, absorption limits on most recipients, varied start days, some minimum
//! shelf lives and product restrictions; lots spread over a year with short-dated and
//! already expired ones, about half earmarked. The same seed always gives the same round
//! (ChaCha8, which does not change across `rand` versions).

use chrono::{Days, NaiveDate};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::input::{Lot, Problem, Recipient};

/// Shape of a generated round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    /// Number of recipients (ids `R00000`, `R00001`, …).
    pub recipients: usize,
    /// Number of lots (ids `L000000`, `L000001`, …).
    pub lots: usize,
    /// Share of lots earmarked to a subset of recipients.
    pub earmarked_share: f64,
    /// Largest earmark size (drawn uniformly from 1 to this).
    pub earmark_size_max: usize,
}

impl Shape {
    /// The benchmark shape: half the lots earmarked to up to 10 recipients; with thousands
    /// of recipients, every lot earmarked to about 50 (sparse eligibility).
    pub fn standard(recipients: usize, lots: usize) -> Shape {
        if recipients > 1000 {
            Shape {
                recipients,
                lots,
                earmarked_share: 1.0,
                earmark_size_max: 100,
            }
        } else {
            Shape {
                recipients,
                lots,
                earmarked_share: 0.5,
                earmark_size_max: 10,
            }
        }
    }
}

const PRODUCTS: [&str; 5] = [
    "AZD1222",
    "BBIBP-CorV",
    "BNT162b2",
    "Ad26.COV2.S",
    "mRNA-1273",
];

/// A round of the standard shape.
pub fn generate(recipients: usize, lots: usize, seed: u64) -> Problem {
    generate_shape(Shape::standard(recipients, lots), seed)
}

/// `x` rounded toward zero (the rounds drawn so far depend on exactly this).
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "every draw here is finite, at least 0 and far below 2^64"
)]
fn whole(x: f64) -> u64 {
    debug_assert!(x.is_finite() && (0.0..1e15).contains(&x));
    x as u64
}

fn log_uniform(rng: &mut ChaCha8Rng, low: f64, high: f64) -> f64 {
    (low.ln() + rng.random::<f64>() * (high.ln() - low.ln())).exp()
}

/// A round of the given shape; the same shape and seed always give the same round.
pub fn generate_shape(shape: Shape, seed: u64) -> Problem {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let date = NaiveDate::from_ymd_opt(2021, 8, 4).unwrap();
    let later = |days: u64| date.checked_add_days(Days::new(days)).unwrap();
    let recipients: Vec<Recipient> = (0..shape.recipients)
        .map(|j| {
            let population = whole(log_uniform(&mut rng, 1e5, 1.4e9));
            let covered: f64 = rng.random_range(0.0..0.3);
            let doses_received = whole(population as f64 * covered);
            let weight = match rng.random_range(0..10) {
                0 => 2.0,
                1 => 0.5,
                2 => 1.5,
                _ => 1.0,
            };
            let target_per_100 = match rng.random_range(0..10) {
                0 => Some(20.0),
                1 => Some(70.0),
                _ => None,
            };
            let max_doses = rng
                .random_bool(0.2)
                .then(|| whole(population as f64 * rng.random_range(0.01..0.2)));
            let absorption_per_day = rng
                .random_bool(0.8)
                .then(|| (population as f64 * rng.random_range(0.0002..0.003)).ceil());
            let start = Some(later(rng.random_range(0..30)));
            let min_shelf_days = match rng.random_range(0..10) {
                0 => 70,
                1 => 30,
                _ => 0,
            };
            let products = rng.random_bool(0.3).then(|| {
                let mut list: Vec<String> = PRODUCTS
                    .iter()
                    .filter(|_| rng.random_bool(0.6))
                    .map(|p| p.to_string())
                    .collect();
                if list.is_empty() {
                    list.push(PRODUCTS[0].to_string());
                }
                list
            });
            Recipient {
                id: format!("R{j:05}"),
                population,
                doses_received,
                weight,
                target_per_100,
                max_doses,
                absorption_per_day,
                start,
                min_shelf_days,
                products,
            }
        })
        .collect();
    let lots: Vec<Lot> = (0..shape.lots)
        .map(|i| {
            let product = PRODUCTS[rng.random_range(0..PRODUCTS.len())].to_string();
            let doses = whole(log_uniform(&mut rng, 1e3, 1e7));
            let expiry = match rng.random_range(0..50) {
                0 => date
                    .checked_sub_days(Days::new(rng.random_range(1..10)))
                    .unwrap(),
                1..=10 => later(rng.random_range(5..45)),
                _ => later(rng.random_range(30..366)),
            };
            let earmark =
                (shape.recipients > 0 && rng.random_bool(shape.earmarked_share)).then(|| {
                    let size = rng.random_range(1..=shape.earmark_size_max.min(shape.recipients));
                    let mut ids: Vec<usize> = (0..size)
                        .map(|_| rng.random_range(0..shape.recipients))
                        .collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids.into_iter().map(|j| format!("R{j:05}")).collect()
                });
            Lot {
                id: format!("L{i:06}"),
                product,
                doses,
                expiry,
                recipients: earmark,
            }
        })
        .collect();
    Problem {
        date,
        target_per_100: Some(40.0),
        recipients,
        lots,
    }
}
