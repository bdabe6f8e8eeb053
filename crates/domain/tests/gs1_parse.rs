//! Tests of GS1 element string parsing and formatting: known good strings in both forms, day 00, the century rule, GTINs and every error.

use chrono::NaiveDate;
use domain::gs1::{
    GROUP_SEPARATOR, Gs1Data, Gs1Error, Gtin, parse_element_string, parse_element_string_in_year,
};

const GS: char = GROUP_SEPARATOR;

fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap()
}

fn gtin(digits: &str) -> Gtin {
    Gtin::parse(digits).unwrap()
}

fn data(lot: Option<&str>, expiry: Option<NaiveDate>, serial: Option<&str>) -> Gs1Data {
    Gs1Data {
        gtin: gtin("09501101530003"),
        lot_number: lot.map(str::to_owned),
        expiry,
        serial: serial.map(str::to_owned),
    }
}

#[test]
fn the_spec_example() {
    assert_eq!(
        parse_element_string("(01)09501101530003(17)220331(10)AB1234"),
        Ok(data(Some("AB1234"), Some(date(2022, 3, 31)), None))
    );
}

#[test]
fn known_good_strings() {
    let cases: Vec<(String, Gs1Data)> = vec![
        // Any order, day 00 in a leap February.
        (
            "(10)AB1234(21)SN-0042(01)09501101530003(17)240200".to_owned(),
            data(Some("AB1234"), Some(date(2024, 2, 29)), Some("SN-0042")),
        ),
        // The raw form: fixed-length fields need no separator.
        (
            "010950110153000317220331".to_owned() + "10AB1234",
            data(Some("AB1234"), Some(date(2022, 3, 31)), None),
        ),
        // The raw form with a separator after each variable-length field but the last.
        (
            format!("010950110153000310AB1234{GS}21XYZ{GS}17251200"),
            data(Some("AB1234"), Some(date(2025, 12, 31)), Some("XYZ")),
        ),
        // A scanner's symbology identifier, FNC1 in first position, a redundant separator.
        (
            format!("]d2{GS}0109501101530003{GS}17220331{GS}10AB1234"),
            data(Some("AB1234"), Some(date(2022, 3, 31)), None),
        ),
        (
            "]C1010950110153000310AB1234".to_owned(),
            data(Some("AB1234"), None, None),
        ),
        // As printed under a barcode, with spaces, and pasted with a line break.
        (
            "(01) 09501101530003 (17) 220331 (10) AB1234\n".to_owned(),
            data(Some("AB1234"), Some(date(2022, 3, 31)), None),
        ),
        ("(01)09501101530003".to_owned(), data(None, None, None)),
        ("0109501101530003".to_owned(), data(None, None, None)),
        // Parentheses that do not read as an AI belong to the value.
        (
            "(01)09501101530003(10)A(B)1(2)(21)(123".to_owned(),
            data(Some("A(B)1(2)"), None, Some("(123")),
        ),
        // Every special character of set 82, and the longest values.
        (
            "(01)09501101530003(10)!\"%&'()*+,-./:;<=>?_(21)ABCDEFGHIJabcdefghij".to_owned(),
            data(
                Some("!\"%&'()*+,-./:;<=>?_"),
                None,
                Some("ABCDEFGHIJabcdefghij"),
            ),
        ),
        // A GTIN-13 carried as GTIN-14 with a leading zero.
        (
            "(01)04006381333931(17)991231".to_owned(),
            Gs1Data {
                gtin: gtin("4006381333931"),
                lot_number: None,
                expiry: Some(date(2099, 12, 31)),
                serial: None,
            },
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(parse_element_string(&input), Ok(expected), "{input:?}");
    }
}

#[test]
fn day_00_is_the_last_day_of_the_month() {
    let last_days_2023 = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    for (month, last_day) in (1..=12).zip(last_days_2023) {
        let input = format!("(01)09501101530003(17)23{month:02}00");
        let parsed = parse_element_string(&input).unwrap();
        assert_eq!(parsed.expiry, Some(date(2023, month, last_day)), "{input}");
    }
    for (yymm00, last) in [
        ("240200", date(2024, 2, 29)),
        ("000200", date(2000, 2, 29)),
        ("990200", date(2099, 2, 28)),
        ("241100", date(2024, 11, 30)),
        ("991200", date(2099, 12, 31)),
    ] {
        let parsed = parse_element_string(&format!("010950110153000317{yymm00}"));
        assert_eq!(parsed.unwrap().expiry, Some(last), "{yymm00}");
    }
}

#[test]
fn two_digit_years_are_2000_plus_yy_or_follow_the_gs1_sliding_window() {
    let expiry = |input: &str, year: Option<i32>| {
        let input = format!("(01)09501101530003(17){input}");
        match year {
            None => parse_element_string(&input),
            Some(year) => parse_element_string_in_year(&input, year),
        }
        .unwrap()
        .expiry
        .unwrap()
    };
    assert_eq!(expiry("770101", None), date(2077, 1, 1));
    assert_eq!(expiry("000101", None), date(2000, 1, 1));
    // GS1 General Specifications 7.12: 51 to 99 years ahead is the previous century,
    // 50 to 99 years behind the next one.
    assert_eq!(expiry("760101", Some(2026)), date(2076, 1, 1));
    assert_eq!(expiry("770101", Some(2026)), date(1977, 1, 1));
    assert_eq!(expiry("000101", Some(2026)), date(2000, 1, 1));
    assert_eq!(expiry("400101", Some(2090)), date(2140, 1, 1));
    assert_eq!(expiry("410101", Some(2090)), date(2041, 1, 1));
    assert_eq!(expiry("990101", Some(2000)), date(1999, 1, 1));
    assert_eq!(expiry("500101", Some(2000)), date(2050, 1, 1));
    assert_eq!(expiry("000200", Some(1999)), date(2000, 2, 29));
    // A century chrono cannot represent is refused, not a panic.
    assert!(matches!(
        parse_element_string_in_year("(01)09501101530003(17)000101", i32::MAX),
        Err(Gs1Error::ExpiryNotADate { .. })
    ));
    assert!(parse_element_string_in_year("(01)09501101530003(17)000101", i32::MIN).is_err());
}

#[test]
fn gtins_of_every_length_are_normalised_to_14_digits() {
    for (input, normalised) in [
        ("96385074", "00000096385074"),
        ("036000291452", "00036000291452"),
        ("4006381333931", "04006381333931"),
        ("09501101530003", "09501101530003"),
        ("00000000000000", "00000000000000"),
    ] {
        let gtin: Gtin = input.parse().unwrap();
        assert_eq!(gtin.as_str(), normalised);
        assert_eq!(gtin.to_string(), normalised);
        assert_eq!(
            serde_json::to_string(&gtin).unwrap(),
            format!("\"{normalised}\"")
        );
    }
    assert!(serde_json::from_str::<Gtin>("\"09501101530004\"").is_err());
}

#[test]
fn a_wrong_check_digit_is_refused_with_the_expected_digit() {
    let error = parse_element_string("(01)09501101530004(17)220331").unwrap_err();
    assert_eq!(
        error,
        Gs1Error::GtinCheckDigitMismatch {
            gtin: "09501101530004".to_owned(),
            expected: '3',
            found: '4'
        }
    );
    assert_eq!(
        error.to_string(),
        "GTIN 09501101530004 ends in check digit 4, but its other digits give 3; check the number for a typing error"
    );
}

#[test]
fn formatting_writes_both_forms() {
    let full = data(Some("AB1234"), Some(date(2022, 3, 31)), Some("S1"));
    assert_eq!(
        full.to_element_string().unwrap(),
        "(01)09501101530003(17)220331(10)AB1234(21)S1"
    );
    assert_eq!(
        full.to_raw_element_string().unwrap(),
        format!("01095011015300031722033110AB1234{GS}21S1")
    );
    let bare = data(None, None, None);
    assert_eq!(bare.to_element_string().unwrap(), "(01)09501101530003");
    assert_eq!(bare.to_raw_element_string().unwrap(), "0109501101530003");
}

/// Every error variant, with the input that causes it; the messages are snapshot-tested.
fn one_input_per_error() -> Vec<(String, Result<Gs1Data, Gs1Error>)> {
    let parse = |input: &str| (format!("{input:?}"), parse_element_string(input));
    let gtin_error = |input: &str| {
        (
            format!("Gtin {input:?}"),
            Gtin::parse(input).map(|_| unreachable!()),
        )
    };
    vec![
        parse(""),
        parse(" \n"),
        parse(&format!("(10){}", "A".repeat(300))),
        parse("(01"),
        parse("(1)09501101530003"),
        parse("AB1234"),
        parse("(01)09501101530003 x(10)AB"),
        parse("0109501101530003 17220331"),
        parse("(01)09501101530003(99)ABC"),
        parse("(01)09501101530003(7003)2203311200"),
        parse("010950110153000399ABC"),
        parse("(01)09501101530003(10)A(10)B"),
        parse("(17)220331(01)09501101530003(17)220331"),
        parse("(10)AB1234(17)220331"),
        parse("17220331"),
        parse("(01)09501101530003(10)"),
        parse(&format!("010950110153000310{GS}21X")),
        parse("(01)"),
        parse("(01)0950110153000X"),
        parse("(01)09501101530003(17)22O331"),
        parse("(01)9501101530003"),
        parse("(01)009501101530003"),
        parse("(01)09501101530003(17)2203"),
        parse("0109501101530003172203"),
        parse("0109501"),
        parse("(01)09501101530003(10)ABCDEFGHIJKLMNOPQRSTU"),
        parse("(01)09501101530003(21)ABCDEFGHIJKLMNOPQRSTU"),
        parse("(01)09501101530003(10)AB 12"),
        parse("(01)09501101530003(21)ÄB"),
        parse("(01)09501101530003(10)AB#1"),
        parse("010950110153000310AB\t1"),
        parse("(01)09501101530003(17)221301"),
        parse("(01)09501101530003(17)230229"),
        parse("(01)09501101530003(17)220000"),
        parse("(01)09501101530003(17)220431"),
        parse("(01)09501101530004"),
        gtin_error("0950110153000X"),
        gtin_error("９５０１１０１５３０００３"),
        gtin_error(""),
        gtin_error("123"),
        gtin_error("0123456789012345"),
        gtin_error("96385075"),
        (
            "format expiry 2100-01-01".to_owned(),
            data(None, Some(date(2100, 1, 1)), None)
                .to_element_string()
                .map(|_| unreachable!()),
        ),
        (
            "format raw expiry 1999-12-31".to_owned(),
            data(None, Some(date(1999, 12, 31)), None)
                .to_raw_element_string()
                .map(|_| unreachable!()),
        ),
        (
            "format lot AB(10)C".to_owned(),
            data(Some("AB(10)C"), None, None)
                .to_element_string()
                .map(|_| unreachable!()),
        ),
        (
            "format raw lot with GS".to_owned(),
            data(Some(&format!("AB{GS}C")), None, None)
                .to_raw_element_string()
                .map(|_| unreachable!()),
        ),
        (
            "format empty serial".to_owned(),
            data(None, None, Some(""))
                .to_raw_element_string()
                .map(|_| unreachable!()),
        ),
    ]
}

#[test]
fn every_error_has_a_clear_message() {
    let mut lines = Vec::new();
    let mut variants = std::collections::BTreeSet::new();
    for (input, result) in one_input_per_error() {
        let error = result.expect_err(&input);
        let variant = format!("{error:?}");
        variants.insert(variant.split([' ', '{']).next().unwrap().to_owned());
        lines.push(format!("{input}\n    {error}"));
    }
    insta::assert_snapshot!(lines.join("\n"));
    assert_eq!(
        variants.into_iter().collect::<Vec<_>>(),
        [
            "DuplicateApplicationIdentifier",
            "ElementStringEmpty",
            "ElementStringTooLong",
            "ExpectedApplicationIdentifier",
            "ExpiryNotADate",
            "ExpiryNotEncodable",
            "FieldEmpty",
            "FieldInvalidCharacter",
            "FieldNotDigits",
            "FieldTooLong",
            "FieldWrongLength",
            "GtinCheckDigitMismatch",
            "GtinMissing",
            "GtinNotDigits",
            "GtinWrongLength",
            "UnknownApplicationIdentifier",
            "ValueAmbiguousInHumanReadableForm",
        ],
        "every Gs1Error variant must be reached"
    );
}

#[test]
fn specific_errors_name_the_ai_and_the_text() {
    assert_eq!(
        parse_element_string("(01)09501101530003(99)ABC"),
        Err(Gs1Error::UnknownApplicationIdentifier {
            ai: "99".to_owned()
        })
    );
    assert_eq!(
        parse_element_string("(01)09501101530003(10)A(10)B"),
        Err(Gs1Error::DuplicateApplicationIdentifier {
            ai: "10".to_owned()
        })
    );
    assert_eq!(
        parse_element_string("(01)09501101530003(10)AB#1"),
        Err(Gs1Error::FieldInvalidCharacter {
            ai: "10".to_owned(),
            value: "AB#1".to_owned(),
            character: '#'
        })
    );
    assert_eq!(
        parse_element_string("(01)09501101530003(17)230229"),
        Err(Gs1Error::ExpiryNotADate {
            value: "230229".to_owned()
        })
    );
    assert_eq!(
        parse_element_string("(10)AB1234"),
        Err(Gs1Error::GtinMissing)
    );
    // A separator cut into a fixed-length field leaves it short.
    assert_eq!(
        parse_element_string(&format!("01095011015{GS}30003")),
        Err(Gs1Error::FieldWrongLength {
            ai: "01".to_owned(),
            value: "095011015".to_owned(),
            expected_chars: 14,
            length_chars: 9
        })
    );
}
