//! The scenario file (TOML, `spec/simulator.md`): parsing and validation into a [`Scenario`].
//!
//! Every refusal names the file, the line, the key path and the reason, as
//! `scenario.toml:12: policies[1].kind: unknown policy "boost"; expected …`. The file is read
//! into a raw form whose values keep their place in the text (`Spanned`), then checked field
//! by field in a fixed order against the reference data (countries, the days of the data),
//! so that nothing runs on a scenario that is wrong anywhere.

use std::collections::BTreeSet;
use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;
use domain::country::{IncomeGroup, ReferenceData};
use serde::Deserialize;
use toml::Spanned;

/// Longest horizon accepted: ten years of days.
pub const DAYS_MAX: i64 = 3_650;
/// Largest number of days accepted for a lead time, a shelf life, a window or a period.
pub const DURATION_DAYS_MAX: i64 = 3_650;
/// Largest production accepted for one line of supply: far above the world's.
pub const DOSES_PER_MONTH_MAX: i64 = 100_000_000_000;
/// Most supply lines, holdings or policies in one file.
pub const ENTRIES_MAX: usize = 64;

/// A checked scenario: every quantity in range, every name known.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// The real state on this day is the state at the start.
    pub start: NaiveDate,
    /// Days simulated after `start`.
    pub days: u32,
    /// Seed of every random choice (the model makes none today; it is kept for those that will).
    pub seed: u64,
    /// Days from allocation to arrival.
    pub lead_time_days: u32,
    /// Recipients refuse doses with fewer days of shelf life left on arrival.
    pub min_shelf_life_days: u32,
    /// Doses per 100 people of a full primary course.
    pub primary_per_100: f64,
    /// Doses per 100 people a booster campaign adds.
    pub booster_per_100: f64,
    /// Days before `start` over which each country's rate is measured.
    pub absorption_window_days: u32,
    /// The least rate of any country, doses per 100 people per day.
    pub absorption_min_per_100_day: f64,
    /// Relative growth of every rate per 30 days.
    pub absorption_growth_per_month: f64,
    /// Production lines.
    pub supply: Vec<Supply>,
    /// Who owns new production; the rest goes to the pool.
    pub holdings: Vec<Holding>,
    /// Doses each country holds at the start.
    pub stock_at_start: StockAtStart,
    /// The policies compared.
    pub policies: Vec<Policy>,
}

/// One line of production.
#[derive(Debug, Clone, PartialEq)]
pub struct Supply {
    /// Who makes it.
    pub manufacturer: String,
    /// The product's name.
    pub product: String,
    /// Doses released per month (a month being 365/12 days), evenly day by day.
    pub doses_per_month: u64,
    /// Days from release to expiry.
    pub shelf_life_days: u32,
    /// First day of production (none: from the start).
    pub from: Option<NaiveDate>,
    /// Last day of production (none: to the end).
    pub to: Option<NaiveDate>,
}

/// Who owns a share of new production.
#[derive(Debug, Clone, PartialEq)]
pub enum Owner {
    /// The countries of an income group, split by population.
    Group(IncomeGroup),
    /// One country, by code.
    Country(String),
}

/// A share of new production.
#[derive(Debug, Clone, PartialEq)]
pub struct Holding {
    /// Who owns it.
    pub owner: Owner,
    /// Its share of every day's production, from 0 to 1.
    pub share: f64,
}

/// Doses in stock at the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockAtStart {
    /// None.
    None,
    /// Each country holds this many days of its rate, expiring evenly over the first
    /// supply's shelf life.
    AbsorptionDays(u32),
}

/// One policy of the comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// Its name in every output.
    pub name: String,
    /// What it does.
    pub kind: PolicyKind,
}

/// The three kinds of policy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PolicyKind {
    /// Holders vaccinate up to primary and booster and share only doses this close to expiry.
    BoostersFirst {
        /// Doses with at most this many days to expiry are given away; 0: none.
        donate_when_days_to_expiry: u32,
        /// Days between sharing rounds.
        round_every_days: u32,
    },
    /// Holders keep doses up to `keep_per_100` and pool the rest.
    Sharing {
        /// Doses per 100 people a holder keeps.
        keep_per_100: f64,
        /// Days between sharing rounds.
        round_every_days: u32,
    },
    /// All production split by population from the first day.
    Proportional,
}

