//! Reference data in the store: countries, group populations and reported cumulative doses.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use domain::country::{Country, CountryCode, DoseReport, IncomeGroup, ReferenceData};
use domain::coverage::{CoverageRow, Grouping, coverage_on};
use domain::ledger::PartyCode;
use sqlx::{AssertSqlSafe, Row};

use crate::{Store, StoreError, Tx};

/// What an import changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredCounts {
    /// Countries written.
    pub countries: u64,
    /// Group populations written.
    pub group_populations: u64,
    /// Reports written.
    pub reports: u64,
}

/// Rows per multi-row INSERT: well under both backends' limits on bound parameters
/// (SQLite 32,766, PostgreSQL 65,535), and few enough statements to import 20,000 reports
/// in milliseconds.
const ROWS_PER_INSERT: usize = 500;

impl Store {
    /// Stores reference data in one transaction (see [`Tx::import_reference_data`]).
    pub async fn import_reference_data(
        &self,
        data: &ReferenceData,
    ) -> Result<StoredCounts, StoreError> {
        self.write(|tx| async move { tx.import_reference_data(data).await })
            .await
    }

    /// Coverage on `date` (see [`Tx::coverage_on`]).
    pub async fn coverage_on(
        &self,
        date: NaiveDate,
        grouping: Grouping,
    ) -> Result<Vec<CoverageRow>, StoreError> {
        self.read_snapshot(|tx| async move { tx.coverage_on(date, grouping).await })
            .await
    }

    /// The first and last day with a report, if any.
    pub async fn report_days(&self) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
        self.read(|tx| async move { tx.report_days().await }).await
    }

    /// Everything the store holds as reference data, in the importer's form.
    pub async fn reference_data(&self) -> Result<ReferenceData, StoreError> {
        self.read_snapshot(|tx| async move { tx.reference_data().await })
            .await
    }

    /// Every country, by code.
    pub async fn countries(&self) -> Result<Vec<Country>, StoreError> {
        self.read(|tx| async move { tx.countries().await }).await
    }
}

