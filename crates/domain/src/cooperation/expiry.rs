//! Expiry risk (`cooperation.md`, "Expiry risk"): a holder uses its `available` doses
//! earliest expiry first at its recent rate from today; what is left of a lot at the end of
//! its expiry day is at risk.

use chrono::NaiveDate;

/// Doses a day, as a fraction: `doses` over `days` (the last 28 days' administrations over
/// 28, or a request's absorption over 1), so that capacities are computed exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    /// Doses in the period.
    pub doses: i64,
    /// Days of the period (at least 1).
    pub days: i64,
}

impl Rate {
    /// No administration at all.
    pub const NONE: Rate = Rate { doses: 0, days: 1 };

    /// Doses that can be used in `days` days at this rate, rounded down.
    pub fn doses_in(self, days: i64) -> i64 {
        let days = i128::from(days.max(0));
        let total = i128::from(self.doses) * days / i128::from(self.days.max(1));
        i64::try_from(total).unwrap_or(i64::MAX)
    }

    /// The rate as a decimal, for people.
    pub fn per_day(self) -> f64 {
        // Both are far below 2^53 for any real ledger, so the conversion is exact enough
        // for display; capacities use `doses_in`, never this.
        #[allow(clippy::cast_precision_loss, reason = "display only")]
        let rate = self.doses as f64 / self.days.max(1) as f64;
        rate
    }
}

/// A holder's available doses of one lot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stock<K> {
    /// Which lot (the caller's key).
    pub lot: K,
    /// Its last day of use.
    pub expiry: NaiveDate,
    /// The holder's available doses of it.
    pub doses: i64,
}

/// What is at risk of one lot: the doses left at the end of its expiry day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AtRisk<K> {
    /// Which lot.
    pub lot: K,
    /// Its last day of use.
    pub expiry: NaiveDate,
    /// The holder's available doses of it.
    pub doses: i64,
    /// Of which not used by the end of its expiry day at the rate.
    pub doses_at_risk: i64,
}

/// Every lot of `stock` with doses at risk, earliest expiry first: doses are used earliest
/// expiry first at `rate` from `today` (today counts as a day of use).
pub fn at_risk<K: Clone>(mut stock: Vec<Stock<K>>, rate: Rate, today: NaiveDate) -> Vec<AtRisk<K>> {
    stock.sort_by_key(|entry| entry.expiry);
    let mut used_before: i64 = 0;
    let mut risks = Vec::new();
    for entry in stock {
        let days_of_use = (entry.expiry - today).num_days() + 1;
        let capacity = rate.doses_in(days_of_use);
        let usable = capacity.saturating_sub(used_before).clamp(0, entry.doses);
        used_before = used_before.saturating_add(usable);
        let doses_at_risk = entry.doses - usable;
        debug_assert!((0..=entry.doses).contains(&doses_at_risk));
        if doses_at_risk > 0 {
            risks.push(AtRisk {
                lot: entry.lot,
                expiry: entry.expiry,
                doses: entry.doses,
                doses_at_risk,
            });
        }
    }
    risks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn earliest_expiry_first_at_the_rate() {
        let today = day("2021-08-06");
        let stock = vec![
            Stock {
                lot: "late",
                expiry: day("2021-08-20"),
                doses: 1_000,
            },
            Stock {
                lot: "soon",
                expiry: day("2021-08-07"),
                doses: 500,
            },
        ];
        // 100 a day: "soon" has 2 days (the 6th and the 7th): 200 used, 300 at risk; "late"
        // has until the 20th, 15 days, 1,500 doses of capacity less the 200 used: all used.
        let risks = at_risk(
            stock.clone(),
            Rate {
                doses: 2_800,
                days: 28,
            },
            today,
        );
        assert_eq!(
            risks,
            vec![AtRisk {
                lot: "soon",
                expiry: day("2021-08-07"),
                doses: 500,
                doses_at_risk: 300
            }]
        );
        // No administration: everything is at risk.
        assert_eq!(at_risk(stock.clone(), Rate::NONE, today).len(), 2);
        // A lot already past its expiry is wholly at risk.
        let past = vec![Stock {
            lot: "past",
            expiry: day("2021-08-01"),
            doses: 10,
        }];
        assert_eq!(
            at_risk(
                past,
                Rate {
                    doses: 1_000,
                    days: 1
                },
                today
            )[0]
            .doses_at_risk,
            10
        );
    }

    #[test]
    fn rates_are_exact() {
        assert_eq!(
            Rate {
                doses: 45_000,
                days: 28
            }
            .doses_in(28),
            45_000
        );
        assert_eq!(
            Rate {
                doses: 45_000,
                days: 28
            }
            .doses_in(1),
            1_607
        );
        assert_eq!(Rate::NONE.doses_in(100), 0);
    }
}
