//! Coverage with what the platform adds: the reference data's doses administered per 100
//! people, plus the doses delivered and administered on the platform, on a day or over days.

use std::sync::{Arc, Mutex, PoisonError};

use chrono::NaiveDate;
use domain::country::CountryCode;
use domain::coverage::{CoverageSources, Grouping, PlatformCoverageRow};
use store::Tx;

use crate::AppError;

/// The most days one series spans.
pub const SERIES_DAYS_MAX: i64 = 1_000;

/// The reference part of the coverage sources (countries, group populations, every daily
/// report: 18,794 rows in the demo), kept between reads for as long as the store's reference
/// version stays the same; an import moves the version, and the next read reads them again.
#[derive(Debug, Default)]
pub struct ReferenceCache(Mutex<Option<(i64, Arc<CoverageSources>)>>);

impl ReferenceCache {
    fn get(&self, version: i64) -> Option<Arc<CoverageSources>> {
        let cached = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        cached
            .as_ref()
            .filter(|(kept, _)| *kept == version)
            .map(|(_, reference)| Arc::clone(reference))
    }

    fn put(&self, version: i64, reference: Arc<CoverageSources>) {
        *self.0.lock().unwrap_or_else(PoisonError::into_inner) = Some((version, reference));
    }
}

async fn reference_sources(tx: &Tx) -> Result<CoverageSources, AppError> {
    let mut sources = CoverageSources {
        countries: tx.countries().await?,
        group_populations: tx.group_populations().await?,
        ..CoverageSources::default()
    };
    for report in tx.dose_reports().await? {
        sources
            .reports
            .entry(report.country)
            .or_default()
            .push((report.date, report.total_doses));
    }
    Ok(sources)
}

async fn with_platform(tx: &Tx, mut sources: CoverageSources) -> Result<CoverageSources, AppError> {
    for (holder, day, doses) in tx.platform_days().await? {
        // Only countries' accounts count: an organization's or a maker's are not coverage.
        if let Ok(country) = CountryCode::parse(holder.as_str()) {
            sources
                .platform
                .entry(country)
                .or_default()
                .insert(day, doses);
        }
    }
    Ok(sources)
}

/// Everything coverage is computed from, read in one go.
pub async fn sources(tx: &Tx) -> Result<CoverageSources, AppError> {
    let reference = reference_sources(tx).await?;
    with_platform(tx, reference).await
}

/// The same, its reference part from `cache` when no import happened since it was read (the
/// version is read in the same transaction as everything else, so the two agree).
pub async fn sources_cached(tx: &Tx, cache: &ReferenceCache) -> Result<CoverageSources, AppError> {
    let reference = reference_cached(tx, cache).await?;
    with_platform(tx, (*reference).clone()).await
}

/// The reference part of the sources alone (no platform days), from `cache` when no import
/// happened since it was read.
pub async fn reference_cached(
    tx: &Tx,
    cache: &ReferenceCache,
) -> Result<Arc<CoverageSources>, AppError> {
    let version = tx.reference_version().await?;
    Ok(match cache.get(version) {
        Some(reference) => reference,
        None => {
            let reference = Arc::new(reference_sources(tx).await?);
            cache.put(version, Arc::clone(&reference));
            reference
        }
    })
}

/// Coverage on each day from `from` to `to` (both included), optionally of one group only.
pub fn series(
    sources: &CoverageSources,
    from: NaiveDate,
    to: NaiveDate,
    grouping: Grouping,
    group: Option<&str>,
) -> Result<Vec<PlatformCoverageRow>, AppError> {
    let days = (to - from).num_days();
    if days < 0 {
        return Err(AppError::invalid(
            "to",
            format!("{to} is before from, {from}"),
        ));
    }
    if days >= SERIES_DAYS_MAX {
        return Err(AppError::invalid(
            "to",
            format!(
                "a series spans at most {SERIES_DAYS_MAX} days; {from} to {to} is {} days",
                days + 1
            ),
        ));
    }
    let mut rows = Vec::new();
    for date in from.iter_days().take_while(|date| *date <= to) {
        let day = sources
            .on(date, grouping)
            .map_err(store::StoreError::from)?;
        rows.extend(
            day.into_iter()
                .filter(|row| group.is_none_or(|group| row.reference.group == group)),
        );
    }
    if let Some(group) = group
        && rows.is_empty()
    {
        return Err(AppError::invalid(
            "group",
            format!(
                "there is no {group:?} row: give an income group's name, World, or a country code (with by=country)"
            ),
        ));
    }
    Ok(rows)
}

/// The days a series spans by default: from the first report to the later of the last
/// report and `today` (just `today` without reports).
pub async fn default_span(tx: &Tx, today: NaiveDate) -> Result<(NaiveDate, NaiveDate), AppError> {
    Ok(match tx.report_days().await? {
        Some((first, last)) => (first, last.max(today)),
        None => (today, today),
    })
}

/// The last day with a report, if any.
pub async fn last_report_day(tx: &Tx) -> Result<Option<NaiveDate>, AppError> {
    Ok(tx.report_days().await?.map(|(_, last)| last))
}
