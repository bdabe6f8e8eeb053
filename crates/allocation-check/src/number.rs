//! Exact numbers: the decimals the JSON wrote, days, coverage fractions compared in 256
//! bits, and numbers written for people.

use std::cmp::Ordering;

/// `(m, p)` with `x = m / 10^p` for the shortest decimal that reads back as `x` (what the
/// JSON wrote: 33.3 is 333/10), when it has at most 24 digits.
pub fn decimal_of(x: f64) -> Option<(u128, u32)> {
    if !(x.is_finite() && x >= 0.0) {
        return None;
    }
    // Whole numbers below 2^53 (most weights and targets) are exact as they are.
    if x.fract() == 0.0 && x < 9_007_199_254_740_992.0 {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a whole number from 0 to 2^53 converts exactly"
        )]
        let whole = x as u128;
        return Some((whole, 0));
    }
    // Rust writes an f64 as its shortest round-trip decimal, never with an exponent.
    let text = format!("{x}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = format!("{whole}{fraction}");
    if digits.len() > 24 {
        return None;
    }
    Some((digits.parse().ok()?, u32::try_from(fraction.len()).ok()?))
}

/// Day number of an ISO date `YYYY-MM-DD` (days since 1970-01-01), if it is one.
pub fn day(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let year: i64 = text[0..4].parse().ok()?;
    let month: i64 = text[5..7].parse().ok()?;
    let day: i64 = text[8..10].parse().ok()?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let length = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&month) || day < 1 || day > length[usize::try_from(month - 1).ok()?] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The ISO date of a day number (the inverse of [`day`]).
pub fn date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A whole number with thousands separators: 12,000.
pub fn thousands(value: u128) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A coverage for a sentence: four decimals, without trailing zeros.
pub fn decimal(value: f64) -> String {
    if !value.is_finite() {
        return if value > 0.0 {
            "infinity".into()
        } else {
            "minus infinity".into()
        };
    }
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    text.to_string()
}

/// A non-negative fraction `numerator / denominator` (denominator > 0), ordered exactly.
#[derive(Debug, Clone, Copy)]
pub struct Fraction {
    pub numerator: u128,
    pub denominator: u128,
}

/// `a * b` as (high, low) 128-bit halves.
fn wide(a: u128, b: u128) -> (u128, u128) {
    const HALF: u128 = u64::MAX as u128;
    let (a1, a0) = (a >> 64, a & HALF);
    let (b1, b0) = (b >> 64, b & HALF);
    let low = a0 * b0;
    let middle1 = a1 * b0;
    let middle2 = a0 * b1;
    let high = a1 * b1;
    let (middle, carry) = middle1.overflowing_add(middle2);
    let (low, carry_low) = low.overflowing_add(middle << 64);
    let high = high + (middle >> 64) + (u128::from(carry) << 64) + u128::from(carry_low);
    (high, low)
}

impl Ord for Fraction {
    fn cmp(&self, other: &Self) -> Ordering {
        wide(self.numerator, other.denominator).cmp(&wide(other.numerator, self.denominator))
    }
}

impl PartialOrd for Fraction {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Fraction {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Fraction {}

impl Fraction {
    /// The value, to floating-point precision (for sentences and the stated levels).
    pub fn as_f64(&self) -> f64 {
        self.numerator as f64 / self.denominator as f64
    }

    /// The coverage as a sentence writes it: "14.1 per 100".
    pub fn per_100(&self) -> String {
        format!("{} per 100", decimal(self.as_f64()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip() {
        for text in [
            "1970-01-01",
            "2021-08-04",
            "2000-02-29",
            "2100-12-31",
            "1999-03-01",
        ] {
            assert_eq!(date(day(text).unwrap()), text);
        }
        assert_eq!(day("2021-08-05").unwrap() - day("2021-08-04").unwrap(), 1);
        assert_eq!(day("2021-02-29"), None);
        assert_eq!(day("2021-13-01"), None);
    }

    #[test]
    fn fractions_compare_exactly() {
        let big = Fraction {
            numerator: u128::MAX / 3,
            denominator: u128::MAX / 2,
        };
        let bigger = Fraction {
            numerator: u128::MAX / 3 + 1,
            denominator: u128::MAX / 2,
        };
        assert!(big < bigger);
        let a = Fraction {
            numerator: 1,
            denominator: 3,
        };
        let b = Fraction {
            numerator: 2,
            denominator: 6,
        };
        assert_eq!(a, b);
        assert_eq!(wide(u128::MAX, u128::MAX), (u128::MAX - 1, 1));
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(thousands(12_000), "12,000");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(decimal(14.10), "14.1");
        assert_eq!(decimal_of(33.3), Some((333, 1)));
        assert_eq!(decimal_of(40.0), Some((40, 0)));
        assert_eq!(decimal_of(0.0), Some((0, 0)));
        assert_eq!(decimal_of(1e20), Some((100_000_000_000_000_000_000, 0)));
        assert_eq!(decimal_of(-1.0), None);
    }
}