impl Tx {
    /// Stores reference data: countries and group populations are updated in place, and
    /// each imported country's reports replace the ones it had, so importing the same files
    /// twice leaves the same state and a failure leaves the old one.
    pub async fn import_reference_data(
        &self,
        data: &ReferenceData,
    ) -> Result<StoredCounts, StoreError> {
        let mut transaction = self.connection().await?;
        sqlx::query("UPDATE reference_version SET version = version + 1 WHERE id = 1")
            .execute(&mut *transaction)
            .await?;
        for chunk in data.countries.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO countries (code, name, population, income_group) VALUES {} \
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, population = excluded.population, \
                 income_group = excluded.income_group",
                placeholders(chunk.len(), 4)
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for country in chunk {
                query = query
                    .bind(country.code.as_str())
                    .bind(&country.name)
                    .bind(country.population)
                    .bind(country.income_group.map(IncomeGroup::name));
            }
            query.execute(&mut *transaction).await?;
        }
        // The countries of the reference data are parties of the platform.
        for chunk in data.countries.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO parties (code, kind, name, population, income_group) VALUES {} \
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, population = excluded.population, \
                 income_group = excluded.income_group",
                placeholders(chunk.len(), 5)
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for country in chunk {
                query = query
                    .bind(country.code.as_str())
                    .bind("country")
                    .bind(&country.name)
                    .bind(country.population)
                    .bind(country.income_group.map(IncomeGroup::name));
            }
            query.execute(&mut *transaction).await?;
        }
        for (entity, population) in &data.group_populations {
            sqlx::query(
                "INSERT INTO group_populations (entity, population) VALUES ($1, $2) \
                 ON CONFLICT (entity) DO UPDATE SET population = excluded.population",
            )
            .bind(entity)
            .bind(population)
            .execute(&mut *transaction)
            .await?;
        }
        for chunk in data.countries.chunks(ROWS_PER_INSERT) {
            let list = (1..=chunk.len())
                .map(|index| format!("${index}"))
                .collect::<Vec<_>>()
                .join(", ");
            let mut query = sqlx::query(AssertSqlSafe(format!(
                "DELETE FROM dose_reports WHERE country IN ({list})"
            )));
            for country in chunk {
                query = query.bind(country.code.as_str());
            }
            query.execute(&mut *transaction).await?;
        }
        for chunk in data.reports.chunks(ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO dose_reports (country, date, total_doses) VALUES {}",
                placeholders(chunk.len(), 3)
            );
            let mut query = sqlx::query(AssertSqlSafe(sql));
            for report in chunk {
                query = query
                    .bind(report.country.as_str())
                    .bind(report.date.to_string())
                    .bind(report.total_doses);
            }
            query.execute(&mut *transaction).await?;
        }
        Ok(StoredCounts {
            countries: data.countries.len() as u64,
            group_populations: data.group_populations.len() as u64,
            reports: data.reports.len() as u64,
        })
    }

    /// Every country, by code.
    pub async fn countries(&self) -> Result<Vec<Country>, StoreError> {
        let rows =
            sqlx::query("SELECT code, name, population, income_group FROM countries ORDER BY code")
                .fetch_all(&mut *self.connection().await?)
                .await?;
        rows.iter()
            .map(|row| {
                let code: String = row.try_get("code")?;
                let income_group: Option<String> = row.try_get("income_group")?;
                Ok(Country {
                    code: CountryCode::parse(&code)
                        .map_err(|error| StoreError::Corrupt(error.to_string()))?,
                    name: row.try_get("name")?,
                    population: row.try_get("population")?,
                    income_group: income_group
                        .map(|name| IncomeGroup::parse(&name))
                        .transpose()
                        .map_err(|error| StoreError::Corrupt(error.to_string()))?,
                })
            })
            .collect()
    }

    /// Populations of groups (`World`, `Low-income countries`, …), by entity name.
    pub async fn group_populations(&self) -> Result<BTreeMap<String, i64>, StoreError> {
        let rows = sqlx::query("SELECT entity, population FROM group_populations")
            .fetch_all(&mut *self.connection().await?)
            .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("entity")?, row.try_get("population")?)))
            .collect()
    }

    /// Each country's last reported cumulative total on or before `date`.
    pub async fn totals_on(
        &self,
        date: NaiveDate,
    ) -> Result<BTreeMap<CountryCode, i64>, StoreError> {
        let rows: Vec<(String, i64)> = crate::json_rows(
            &mut *self.connection().await?,
            self.backend(),
            "country, total_doses",
            // One lookup in the (country, date) key per country, on both backends.
            "FROM (SELECT c.code AS country, (SELECT r.total_doses FROM dose_reports r \
               WHERE r.country = c.code AND r.date <= $1 ORDER BY r.date DESC LIMIT 1) AS total_doses \
               FROM countries c) latest WHERE total_doses IS NOT NULL",
            "country",
            date.to_string(),
        )
        .await?;
        rows.into_iter()
            .map(|(code, total)| {
                let code = CountryCode::parse(&code)
                    .map_err(|error| StoreError::Corrupt(error.to_string()))?;
                Ok((code, total))
            })
            .collect()
    }

    /// Coverage on `date`, from each country's last report on or before it.
    pub async fn coverage_on(
        &self,
        date: NaiveDate,
        grouping: Grouping,
    ) -> Result<Vec<CoverageRow>, StoreError> {
        let countries = self.countries().await?;
        let group_populations = match grouping {
            Grouping::IncomeGroup => self.group_populations().await?,
            Grouping::Country => BTreeMap::new(),
        };
        let totals = self.totals_on(date).await?;
        Ok(coverage_on(
            date,
            grouping,
            &countries,
            &group_populations,
            &totals,
        )?)
    }

    /// The first and last day with a report, if any.
    pub async fn report_days(&self) -> Result<Option<(NaiveDate, NaiveDate)>, StoreError> {
        let row = sqlx::query("SELECT MIN(date), MAX(date) FROM dose_reports")
            .fetch_one(&mut *self.connection().await?)
            .await?;
        let (first, last): (Option<String>, Option<String>) = (row.try_get(0)?, row.try_get(1)?);
        match (first, last) {
            (Some(first), Some(last)) => Ok(Some((parse_day(&first)?, parse_day(&last)?))),
            _ => Ok(None),
        }
    }

    /// The number of imports of reference data so far: what it holds changes only when this
    /// number does.
    pub async fn reference_version(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT version FROM reference_version WHERE id = 1")
            .fetch_one(&mut *self.connection().await?)
            .await?;
        Ok(row.try_get("version")?)
    }

    /// All reports, by country then day.
    pub async fn dose_reports(&self) -> Result<Vec<DoseReport>, StoreError> {
        // As one JSON text: tens of thousands of rows decoded one by one through the Any
        // driver cost several times more (the public dashboard reads them all on every view).
        let rows: Vec<(String, String, i64)> = crate::json_rows(
            &mut *self.connection().await?,
            self.backend(),
            "country, date, total_doses",
            "FROM dose_reports WHERE country >= $1",
            "country, date",
            String::new(),
        )
        .await?;
        let mut reports = Vec::with_capacity(rows.len());
        let mut current: Option<CountryCode> = None;
        for (code, date, total_doses) in rows {
            let country = match &current {
                Some(country) if country.as_str() == code => country.clone(),
                _ => {
                    let country = CountryCode::parse(&code)
                        .map_err(|error| StoreError::Corrupt(error.to_string()))?;
                    current = Some(country.clone());
                    country
                }
            };
            reports.push(DoseReport {
                country,
                date: parse_day(&date)?,
                total_doses,
            });
        }
        Ok(reports)
    }

    /// Everything the store holds as reference data, in the importer's form.
    pub async fn reference_data(&self) -> Result<ReferenceData, StoreError> {
        Ok(ReferenceData {
            countries: self.countries().await?,
            group_populations: self.group_populations().await?,
            reports: self.dose_reports().await?,
        })
    }
}

