//! Property tests of GS1 element strings: formatting then parsing round-trips in both forms and any element order, and parsing never panics.

use chrono::{Days, NaiveDate};
use domain::gs1::{
    GROUP_SEPARATOR, Gs1Data, Gs1Error, Gtin, parse_element_string, parse_element_string_in_year,
};
use proptest::prelude::*;

const SET_82: &str = "[A-Za-z0-9!\"%&'()*+,\\-./:;<=>?_]{1,20}";

/// Exactly one check digit completes 13 digits into a GTIN-14.
fn gtin_strategy() -> impl Strategy<Value = Gtin> {
    "[0-9]{13}".prop_map(|body| {
        let valid: Vec<Gtin> = (0..=9)
            .filter_map(|digit| Gtin::parse(&format!("{body}{digit}")).ok())
            .collect();
        assert_eq!(valid.len(), 1, "{body}: {valid:?}");
        valid.into_iter().next().unwrap()
    })
}

fn expiry_strategy() -> impl Strategy<Value = NaiveDate> {
    let first = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
    let last = NaiveDate::from_ymd_opt(2099, 12, 31).unwrap();
    let days = u64::try_from((last - first).num_days()).unwrap();
    (0..=days).prop_map(move |offset| first.checked_add_days(Days::new(offset)).unwrap())
}

fn data_strategy() -> impl Strategy<Value = Gs1Data> {
    (
        gtin_strategy(),
        proptest::option::of(SET_82),
        proptest::option::of(expiry_strategy()),
        proptest::option::of(SET_82),
    )
        .prop_map(|(gtin, lot_number, expiry, serial)| Gs1Data {
            gtin,
            lot_number,
            expiry,
            serial,
        })
}

/// Whether `value` holds `(`, two to four digits and `)`: the one thing the
/// human-readable form cannot carry inside a value.
fn looks_like_ai_in_parentheses(value: &str) -> bool {
    let characters: Vec<char> = value.chars().collect();
    (0..characters.len()).any(|start| {
        characters[start] == '('
            && (2..=4).any(|digits| {
                characters.get(start + 1 + digits) == Some(&')')
                    && characters[start + 1..start + 1 + digits]
                        .iter()
                        .all(char::is_ascii_digit)
            })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn raw_form_round_trips(data in data_strategy()) {
        let text = data.to_raw_element_string().unwrap();
        prop_assert_eq!(parse_element_string(&text), Ok(data.clone()), "{:?}", text);
        // The sliding window gives the same century for any current year within 50 years.
        prop_assert_eq!(parse_element_string_in_year(&text, 2049), Ok(data));
    }

    #[test]
    fn human_readable_form_round_trips_in_any_order(
        data in data_strategy(),
        order in Just(vec![0usize, 1, 2, 3]).prop_shuffle(),
    ) {
        let ambiguous = [&data.lot_number, &data.serial]
            .into_iter()
            .flatten()
            .any(|value| looks_like_ai_in_parentheses(value));
        match data.to_element_string() {
            Err(Gs1Error::ValueAmbiguousInHumanReadableForm { .. }) => prop_assert!(ambiguous),
            Err(error) => prop_assert!(false, "{}", error),
            Ok(text) => {
                prop_assert!(!ambiguous);
                prop_assert_eq!(parse_element_string(&text), Ok(data.clone()), "{:?}", text);
                // The same elements in another order, spaced as under a barcode.
                let elements = [
                    Some(format!("(01){}", data.gtin)),
                    data.lot_number.as_ref().map(|lot| format!("(10){lot}")),
                    data.expiry.map(|expiry| format!("(17){}", expiry.format("%y%m%d"))),
                    data.serial.as_ref().map(|serial| format!("(21){serial}")),
                ];
                let reordered: Vec<String> = order
                    .iter()
                    .filter_map(|index| elements[*index].clone())
                    .collect();
                let text = reordered.join(" ");
                prop_assert_eq!(parse_element_string(&text), Ok(data), "{:?}", text);
            }
        }
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(input in any::<String>(), year in any::<i32>()) {
        let _ = parse_element_string(&input);
        let _ = parse_element_string_in_year(&input, year);
        let _ = Gtin::parse(&input);
    }

    /// Text made of the characters that matter to the parser reaches deeper than random Unicode.
    #[test]
    fn parsing_near_misses_never_panics(
        input in proptest::collection::vec(
            prop_oneof![
                Just('('), Just(')'), Just(GROUP_SEPARATOR), Just(' '), Just(']'),
                Just('0'), Just('1'), Just('7'), Just('2'), Just('9'), Just('A'), Just('d'),
                Just('é'), Just('\u{0}'),
            ],
            0..80,
        ),
        year in any::<i32>(),
    ) {
        let input: String = input.into_iter().collect();
        if let Ok(data) = parse_element_string(&input) {
            // Whatever is accepted is well formed: it can be written again and read back.
            let text = data.to_raw_element_string().unwrap();
            prop_assert_eq!(parse_element_string(&text), Ok(data));
        }
        let _ = parse_element_string_in_year(&input, year);
    }

    #[test]
    fn a_changed_gtin_digit_is_caught(gtin in gtin_strategy(), position in 0..14usize, add in 1..=9u8) {
        // The mod-10 check digit catches every single-digit error.
        let mut digits = gtin.as_str().as_bytes().to_vec();
        digits[position] = b'0' + (digits[position] - b'0' + add) % 10;
        let changed = String::from_utf8(digits).unwrap();
        let is_mismatch = matches!(
            Gtin::parse(&changed),
            Err(Gs1Error::GtinCheckDigitMismatch { .. })
        );
        prop_assert!(is_mismatch, "{}", changed);
    }
}
