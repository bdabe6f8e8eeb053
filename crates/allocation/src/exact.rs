//! Exact integer arithmetic on the inputs' floating-point numbers (targets, weights, rates).
//!
//! Every finite `f64` is an integer times a power of two, so products with integers can be
//! floored exactly in `i128` instead of trusting a rounded `f64` product.

/// Clamp for products that would not fit: far above any supply (2^53), far below overflow.
pub const SATURATED: i128 = 1 << 100;

/// `(m, e)` with `x = m * 2^e`, for finite `x >= 0`.
fn decompose(x: f64) -> (i128, i32) {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = (bits & ((1u64 << 52) - 1)) as i128;
    if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1i128 << 52), exponent - 1075)
    }
}

/// `floor(x * k)` exactly, for finite `x >= 0` and `0 <= k < 2^64`; saturates at
/// [`SATURATED`].
pub fn floor_mul(x: f64, k: i128) -> i128 {
    if !(x.is_finite() && x > 0.0) || k <= 0 {
        return 0;
    }
    let (m, e) = decompose(x);
    let product = m * k; // < 2^53 * 2^64
    if e >= 0 {
        if e >= 100 || product > (SATURATED >> e) {
            SATURATED
        } else {
            product << e
        }
    } else if -e >= 127 {
        0
    } else {
        (product >> (-e)).min(SATURATED)
    }
}

/// `(m, d)` with `x = m / 10^d` for the shortest decimal that reads back as `x` (what the
/// JSON said, e.g. 33.3), when it has at most 24 digits; `None` for longer ones.
pub fn shortest_decimal(x: f64) -> Option<(i128, u32)> {
    if !(x.is_finite() && x >= 0.0) {
        return None;
    }
    let text = format!("{x}");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let digits = format!("{whole}{fraction}");
    if digits.len() > 24 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, u32::try_from(fraction.len()).ok()?))
}

/// `floor(x * k / divisor)` for the decimal number the input wrote (33.3 means 333/10, not
/// the binary number nearest to it, whose product with 1,000 falls just short of 33,300);
/// for decimals too long to hold exactly, the binary value via [`floor_mul`].
/// Requires `0 <= k < 2^44` and `divisor >= 1`.
pub fn floor_mul_decimal(x: f64, k: i128, divisor: i128) -> i128 {
    match shortest_decimal(x) {
        Some((mantissa, decimals)) if k >= 0 => {
            // < 10^24 * 2^44 < 2^124
            let numerator = mantissa * k;
            numerator / (10i128.pow(decimals) * divisor)
        }
        _ => floor_mul(x, k) / divisor,
    }
}

/// `round(x * k * 2^shift)` for finite `x > 0`, `0 < k < 2^64`, saturating at [`SATURATED`]
/// and never below 1 (a weight of zero would make a recipient insatiable).
pub fn scaled_weight(x: f64, k: i128, shift: i32) -> i128 {
    let (m, e) = decompose(x);
    let product = m * k;
    let total = e + shift;
    let value = if total >= 0 {
        if total >= 100 || product > (SATURATED >> total) {
            SATURATED
        } else {
            product << total
        }
    } else if -total >= 127 {
        0
    } else {
        let s = -total;
        (product + (1i128 << (s - 1))) >> s
    };
    value.clamp(1, SATURATED)
}

pub fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.abs();
    b = b.abs();
    while b != 0 {
        let r = a % b;
        a = b;
        b = r;
    }
    a
}

/// `floor(a / b)` for `b > 0`.
pub fn floor_div(a: i128, b: i128) -> i128 {
    a.div_euclid(b)
}

/// `ceil(a / b)` for `b > 0`.
pub fn ceil_div(a: i128, b: i128) -> i128 {
    -((-a).div_euclid(b))
}