/// `($1, $2), ($3, $4)…`: placeholders for a multi-row INSERT of `rows` rows of `columns`.
fn placeholders(rows: usize, columns: usize) -> String {
    (0..rows)
        .map(|row| {
            let fields: Vec<String> = (1..=columns)
                .map(|column| format!("${}", row * columns + column))
                .collect();
            format!("({})", fields.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("{text:?} is not a day (YYYY-MM-DD)")))
}

impl Tx {
    /// Each holder's `receive` and `administer` doses by UTC day, by holder then day: what the
    /// platform adds to the reference data's coverage.
    pub async fn platform_days(
        &self,
    ) -> Result<Vec<(PartyCode, NaiveDate, domain::coverage::PlatformDay)>, StoreError> {
        let rows = sqlx::query(
            // Fixed-width UTC text: its first ten characters are the day.
            "SELECT holder, day, CAST(SUM(delivered) AS BIGINT), CAST(SUM(administered) AS BIGINT) FROM ( \
               SELECT to_holder AS holder, substr(recorded_at, 1, 10) AS day, doses AS delivered, 0 AS administered \
                 FROM movements WHERE kind = 'receive' \
               UNION ALL \
               SELECT from_holder, substr(recorded_at, 1, 10), 0, doses \
                 FROM movements WHERE kind = 'administer') moved \
             GROUP BY holder, day ORDER BY holder, day",
        )
        .fetch_all(&mut *self.connection().await?)
        .await?;
        rows.iter()
            .map(|row| {
                let holder: String = row.try_get(0)?;
                let day: String = row.try_get(1)?;
                Ok((
                    PartyCode::parse(&holder)
                        .map_err(|error| StoreError::Corrupt(error.to_string()))?,
                    parse_day(&day)?,
                    domain::coverage::PlatformDay {
                        delivered: row.try_get(2)?,
                        administered: row.try_get(3)?,
                    },
                ))
            })
            .collect()
    }
}
