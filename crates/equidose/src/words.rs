//! Numbers in sentences: thousands grouped for people, and count words that agree with
//! their number ("1 country", "2 countries").

/// 1234567 → "1,234,567": tables are for people.
pub fn thousands(number: impl Into<i128>) -> String {
    let number: i128 = number.into();
    let digits = number.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if number < 0 {
        grouped.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// The number, grouped, and the word for that many: `count(1, "country", "countries")` is
/// "1 country", `count(1234, …)` "1,234 countries".
pub fn count(number: impl Into<i128>, one: &str, many: &str) -> String {
    let number: i128 = number.into();
    let word = if number.abs() == 1 { one } else { many };
    format!("{} {word}", thousands(number))
}

/// A count of a collection's items (`usize`), as [`count`].
pub fn count_of(number: usize, one: &str, many: &str) -> String {
    count(i128::try_from(number).unwrap_or(i128::MAX), one, many)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(0, "country", "countries"), "0 countries");
        assert_eq!(count(1, "country", "countries"), "1 country");
        assert_eq!(count(-1, "dose", "doses"), "-1 dose");
        assert_eq!(count(2, "country", "countries"), "2 countries");
        assert_eq!(
            count_of(1_234_567, "report", "reports"),
            "1,234,567 reports"
        );
        assert_eq!(thousands(-1_000), "-1,000");
        assert_eq!(thousands(999), "999");
    }
}