/// Orders two fractions `a.0 / a.1` and `b.0 / b.1` (numerators not negative, denominators
/// positive) exactly, without forming a product that could overflow: by their whole parts,
/// then by the reciprocals of what is left (the continued fractions, term by term).
pub fn compare_fractions(a: (i128, i128), b: (i128, i128)) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    debug_assert!(a.0 >= 0 && b.0 >= 0 && a.1 > 0 && b.1 > 0);
    let ((mut p, mut q), (mut r, mut s)) = (a, b);
    // Each step swaps the fractions' roles (1/x reverses the order).
    let mut reversed = false;
    loop {
        let order = match (p / q).cmp(&(r / s)) {
            Ordering::Equal => {
                let (left, right) = (p % q, r % s);
                match (left == 0, right == 0) {
                    (true, true) => Ordering::Equal,
                    (true, false) => Ordering::Less,
                    (false, true) => Ordering::Greater,
                    (false, false) => {
                        // left/q against right/s is q/left against s/right, reversed.
                        (p, q, r, s) = (q, left, s, right);
                        reversed = !reversed;
                        continue;
                    }
                }
            }
            order => order,
        };
        return if reversed { order.reverse() } else { order };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fractions_compare_exactly_even_where_products_overflow() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        assert_eq!(compare_fractions((1, 3), (2, 6)), Equal);
        assert_eq!(compare_fractions((0, 5), (0, 1)), Equal);
        assert_eq!(compare_fractions((1, 3), (1, 2)), Less);
        assert_eq!(compare_fractions((7, 2), (10, 3)), Greater);
        let big = 1i128 << 120;
        assert_eq!(
            compare_fractions((big - 1, big), (big - 2, big - 1)),
            Greater
        );
        assert_eq!(compare_fractions((big, big + 1), (big + 1, big + 2)), Less);
        assert_eq!(compare_fractions((3 * big, 3), (big, 1)), Equal);
        // Against the products where they fit.
        let values = [0i128, 1, 2, 3, 5, 7, 12, 35, 36, 100];
        for &p in &values {
            for &q in &values[1..] {
                for &r in &values {
                    for &s in &values[1..] {
                        assert_eq!(
                            compare_fractions((p, q), (r, s)),
                            (p * s).cmp(&(r * q)),
                            "{p}/{q} against {r}/{s}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn floor_mul_is_exact() {
        assert_eq!(floor_mul(40.0, 38_928_341), 1_557_133_640);
        assert_eq!(floor_mul(0.1, 10), 1); // 0.1 is slightly above 1/10
        assert_eq!(floor_mul(0.3, 10), 2); // 0.3 is slightly below 3/10
        assert_eq!(floor_mul(30_000.5, 3), 90_001);
        assert_eq!(floor_mul(1e300, 5), SATURATED);
        assert_eq!(floor_mul(1e-300, 5), 0);
    }

    #[test]
    fn decimal_products_follow_the_written_number() {
        assert_eq!(floor_mul_decimal(33.3, 1000, 100), 333);
        assert_eq!(floor_mul_decimal(0.3, 10, 1), 3);
        assert_eq!(floor_mul_decimal(40.0, 38_928_341, 100), 15_571_336);
        assert_eq!(floor_mul_decimal(2.5, 3, 1), 7);
        assert_eq!(floor_mul_decimal(1e300, 5, 100), SATURATED / 100);
        assert_eq!(floor_mul_decimal(1e-300, 5, 1), 0);
    }

    #[test]
    fn scaled_weight_rounds_and_clamps() {
        assert_eq!(scaled_weight(1.0, 1000, 3), 8000);
        assert_eq!(scaled_weight(1.5, 1000, -1), 750);
        assert_eq!(scaled_weight(1e-300, 1, 0), 1);
    }

    #[test]
    fn divisions_round_the_right_way() {
        assert_eq!(floor_div(-7, 2), -4);
        assert_eq!(ceil_div(-7, 2), -3);
        assert_eq!(ceil_div(7, 2), 4);
        assert_eq!(gcd(12, -18), 6);
    }
}
