//! Days given on the command line (YYYY-MM-DD), refused with the reason a person can act on.

use chrono::{Datelike, NaiveDate};

/// Parses `YYYY-MM-DD`; a day that does not exist is named with its month's length
/// (`2021-02-30: February 2021 has 28 days`).
pub fn parse_day(text: &str) -> Result<NaiveDate, String> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(day);
    }
    let parts: Vec<&str> = text.split('-').collect();
    let numbers: Option<Vec<u32>> = match parts.as_slice() {
        [year, month, day]
            if year.len() == 4
                && month.len() == 2
                && day.len() == 2
                && parts
                    .iter()
                    .all(|part| part.bytes().all(|byte| byte.is_ascii_digit())) =>
        {
            parts.iter().map(|part| part.parse().ok()).collect()
        }
        _ => None,
    };
    let Some([year, month, day]) = numbers
        .as_deref()
        .map(|numbers| [numbers[0], numbers[1], numbers[2]])
    else {
        return Err(format!(
            "{text}: not a day; write YYYY-MM-DD, like 2021-08-04"
        ));
    };
    let Some(first) = i32::try_from(year)
        .ok()
        .and_then(|year| NaiveDate::from_ymd_opt(year, month, 1))
    else {
        return Err(format!(
            "{text}: there is no month {month}; months run from 01 to 12"
        ));
    };
    let next = first
        .checked_add_months(chrono::Months::new(1))
        .unwrap_or(first);
    let length = next.signed_duration_since(first).num_days();
    if day == 0 || i64::from(day) > length {
        return Err(format!(
            "{text}: {} {} has {length} days",
            first.format("%B"),
            first.year(),
        ));
    }
    Err(format!(
        "{text}: not a day; write YYYY-MM-DD, like 2021-08-04"
    ))
}

#[cfg(test)]
mod tests {
    use super::parse_day;

    #[test]
    fn impossible_days_are_named_with_their_month() {
        assert_eq!(
            parse_day("2021-02-30").unwrap_err(),
            "2021-02-30: February 2021 has 28 days"
        );
        assert_eq!(
            parse_day("2020-02-30").unwrap_err(),
            "2020-02-30: February 2020 has 29 days"
        );
        assert_eq!(
            parse_day("2021-04-31").unwrap_err(),
            "2021-04-31: April 2021 has 30 days"
        );
        assert_eq!(
            parse_day("2021-13-01").unwrap_err(),
            "2021-13-01: there is no month 13; months run from 01 to 12"
        );
        assert_eq!(
            parse_day("4 August").unwrap_err(),
            "4 August: not a day; write YYYY-MM-DD, like 2021-08-04"
        );
        assert_eq!(parse_day("2021-08-04").unwrap().to_string(), "2021-08-04");
    }
}
