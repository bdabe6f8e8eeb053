//! Countries, their codes and the World Bank income groups they belong to.

use std::fmt;
use std::str::FromStr;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A country's code: ISO 3166-1 alpha-3 (`ETH`), or for the two places without one that the
/// vaccination data reports on their own, the data's `OWID_KOS` (Kosovo) and `OWID_CYN`
/// (Northern Cyprus).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode(String);

/// Why a text is not a country code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a country code: expected three capital letters (ISO 3166-1 alpha-3, like ETH) or OWID_ followed by three capital letters"
)]
pub struct CountryCodeError(pub String);

impl CountryCode {
    /// Parses a code; the only constructor, so every `CountryCode` is well formed.
    pub fn parse(text: &str) -> Result<Self, CountryCodeError> {
        let letters = text.strip_prefix("OWID_").unwrap_or(text);
        if letters.len() == 3 && letters.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self(text.to_owned()))
        } else {
            Err(CountryCodeError(text.to_owned()))
        }
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CountryCode {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl FromStr for CountryCode {
    type Err = CountryCodeError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl TryFrom<String> for CountryCode {
    type Error = CountryCodeError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text)
    }
}

impl From<CountryCode> for String {
    fn from(code: CountryCode) -> String {
        code.0
    }
}

/// The World Bank income classification (fiscal year 2022, in force in mid-2021).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IncomeGroup {
    /// `Low income`: a gross national income per person of at most 1,045 US dollars in 2020.
    #[serde(rename = "Low income")]
    Low,
    /// `Lower middle income`: 1,046 to 4,095 US dollars per person in 2020.
    #[serde(rename = "Lower middle income")]
    LowerMiddle,
    /// `Upper middle income`: 4,096 to 12,695 US dollars per person in 2020.
    #[serde(rename = "Upper middle income")]
    UpperMiddle,
    /// `High income`: more than 12,695 US dollars per person in 2020.
    #[serde(rename = "High income")]
    High,
}

/// Why a text is not an income group.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not an income group: expected one of \"Low income\", \"Lower middle income\", \"Upper middle income\", \"High income\""
)]
pub struct IncomeGroupError(pub String);

impl IncomeGroup {
    /// All groups, poorest first: the order of every report.
    pub const ALL: [IncomeGroup; 4] = [Self::Low, Self::LowerMiddle, Self::UpperMiddle, Self::High];

    /// The name exactly as in the World Bank classification file.
    pub fn name(self) -> &'static str {
        match self {
            Self::Low => "Low income",
            Self::LowerMiddle => "Lower middle income",
            Self::UpperMiddle => "Upper middle income",
            Self::High => "High income",
        }
    }

    /// The name of the group's own row in the population table, whose population is the
    /// denominator of the group's published per-100 figure.
    pub fn population_entity(self) -> &'static str {
        match self {
            Self::Low => "Low-income countries",
            Self::LowerMiddle => "Lower-middle-income countries",
            Self::UpperMiddle => "Upper-middle-income countries",
            Self::High => "High-income countries",
        }
    }

    /// Parses the classification file's name (`Low income`); surrounding blanks are ignored.
    pub fn parse(text: &str) -> Result<Self, IncomeGroupError> {
        let trimmed = text.trim();
        Self::ALL
            .into_iter()
            .find(|group| group.name() == trimmed)
            .ok_or_else(|| IncomeGroupError(text.to_owned()))
    }
}

impl fmt::Display for IncomeGroup {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

/// The population row that the world's per-100 figure divides by.
pub const WORLD: &str = "World";

/// A country as the platform knows it. Population and income group are optional because the
/// sources do not cover every place that reports vaccinations (Pitcairn has no population row,
/// Niue no income group); such places still count toward the world's doses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Country {
    /// The country's code.
    pub code: CountryCode,
    /// The country's name, as the vaccination data writes it.
    pub name: String,
    /// The people living there; absent where the population file has no row for it.
    pub population: Option<i64>,
    /// Its World Bank income group; absent where the classification does not cover it.
    pub income_group: Option<IncomeGroup>,
}

/// A cumulative total of doses administered, as one country reported it on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DoseReport {
    /// The reporting country.
    pub country: CountryCode,
    /// The day the total is for.
    pub date: NaiveDate,
    /// The doses administered in the country up to and including that day.
    pub total_doses: i64,
}

/// Reference data about countries: who they are and the doses they reported, as imported.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReferenceData {
    /// Countries, by code.
    pub countries: Vec<Country>,
    /// Populations of the rows that are groups, not countries (`World`, `Low-income countries`, …).
    pub group_populations: BTreeMap<String, i64>,
    /// Reports sorted by country, then day; at most one per country and day.
    pub reports: Vec<DoseReport>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_accept_iso_and_owid_forms_only() {
        assert!(CountryCode::parse("ETH").is_ok());
        assert!(CountryCode::parse("OWID_KOS").is_ok());
        for bad in ["", "eth", "ET", "ETHI", "OWID_", "OWID_ko", "E1H"] {
            assert!(CountryCode::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn income_groups_round_trip_through_their_names() {
        for group in IncomeGroup::ALL {
            assert_eq!(IncomeGroup::parse(group.name()), Ok(group));
        }
        assert_eq!(
            IncomeGroup::parse("Middle income").unwrap_err().to_string(),
            "\"Middle income\" is not an income group: expected one of \"Low income\", \"Lower middle income\", \"Upper middle income\", \"High income\""
        );
    }
}
