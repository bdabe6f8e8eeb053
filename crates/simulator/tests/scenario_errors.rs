//! Bad scenarios are refused before anything runs, with the file, the line, the key path and
//! the reason; the messages are snapshot-tested as people read them.

mod support;

use simulator::{DataExtent, parse};
use support::small_world;

const GOOD: &str = r#"start = "2021-08-04"
days = 365

[[supply]]
manufacturer = "sinopharm"
product = "BBIBP-CorV"
doses_per_month = 200_000_000
shelf_life_days = 730

[[holdings]]
group = "High income"
share = 0.45

[[policies]]
name = "boosters first"
kind = "boosters_first"

[[policies]]
name = "moratorium and sharing"
kind = "sharing"
keep_per_100 = 200
"#;

/// Each case: a name and the good file with one change.
fn cases() -> Vec<(&'static str, String)> {
    let replace = |from: &str, to: &str| {
        assert!(GOOD.contains(from), "{from:?} is not in the good file");
        GOOD.replacen(from, to, 1)
    };
    vec![
        ("not TOML", replace("days = 365", "days = ")),
        (
            "unknown top-level key",
            replace("days = 365", "days = 365\nhorizon = 10"),
        ),
        (
            "unknown key in a table",
            replace("keep_per_100 = 200", "keep_per_100 = 200\nkeep = 1"),
        ),
        (
            "unknown policy kind",
            replace("kind = \"sharing\"", "kind = \"boost\""),
        ),
        (
            "missing policy kind",
            replace("kind = \"boosters_first\"\n", ""),
        ),
        (
            "key of another kind",
            replace(
                "kind = \"boosters_first\"",
                "kind = \"boosters_first\"\nkeep_per_100 = 100",
            ),
        ),
        (
            "duplicate policy name",
            replace(
                "name = \"moratorium and sharing\"",
                "name = \"boosters first\"",
            ),
        ),
        (
            "unknown income group",
            replace("group = \"High income\"", "group = \"Rich\""),
        ),
        (
            "unknown country",
            replace("group = \"High income\"", "country = \"XYZ\""),
        ),
        (
            "group and country",
            replace(
                "group = \"High income\"",
                "group = \"High income\"\ncountry = \"GBR\"",
            ),
        ),
        (
            "shares above 1",
            replace(
                "share = 0.45",
                "share = 0.45\n[[holdings]]\ncountry = \"GBR\"\nshare = 0.6",
            ),
        ),
        ("negative days", replace("days = 365", "days = -5")),
        (
            "negative production",
            replace("doses_per_month = 200_000_000", "doses_per_month = -1"),
        ),
        ("negative share", replace("share = 0.45", "share = -0.1")),
        ("wrong type", replace("days = 365", "days = \"a year\"")),
        (
            "fractional days",
            replace("shelf_life_days = 730", "shelf_life_days = 730.5"),
        ),
        (
            "not a date",
            replace("start = \"2021-08-04\"", "start = \"2021-13-01\""),
        ),
        (
            "bare TOML date",
            replace("start = \"2021-08-04\"", "start = 2021-08-04"),
        ),
        (
            "start before the data",
            replace("start = \"2021-08-04\"", "start = \"2020-01-01\""),
        ),
        (
            "start after the data",
            replace("start = \"2021-08-04\"", "start = \"2022-01-01\""),
        ),
        (
            "production window backwards",
            replace(
                "shelf_life_days = 730",
                "shelf_life_days = 730\nfrom = \"2022-01-01\"\nto = \"2021-12-31\"",
            ),
        ),
        (
            "stock at start unreadable",
            replace("days = 365", "days = 365\nstock_at_start = \"lots\""),
        ),
        (
            "no policies",
            GOOD[..GOOD.find("[[policies]]").expect("policies")].replacen(
                "days = 365",
                "days = 365\npolicies = []",
                1,
            ),
        ),
        (
            "round every 0 days",
            replace(
                "keep_per_100 = 200",
                "keep_per_100 = 200\nround_every_days = 0",
            ),
        ),
    ]
}

#[test]
fn the_good_file_is_accepted() {
    let data = small_world();
    let scenario = parse("scenario.toml", GOOD, &DataExtent::of(&data)).expect("valid");
    assert_eq!(scenario.policies.len(), 2);
    assert_eq!(scenario.days, 365);
}

#[test]
fn bad_scenarios_are_refused_naming_the_file_line_key_and_reason() {
    let data = small_world();
    let extent = DataExtent::of(&data);
    let mut report = String::new();
    for (name, text) in cases() {
        let error = parse("scenario.toml", &text, &extent).expect_err(&format!("{name}: accepted"));
        assert_ne!(error.path, "", "{name}: no key path");
        report.push_str(&format!("{name}:\n  {error}\n"));
    }
    insta::assert_snapshot!(report);
}
