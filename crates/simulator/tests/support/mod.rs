//! Shared by the simulator's tests: a small synthetic world and scenario texts.

#![allow(dead_code, reason = "each test file uses a part")]

use chrono::{Duration, NaiveDate};
use domain::country::{Country, CountryCode, DoseReport, IncomeGroup, ReferenceData};

/// A day of the synthetic data.
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a valid date")
}

/// Eight countries, two per income group, with daily reports from 2021-06-01 to 2021-08-06
/// (the last one, `NOR`, reports nothing: its rate is the floor).
pub fn small_world() -> ReferenceData {
    // code, population, group, doses on 2021-06-01, doses a day
    let countries: [(&str, i64, IncomeGroup, i64, i64); 8] = [
        ("TCD", 16_425_859, IncomeGroup::Low, 0, 1_000),
        ("ETH", 114_963_583, IncomeGroup::Low, 1_500_000, 20_000),
        (
            "IND",
            1_380_004_385,
            IncomeGroup::LowerMiddle,
            210_000_000,
            4_000_000,
        ),
        (
            "NGA",
            206_139_587,
            IncomeGroup::LowerMiddle,
            1_900_000,
            15_000,
        ),
        (
            "BRA",
            212_559_409,
            IncomeGroup::UpperMiddle,
            70_000_000,
            1_200_000,
        ),
        (
            "ZAF",
            59_308_690,
            IncomeGroup::UpperMiddle,
            1_000_000,
            150_000,
        ),
        ("GBR", 67_886_004, IncomeGroup::High, 65_000_000, 250_000),
        ("NOR", 5_421_242, IncomeGroup::High, 0, 0),
    ];
    let mut data = ReferenceData::default();
    let first = day("2021-06-01");
    for (code, population, group, start, per_day) in countries {
        let code = CountryCode::parse(code).expect("a valid code");
        data.countries.push(Country {
            code: code.clone(),
            name: code.as_str().to_owned(),
            population: Some(population),
            income_group: Some(group),
        });
        if per_day == 0 && start == 0 {
            continue;
        }
        for offset in 0..=66 {
            data.reports.push(DoseReport {
                country: code.clone(),
                date: first + Duration::days(offset),
                total_doses: start + per_day * offset,
            });
        }
    }
    data.countries
        .sort_by(|a, b| a.code.as_str().cmp(b.code.as_str()));
    data.reports
        .sort_by(|a, b| (a.country.as_str(), a.date).cmp(&(b.country.as_str(), b.date)));
    data
}

/// A scenario for the small world with the given policies (TOML tables).
pub fn scenario_text(days: u32, head: &str, policies: &str) -> String {
    format!(
        r#"start = "2021-08-04"
days = {days}
lead_time_days = 14
min_shelf_life_days = 30
absorption_window_days = 28
absorption_min_per_100_day = 0.05
{head}

[[supply]]
manufacturer = "a"
product = "A"
doses_per_month = 150_000_000
shelf_life_days = 120

[[supply]]
manufacturer = "b"
product = "B"
doses_per_month = 60_000_000
shelf_life_days = 365

[[holdings]]
group = "High income"
share = 0.5
[[holdings]]
group = "Upper middle income"
share = 0.3

{policies}
"#
    )
}