/// Why a scenario was refused: where, which key and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ScenarioError {
    /// The file's name as given.
    pub file: String,
    /// Line of the offending value (1-based), when known.
    pub line: Option<usize>,
    /// Key path, like `policies[1].kind`; `.` for the file as a whole.
    pub path: String,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(formatter, "{}:{line}: ", self.file)?,
            None => write!(formatter, "{}: ", self.file)?,
        }
        write!(formatter, "{}: {}", self.path, self.reason)
    }
}

// The raw file: every value with its place in the text. Numbers are read wide (i64, f64)
// so that a negative or too large value is refused by the checks below, by name, rather
// than by the deserializer's type error.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    start: Option<Spanned<String>>,
    days: Option<Spanned<i64>>,
    seed: Option<Spanned<i64>>,
    lead_time_days: Option<Spanned<i64>>,
    min_shelf_life_days: Option<Spanned<i64>>,
    primary_per_100: Option<Spanned<f64>>,
    booster_per_100: Option<Spanned<f64>>,
    absorption_window_days: Option<Spanned<i64>>,
    absorption_min_per_100_day: Option<Spanned<f64>>,
    absorption_growth_per_month: Option<Spanned<f64>>,
    supply: Option<Vec<Spanned<RawSupply>>>,
    holdings: Option<Vec<Spanned<RawHolding>>>,
    stock_at_start: Option<Spanned<String>>,
    policies: Option<Vec<Spanned<RawPolicy>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSupply {
    manufacturer: Spanned<String>,
    product: Spanned<String>,
    doses_per_month: Spanned<i64>,
    shelf_life_days: Spanned<i64>,
    from: Option<Spanned<String>>,
    to: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolding {
    group: Option<Spanned<String>>,
    country: Option<Spanned<String>>,
    share: Spanned<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPolicy {
    name: Spanned<String>,
    kind: Spanned<String>,
    donate_when_days_to_expiry: Option<Spanned<i64>>,
    keep_per_100: Option<Spanned<f64>>,
    round_every_days: Option<Spanned<i64>>,
}

/// What the checks need to know of the data: the days it covers and the countries the
/// simulation can hold (with a population and an income group).
#[derive(Debug, Clone)]
pub struct DataExtent {
    /// First and last day with a report, if any.
    pub days: Option<(NaiveDate, NaiveDate)>,
    /// Codes of the countries with a population and an income group.
    pub countries: BTreeSet<String>,
}

impl DataExtent {
    /// The extent of reference data.
    pub fn of(data: &ReferenceData) -> Self {
        let first = data.reports.iter().map(|report| report.date).min();
        let last = data.reports.iter().map(|report| report.date).max();
        DataExtent {
            days: first.zip(last),
            countries: data
                .countries
                .iter()
                .filter(|country| {
                    country.population.is_some_and(|people| people > 0)
                        && country.income_group.is_some()
                })
                .map(|country| country.code.as_str().to_owned())
                .collect(),
        }
    }
}

/// The defaults of `spec/simulator.md` for a file that leaves a table out.
pub const DEFAULT_SCENARIO: &str = r#"
[[supply]]
manufacturer = "sinopharm"
product = "BBIBP-CorV"
doses_per_month = 200_000_000
shelf_life_days = 730
from = "2021-08-04"
to = "2022-12-31"

[[holdings]]
group = "High income"
share = 0.45
[[holdings]]
group = "Upper middle income"
share = 0.35

[[policies]]
name = "boosters first"
kind = "boosters_first"
donate_when_days_to_expiry = 60

[[policies]]
name = "moratorium and sharing"
kind = "sharing"
keep_per_100 = 200
round_every_days = 7

[[policies]]
name = "by population"
kind = "proportional"
"#;

/// Reads and checks a scenario file; `file` names it in errors.
pub fn parse(file: &str, text: &str, data: &DataExtent) -> Result<Scenario, ScenarioError> {
    let checker = Checker { file, text };
    let raw: RawScenario = checker.deserialize(text)?;
    // The tables a file leaves out come from the spec's example, read the same way.
    let defaults: RawScenario = Checker {
        file: "(defaults)",
        text: DEFAULT_SCENARIO,
    }
    .deserialize(DEFAULT_SCENARIO)?;
    checker.check(raw, defaults, data)
}

struct Checker<'a> {
    file: &'a str,
    text: &'a str,
}

impl Checker<'_> {
    fn line(&self, span: Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&byte| byte == b'\n')
            .count()
            + 1
    }

    fn error(
        &self,
        span: Option<Range<usize>>,
        path: impl Into<String>,
        reason: impl Into<String>,
    ) -> ScenarioError {
        ScenarioError {
            file: self.file.to_owned(),
            line: span.map(|span| self.line(span)),
            path: path.into(),
            reason: reason.into(),
        }
    }

    fn deserialize(&self, text: &str) -> Result<RawScenario, ScenarioError> {
        let deserializer = toml::Deserializer::parse(text)
            .map_err(|error| self.error(error.span(), ".", first_line(error.message())))?;
        serde_path_to_error::deserialize(deserializer).map_err(|error| {
            // `Spanned` values show up in the path as a private field of their own.
            let path = error
                .path()
                .to_string()
                .replace(".$__serde_spanned_private_value", "")
                .replace("$__serde_spanned_private_value", "");
            let inner = error.into_inner();
            let mut reason = first_line(inner.message())
                .replace("expected i64", "expected a whole number")
                .replace("expected f64", "expected a number");
            let key = path.rsplit('.').next().unwrap_or_default();
            if matches!(key, "start" | "from" | "to") && reason.starts_with("invalid type: map") {
                // A bare TOML date is read as a table of its parts.
                reason = "write the date as a quoted string, like \"2021-08-04\"".into();
            }
            self.error(
                inner.span(),
                if path.is_empty() { ".".into() } else { path },
                reason,
            )
        })
    }

    fn check(
        &self,
        raw: RawScenario,
        defaults: RawScenario,
        data: &DataExtent,
    ) -> Result<Scenario, ScenarioError> {
        let start = match &raw.start {
            Some(value) => self.date(value, "start")?,
            None => NaiveDate::from_ymd_opt(2021, 8, 4).expect("a valid date"),
        };
        match data.days {
            Some((first, last)) if start < first || start > last => {
                return Err(self.error(
                    raw.start.as_ref().map(Spanned::span),
                    "start",
                    format!("{start} is outside the data, which runs from {first} to {last}"),
                ));
            }
            None => {
                return Err(self.error(
                    raw.start.as_ref().map(Spanned::span),
                    "start",
                    "the reference data has no vaccination reports",
                ));
            }
            Some(_) => {}
        }
        let days = self.whole(&raw.days, "days", 730, 1, DAYS_MAX)?;
        let seed = self.whole(&raw.seed, "seed", 1, 0, i64::MAX)?;
        let lead_time_days = self.whole(
            &raw.lead_time_days,
            "lead_time_days",
            21,
            0,
            DURATION_DAYS_MAX,
        )?;
        let min_shelf_life_days = self.whole(
            &raw.min_shelf_life_days,
            "min_shelf_life_days",
            70,
            0,
            DURATION_DAYS_MAX,
        )?;
        let primary_per_100 = self.number(&raw.primary_per_100, "primary_per_100", 200.0, 1e6)?;
        let booster_per_100 = self.number(&raw.booster_per_100, "booster_per_100", 100.0, 1e6)?;
        let absorption_window_days = self.whole(
            &raw.absorption_window_days,
            "absorption_window_days",
            28,
            1,
            DURATION_DAYS_MAX,
        )?;
        let absorption_min_per_100_day = self.number(
            &raw.absorption_min_per_100_day,
            "absorption_min_per_100_day",
            0.05,
            100.0,
        )?;
        let absorption_growth_per_month = self.number(
            &raw.absorption_growth_per_month,
            "absorption_growth_per_month",
            0.0,
            10.0,
        )?;

        let supply = self.supply(
            raw.supply
                .unwrap_or_else(|| defaults.supply.unwrap_or_default()),
        )?;
        let holdings = self.holdings(
            raw.holdings
                .unwrap_or_else(|| defaults.holdings.unwrap_or_default()),
            data,
        )?;
        let stock_at_start = match &raw.stock_at_start {
            None => StockAtStart::None,
            Some(value) => self.stock_at_start(value, &supply)?,
        };
        let policies = self.policies(
            raw.policies
                .unwrap_or_else(|| defaults.policies.unwrap_or_default()),
        )?;
        Ok(Scenario {
            start,
            days: to_u32(days),
            seed: u64::try_from(seed).unwrap_or(0),
            lead_time_days: to_u32(lead_time_days),
            min_shelf_life_days: to_u32(min_shelf_life_days),
            primary_per_100,
            booster_per_100,
            absorption_window_days: to_u32(absorption_window_days),
            absorption_min_per_100_day,
            absorption_growth_per_month,
            supply,
            holdings,
            stock_at_start,
            policies,
        })
    }

    fn date(&self, value: &Spanned<String>, path: &str) -> Result<NaiveDate, ScenarioError> {
        NaiveDate::parse_from_str(value.get_ref(), "%Y-%m-%d").map_err(|_| {
            self.error(
                Some(value.span()),
                path,
                format!("not a date: {:?} (write YYYY-MM-DD)", value.get_ref()),
            )
        })
    }

    /// A whole number from `least` to `most`, or `default` when absent.
    fn whole(
        &self,
        value: &Option<Spanned<i64>>,
        path: &str,
        default: i64,
        least: i64,
        most: i64,
    ) -> Result<i64, ScenarioError> {
        let Some(value) = value else {
            return Ok(default);
        };
        let number = *value.get_ref();
        if number < 0 && least >= 0 {
            return Err(self.error(
                Some(value.span()),
                path,
                format!("must not be negative, got {number}"),
            ));
        }
        if number < least || number > most {
            return Err(self.error(
                Some(value.span()),
                path,
                format!("must be from {least} to {most}, got {number}"),
            ));
        }
        Ok(number)
    }

    /// A finite number from 0 to `most`, or `default` when absent.
    fn number(
        &self,
        value: &Option<Spanned<f64>>,
        path: &str,
        default: f64,
        most: f64,
    ) -> Result<f64, ScenarioError> {
        let Some(value) = value else {
            return Ok(default);
        };
        self.bounded(value, path, most)
    }

    fn bounded(&self, value: &Spanned<f64>, path: &str, most: f64) -> Result<f64, ScenarioError> {
        let number = *value.get_ref();
        if number < 0.0 {
            return Err(self.error(
                Some(value.span()),
                path,
                format!("must not be negative, got {number}"),
            ));
        }
        if !number.is_finite() || number > most {
            return Err(self.error(
                Some(value.span()),
                path,
                format!("must be a number from 0 to {most}, got {number}"),
            ));
        }
        Ok(number)
    }

    fn too_many(
        &self,
        entries: usize,
        span: Option<Range<usize>>,
        path: &str,
    ) -> Result<(), ScenarioError> {
        if entries > ENTRIES_MAX {
            return Err(self.error(
                span,
                path,
                format!("at most {ENTRIES_MAX} entries, got {entries}"),
            ));
        }
        Ok(())
    }

    fn supply(&self, raw: Vec<Spanned<RawSupply>>) -> Result<Vec<Supply>, ScenarioError> {
        self.too_many(raw.len(), raw.last().map(Spanned::span), "supply")?;
        let mut supply = Vec::with_capacity(raw.len());
        for (index, entry) in raw.iter().enumerate() {
            let path = |key: &str| format!("supply[{index}].{key}");
            let line = entry.get_ref();
            for (key, text) in [
                ("manufacturer", &line.manufacturer),
                ("product", &line.product),
            ] {
                if text.get_ref().trim().is_empty() {
                    return Err(self.error(Some(text.span()), path(key), "must not be empty"));
                }
            }
            let doses_per_month = self.whole(
                &Some(line.doses_per_month.clone()),
                &path("doses_per_month"),
                0,
                0,
                DOSES_PER_MONTH_MAX,
            )?;
            let shelf_life_days = self.whole(
                &Some(line.shelf_life_days.clone()),
                &path("shelf_life_days"),
                0,
                1,
                DURATION_DAYS_MAX,
            )?;
            let from = line
                .from
                .as_ref()
                .map(|value| self.date(value, &path("from")))
                .transpose()?;
            let to = line
                .to
                .as_ref()
                .map(|value| self.date(value, &path("to")))
                .transpose()?;
            if let (Some(from), Some(to), Some(span)) =
                (from, to, line.to.as_ref().map(Spanned::span))
                && to < from
            {
                return Err(self.error(
                    Some(span),
                    path("to"),
                    format!("{to} is before `from` ({from})"),
                ));
            }
            supply.push(Supply {
                manufacturer: line.manufacturer.get_ref().clone(),
                product: line.product.get_ref().clone(),
                doses_per_month: u64::try_from(doses_per_month).unwrap_or(0),
                shelf_life_days: to_u32(shelf_life_days),
                from,
                to,
            });
        }
        Ok(supply)
    }

    fn holdings(
        &self,
        raw: Vec<Spanned<RawHolding>>,
        data: &DataExtent,
    ) -> Result<Vec<Holding>, ScenarioError> {
        self.too_many(raw.len(), raw.last().map(Spanned::span), "holdings")?;
        let mut holdings = Vec::with_capacity(raw.len());
        let mut total = 0.0;
        for (index, entry) in raw.iter().enumerate() {
            let path = |key: &str| format!("holdings[{index}]{key}");
            let holding = entry.get_ref();
            let owner = match (&holding.group, &holding.country) {
                (Some(group), None) => Owner::Group(IncomeGroup::parse(group.get_ref()).map_err(|_| {
                    self.error(
                        Some(group.span()),
                        path(".group"),
                        format!(
                            "unknown income group {:?}; expected \"Low income\", \"Lower middle income\", \"Upper middle income\" or \"High income\"",
                            group.get_ref()
                        ),
                    )
                })?),
                (None, Some(country)) => {
                    if !data.countries.contains(country.get_ref().as_str()) {
                        return Err(self.error(
                            Some(country.span()),
                            path(".country"),
                            format!(
                                "unknown country {:?}: the data has no country with this code, a population and an income group",
                                country.get_ref()
                            ),
                        ));
                    }
                    Owner::Country(country.get_ref().clone())
                }
                (Some(_), Some(country)) => {
                    return Err(self.error(
                        Some(country.span()),
                        path(""),
                        "give `group` or `country`, not both",
                    ));
                }
                (None, None) => {
                    return Err(self.error(
                        Some(entry.span()),
                        path(""),
                        "give `group` or `country`",
                    ));
                }
            };
            let share = self.bounded(&holding.share, &path(".share"), 1.0)?;
            total += share;
            // A sum of decimal fractions is not exact in binary: allow the rounding of it.
            if total > 1.0 + 1e-9 {
                return Err(self.error(
                    Some(holding.share.span()),
                    path(".share"),
                    format!("the shares add up to {total}, more than 1"),
                ));
            }
            holdings.push(Holding { owner, share });
        }
        Ok(holdings)
    }

    fn stock_at_start(
        &self,
        value: &Spanned<String>,
        supply: &[Supply],
    ) -> Result<StockAtStart, ScenarioError> {
        let text = value.get_ref().trim();
        if text == "none" {
            return Ok(StockAtStart::None);
        }
        let refuse = |reason: String| self.error(Some(value.span()), "stock_at_start", reason);
        let Some(days) = text.strip_prefix("absorption_days:") else {
            return Err(refuse(format!(
                "{text:?} is not a stock: write \"none\" or \"absorption_days:N\""
            )));
        };
        let days: i64 = days
            .trim()
            .parse()
            .map_err(|_| refuse(format!("{days:?} is not a whole number of days")))?;
        if !(0..=DURATION_DAYS_MAX).contains(&days) {
            return Err(refuse(format!(
                "the days must be from 0 to {DURATION_DAYS_MAX}, got {days}"
            )));
        }
        if supply.is_empty() {
            return Err(refuse(
                "a stock needs a [[supply]] line: its product and shelf life are the first line's"
                    .into(),
            ));
        }
        Ok(StockAtStart::AbsorptionDays(to_u32(days)))
    }

    fn policies(&self, raw: Vec<Spanned<RawPolicy>>) -> Result<Vec<Policy>, ScenarioError> {
        self.too_many(raw.len(), raw.last().map(Spanned::span), "policies")?;
        if raw.is_empty() {
            return Err(self.error(None, "policies", "at least one policy is needed"));
        }
        let mut names = BTreeSet::new();
        let mut policies = Vec::with_capacity(raw.len());
        for (index, entry) in raw.iter().enumerate() {
            let path = |key: &str| format!("policies[{index}].{key}");
            let policy = entry.get_ref();
            let name = policy.name.get_ref().trim();
            if name.is_empty() {
                return Err(self.error(
                    Some(policy.name.span()),
                    path("name"),
                    "must not be empty",
                ));
            }
            if !names.insert(name.to_owned()) {
                return Err(self.error(
                    Some(policy.name.span()),
                    path("name"),
                    format!("another policy is already named {name:?}"),
                ));
            }
            let kind = policy.kind.get_ref().as_str();
            let not_for = |key: &str, span: Range<usize>| {
                self.error(
                    Some(span),
                    path(key),
                    format!("does not apply to a policy of kind {kind}"),
                )
            };
            let round_every_days = |policy: &RawPolicy| {
                self.whole(
                    &policy.round_every_days,
                    &path("round_every_days"),
                    7,
                    1,
                    DURATION_DAYS_MAX,
                )
                .map(to_u32)
            };
            let kind = match kind {
                "boosters_first" => {
                    if let Some(value) = &policy.keep_per_100 {
                        return Err(not_for("keep_per_100", value.span()));
                    }
                    PolicyKind::BoostersFirst {
                        donate_when_days_to_expiry: to_u32(self.whole(
                            &policy.donate_when_days_to_expiry,
                            &path("donate_when_days_to_expiry"),
                            60,
                            0,
                            DURATION_DAYS_MAX,
                        )?),
                        round_every_days: round_every_days(policy)?,
                    }
                }
                "sharing" => {
                    if let Some(value) = &policy.donate_when_days_to_expiry {
                        return Err(not_for("donate_when_days_to_expiry", value.span()));
                    }
                    PolicyKind::Sharing {
                        keep_per_100: self.number(
                            &policy.keep_per_100,
                            &path("keep_per_100"),
                            200.0,
                            1e6,
                        )?,
                        round_every_days: round_every_days(policy)?,
                    }
                }
                "proportional" => {
                    for (key, value) in [
                        (
                            "keep_per_100",
                            policy.keep_per_100.as_ref().map(Spanned::span),
                        ),
                        (
                            "donate_when_days_to_expiry",
                            policy
                                .donate_when_days_to_expiry
                                .as_ref()
                                .map(Spanned::span),
                        ),
                        (
                            "round_every_days",
                            policy.round_every_days.as_ref().map(Spanned::span),
                        ),
                    ] {
                        if let Some(span) = value {
                            return Err(not_for(key, span));
                        }
                    }
                    PolicyKind::Proportional
                }
                other => {
                    return Err(self.error(
                        Some(policy.kind.span()),
                        path("kind"),
                        format!(
                            "unknown policy {other:?}; expected boosters_first, sharing or proportional"
                        ),
                    ));
                }
            };
            policies.push(Policy {
                name: name.to_owned(),
                kind,
            });
        }
        Ok(policies)
    }
}

/// The first line of a TOML error message (the rest repeats the line of the file).
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_owned()
}

/// A whole number already checked to be within `0..=DURATION_DAYS_MAX` or the like.
fn to_u32(number: i64) -> u32 {
    u32::try_from(number).unwrap_or(u32::MAX)
}
