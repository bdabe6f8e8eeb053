//! Fuzzes GS1 element strings (`domain::gs1`): any text is read or refused without a
//! panic, and what is read is a pack's data that holds its promises: a GTIN of 14 digits
//! whose check digit this target recomputes on its own, values within their limits, and
//! both written forms that read back to the same data.
//!
//! The current year is fixed (2026) so that a two-digit expiry year always means the same
//! century and every run is deterministic.

#![no_main]

use chrono::Datelike;
use domain::gs1::{
    GROUP_SEPARATOR, Gtin, VARIABLE_FIELD_LENGTH_CHARS_MAX, parse_element_string,
    parse_element_string_in_year,
};
use libfuzzer_sys::fuzz_target;

const CURRENT_YEAR: i32 = 2026;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The plain reading (20YY) must not panic either, whatever the text.
    let _ = parse_element_string(text);
    let Ok(pack) = parse_element_string_in_year(text, CURRENT_YEAR) else {
        return;
    };

    let digits = pack.gtin.as_str();
    assert_eq!(digits.len(), 14, "{digits}");
    assert!(digits.bytes().all(|byte| byte.is_ascii_digit()), "{digits}");
    assert_eq!(
        check_digit(&digits[..13]),
        digits.as_bytes()[13],
        "{digits}"
    );
    assert_eq!(Gtin::parse(digits).as_ref(), Ok(&pack.gtin));

    if let Some(expiry) = pack.expiry {
        // Within 49 years behind and 50 ahead of the current year (GS1 7.12).
        let years_ahead = expiry.year() - CURRENT_YEAR;
        assert!((-49..=50).contains(&years_ahead), "{expiry}");
    }
    for value in [&pack.lot_number, &pack.serial].into_iter().flatten() {
        let length_chars = value.chars().count();
        assert!(
            (1..=VARIABLE_FIELD_LENGTH_CHARS_MAX).contains(&length_chars),
            "{value:?}"
        );
        assert!(!value.contains(GROUP_SEPARATOR), "{value:?}");
    }

    // Whatever the two forms agree to write, they read back as the same pack.
    if let Ok(human) = pack.to_element_string() {
        assert_eq!(
            parse_element_string_in_year(&human, CURRENT_YEAR).as_ref(),
            Ok(&pack),
            "{text:?} written as {human:?}"
        );
    }
    if let Ok(raw) = pack.to_raw_element_string() {
        assert_eq!(
            parse_element_string_in_year(&raw, CURRENT_YEAR).as_ref(),
            Ok(&pack),
            "{text:?} written as {raw:?}"
        );
    }
});

/// The GS1 mod-10 check digit of 13 ASCII digits, written out again here so that the
/// parser's own function is not what checks it.
fn check_digit(body: &str) -> u8 {
    let mut sum = 0u32;
    for (index, byte) in body.bytes().rev().enumerate() {
        let weight = if index % 2 == 0 { 3 } else { 1 };
        sum += weight * u32::from(byte - b'0');
    }
    b'0' + u8::try_from((10 - sum % 10) % 10).unwrap()
}
