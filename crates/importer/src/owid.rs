//! The Our World in Data vaccination files (vaccinations, population, income groups).
//!
//! The format is described in `shared/data/owid-2021-08/README.md`. Columns are found by
//! their header names, so the compact snapshot (fewer columns) goes through the same code.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{self, Read};

use chrono::NaiveDate;
use domain::country::{Country, CountryCode, DoseReport, IncomeGroup, ReferenceData};

/// One input file: its name for messages, and its content.
pub struct Input<R> {
    /// The file's name, as messages and bad rows cite it.
    pub name: String,
    /// The file's content.
    pub reader: R,
}

impl<R: Read> Input<R> {
    /// An input named `name` that reads from `reader`.
    pub fn new(name: impl Into<String>, reader: R) -> Self {
        Self {
            name: name.into(),
            reader,
        }
    }
}

/// A row that was not imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The file's name.
    pub file: String,
    /// The row's line in the file, counted from 1 (the header is line 1).
    pub line: u64,
    /// Why the row was left out, as a sentence.
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}:{}: {}", self.file, self.line, self.reason)
    }
}

/// A place that reports vaccinations but that the other files do not fully describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unclassified {
    /// The place's code.
    pub code: CountryCode,
    /// The place's name, as the vaccination file writes it.
    pub name: String,
    /// Which file lacks it, like `not in the population file`.
    pub reason: &'static str,
}

/// What an import read, kept and left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportSummary {
    /// Data rows read from the vaccinations file.
    pub rows_read: u64,
    /// Reports kept (rows with a total).
    pub rows_stored: u64,
    /// Rows left out: aggregates, rows without a total, and bad rows.
    pub rows_skipped: u64,
    /// Of the skipped: rows of aggregates and of the UK's constituent nations, which the
    /// countries' rows already count.
    pub aggregate_rows: u64,
    /// Of the skipped: rows that report no total that day.
    pub blank_rows: u64,
    /// Every bad row of the three files, with file and line.
    pub bad_rows: Vec<RowError>,
    /// Places whose population or income group could not be found.
    pub unclassified: Vec<Unclassified>,
    /// Countries in the imported reference data, those that report nothing included.
    pub countries: u64,
}

/// Why an import could not be done at all. Bad rows are not errors: they are reported in
/// the summary and the good rows are kept.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Reading a file fails with an IO error.
    #[error("{file}: cannot be read: {source}")]
    Read {
        /// The file's name.
        file: String,
        /// The failure to read it.
        source: io::Error,
    },
    /// A file's header lacks a column the import needs.
    #[error("{file}: the header has no column {column:?}; is this the right file?")]
    MissingColumn {
        /// The file's name.
        file: String,
        /// The column's header name.
        column: &'static str,
    },
    /// The CSV reader stops on a file for a reason other than reading, such as a header that
    /// is not UTF-8.
    #[error("{file}: line {line}: {reason}")]
    Malformed {
        /// The file's name.
        file: String,
        /// The line where reading stopped, counted from 1.
        line: u64,
        /// What the CSV reader reports.
        reason: String,
    },
}

/// Codes starting with `OWID_` are Our World in Data's aggregates (continents, income groups)
/// and the UK's constituent nations, already inside `GBR`; but Kosovo and Northern Cyprus
/// have no ISO code and are real places that report on their own.
pub fn is_country_code(code: &str) -> bool {
    !code.starts_with("OWID_") || matches!(code, "OWID_KOS" | "OWID_CYN")
}

/// Reads the three files. Fails only when a file cannot be read or lacks a needed column.
pub fn read_owid<V: Read, P: Read, I: Read>(
    vaccinations: Input<V>,
    population: Input<P>,
    income_groups: Input<I>,
    progress: &mut dyn FnMut(u64),
) -> Result<(ReferenceData, ImportSummary), ImportError> {
    let mut summary = ImportSummary::default();
    let populations = read_population(population, &mut summary)?;
    let incomes = read_income_groups(income_groups, &mut summary)?;
    let (names, reports) = read_vaccinations(vaccinations, &mut summary, progress)?;

    let mut countries: BTreeMap<CountryCode, Country> = BTreeMap::new();
    for (code, name) in names {
        let population = populations
            .by_code
            .get(&code)
            .or_else(|| {
                populations
                    .by_name
                    .get(&name)
                    .map(|(_, population)| population)
            })
            .copied();
        let income_group = incomes.get(&name).copied();
        if income_group.is_none() {
            summary.unclassified.push(Unclassified {
                code: code.clone(),
                name: name.clone(),
                reason: "not in the income-group file",
            });
        }
        if population.is_none() {
            summary.unclassified.push(Unclassified {
                code: code.clone(),
                name: name.clone(),
                reason: "not in the population file",
            });
        }
        countries.insert(
            code.clone(),
            Country {
                code,
                name,
                population,
                income_group,
            },
        );
    }
    // Classified countries that report nothing (Burundi, Eritrea, Tanzania in 2021) are
    // the least covered of all: they must be in the data with zero doses, not missing.
    for (name, group) in &incomes {
        if let Some((Some(code), population)) = populations.by_name.get(name)
            && is_country_code(code.as_str())
            && !countries.contains_key(code)
        {
            countries.insert(
                code.clone(),
                Country {
                    code: code.clone(),
                    name: name.clone(),
                    population: Some(*population),
                    income_group: Some(*group),
                },
            );
        }
    }
    summary.countries = countries.len() as u64;
    let dataset = ReferenceData {
        countries: countries.into_values().collect(),
        group_populations: populations.groups,
        reports,
    };
    Ok((dataset, summary))
}

struct Populations {
    by_code: HashMap<CountryCode, i64>,
    by_name: HashMap<String, (Option<CountryCode>, i64)>,
    groups: BTreeMap<String, i64>,
}

/// A CSV file with named columns, read row by row with physical line numbers.
struct Table<R> {
    file: String,
    reader: csv::Reader<R>,
    columns: Vec<usize>,
    /// How many fields every row must have: as many as the header.
    columns_in_header: usize,
}

impl<R: Read> Table<R> {
    fn open(input: Input<R>, wanted: &[&'static str]) -> Result<Self, ImportError> {
        // Records end at `\n` only: with CRLF as a terminator the reader counts a record's
        // line before the `\n` that ends the previous one, one too few (the World Bank's
        // file has CRLF). The `\r` left at the end of a record's last field is trimmed.
        let mut reader = csv::ReaderBuilder::new()
            .comment(Some(b'#'))
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(input.reader);
        let file = input.name;
        let headers = reader
            .headers()
            .map_err(|error| csv_error(&file, error))?
            .clone();
        let columns = wanted
            .iter()
            .map(|column| {
                headers
                    .iter()
                    .position(|header| {
                        header.trim_start_matches('\u{feff}').trim_end_matches('\r') == *column
                    })
                    .ok_or_else(|| ImportError::MissingColumn {
                        file: file.clone(),
                        column,
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self {
            file,
            columns_in_header: headers.len(),
            reader,
            columns,
        })
    }

    /// Calls `row` with the wanted fields of each record and its line; a record with more or
    /// fewer fields than the header (cut short, or with a stray comma) is a bad row. Blank
    /// lines are passed over. Returns how many data rows the file has.
    fn for_each(
        mut self,
        summary: &mut ImportSummary,
        mut row: impl FnMut(&[&str], u64, &mut ImportSummary),
    ) -> Result<u64, ImportError> {
        let mut record = csv::StringRecord::new();
        let mut rows = 0;
        loop {
            match self.reader.read_record(&mut record) {
                Ok(false) => return Ok(rows),
                Ok(true) if record.len() == 1 && record[0].trim().is_empty() => continue,
                Ok(true) => rows += 1,
                Err(error) => {
                    // A record that is not UTF-8 is one bad row; anything else (IO) is fatal.
                    if let csv::ErrorKind::Utf8 { pos, .. } = error.kind() {
                        let line = pos.as_ref().map_or(0, |pos| pos.line());
                        summary.bad_rows.push(RowError {
                            file: self.file.clone(),
                            line,
                            reason: "the row is not valid UTF-8".into(),
                        });
                        rows += 1;
                        continue;
                    }
                    return Err(csv_error(&self.file, error));
                }
            }
            let line = record.position().map_or(0, |position| position.line());
            if record.len() != self.columns_in_header {
                summary.bad_rows.push(RowError {
                    file: self.file.clone(),
                    line,
                    reason: format!(
                        "the row has {} where the header has {}; {}",
                        match record.len() {
                            1 => "1 field".to_owned(),
                            fields => format!("{fields} fields"),
                        },
                        self.columns_in_header,
                        if record.len() < self.columns_in_header {
                            "is it cut short?"
                        } else {
                            "does a field hold an unquoted comma?"
                        }
                    ),
                });
                continue;
            }
            let fields: Vec<&str> = self
                .columns
                .iter()
                .map(|&index| record.get(index).unwrap_or_default().trim_end_matches('\r'))
                .collect();
            row(&fields, line, summary);
        }
    }
}

fn csv_error(file: &str, error: csv::Error) -> ImportError {
    let line = error.position().map_or(0, |position| position.line());
    match error.into_kind() {
        csv::ErrorKind::Io(source) => ImportError::Read {
            file: file.to_owned(),
            source,
        },
        other => ImportError::Malformed {
            file: file.to_owned(),
            line,
            reason: format!("{other:?}"),
        },
    }
}

fn bad(summary: &mut ImportSummary, file: &str, line: u64, reason: String) {
    summary.bad_rows.push(RowError {
        file: file.to_owned(),
        line,
        reason,
    });
}

/// Parses a count: a whole number, or one written with a zero fraction (`1234.0`).
fn parse_count(text: &str) -> Option<i64> {
    let whole = text.strip_suffix(".0").unwrap_or(text);
    whole.parse::<i64>().ok().filter(|count| *count >= 0)
}

fn read_population<R: Read>(
    input: Input<R>,
    summary: &mut ImportSummary,
) -> Result<Populations, ImportError> {
    let table = Table::open(input, &["entity", "iso_code", "population"])?;
    let file = table.file.clone();
    let mut populations = Populations {
        by_code: HashMap::new(),
        by_name: HashMap::new(),
        groups: BTreeMap::new(),
    };
    table.for_each(summary, |fields, line, summary| {
        let (entity, code, population) = (fields[0].trim(), fields[1].trim(), fields[2].trim());
        let Some(population) = parse_count(population).filter(|population| *population > 0) else {
            bad(
                summary,
                &file,
                line,
                format!("population {population:?} is not a positive whole number"),
            );
            return;
        };
        if entity.is_empty() {
            bad(summary, &file, line, "the entity name is empty".into());
            return;
        }
        if code.is_empty() || !is_country_code(code) {
            // Groups (World, income groups, regions) and Northern Cyprus, which has no code
            // here: a place that reports vaccinations under a code finds it by name.
            populations.groups.insert(entity.to_owned(), population);
            if code.is_empty() {
                populations
                    .by_name
                    .entry(entity.to_owned())
                    .or_insert((None, population));
            }
            return;
        }
        match CountryCode::parse(code) {
            Ok(code) => {
                populations.by_code.insert(code.clone(), population);
                populations
                    .by_name
                    .insert(entity.to_owned(), (Some(code), population));
            }
            Err(error) => bad(summary, &file, line, error.to_string()),
        }
    })?;
    Ok(populations)
}

fn read_income_groups<R: Read>(
    input: Input<R>,
    summary: &mut ImportSummary,
) -> Result<BTreeMap<String, IncomeGroup>, ImportError> {
    let table = Table::open(input, &["Country", "Income group"])?;
    let file = table.file.clone();
    let mut groups: BTreeMap<String, (IncomeGroup, u64)> = BTreeMap::new();
    table.for_each(summary, |fields, line, summary| {
        let name = fields[0].trim();
        match IncomeGroup::parse(fields[1]) {
            Ok(_) if name.is_empty() => {
                bad(summary, &file, line, "the country name is empty".into())
            }
            // The first listing is kept: a country counts in one group only.
            Ok(group) => match groups.get(name) {
                Some((first, first_line)) if *first != group => bad(
                    summary,
                    &file,
                    line,
                    format!(
                        "{name} is listed in {group} here and in {first} on line {first_line}; a country belongs to one group, the first is kept"
                    ),
                ),
                Some(_) => {}
                None => {
                    groups.insert(name.to_owned(), (group, line));
                }
            },
            Err(error) => bad(summary, &file, line, error.to_string()),
        }
    })?;
    Ok(groups
        .into_iter()
        .map(|(name, (group, _))| (name, group))
        .collect())
}

/// Counts the bytes read, for a progress bar.
struct Counting<'a, R> {
    inner: R,
    bytes: u64,
    progress: &'a mut dyn FnMut(u64),
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.bytes += read as u64;
        (self.progress)(self.bytes);
        Ok(read)
    }
}

type Names = BTreeMap<CountryCode, String>;

fn read_vaccinations<R: Read>(
    input: Input<R>,
    summary: &mut ImportSummary,
    progress: &mut dyn FnMut(u64),
) -> Result<(Names, Vec<DoseReport>), ImportError> {
    let counting = Counting {
        inner: input.reader,
        bytes: 0,
        progress,
    };
    let table = Table::open(
        Input::new(input.name, counting),
        &["location", "iso_code", "date", "total_vaccinations"],
    )?;
    let file = table.file.clone();
    let mut names = Names::new();
    let mut first_line: HashMap<(CountryCode, NaiveDate), u64> = HashMap::new();
    let mut reports: Vec<(DoseReport, u64)> = Vec::new();
    summary.rows_read = table.for_each(summary, |fields, line, summary| {
        let (location, code, date, total) = (
            fields[0].trim(),
            fields[1].trim(),
            fields[2].trim(),
            fields[3].trim(),
        );
        if !code.is_empty() && !is_country_code(code) {
            summary.aggregate_rows += 1;
            return;
        }
        let code = match CountryCode::parse(code) {
            Ok(code) => code,
            Err(error) => return bad(summary, &file, line, format!("iso_code: {error}")),
        };
        let Ok(date) = NaiveDate::parse_from_str(date, "%Y-%m-%d") else {
            return bad(
                summary,
                &file,
                line,
                format!("date: {date:?} is not a date (YYYY-MM-DD)"),
            );
        };
        if location.is_empty() {
            return bad(summary, &file, line, "location: the name is empty".into());
        }
        // A place's name is one line of text: the snapshot writes it at the end of a line.
        if location.contains(char::is_control) {
            return bad(
                summary,
                &file,
                line,
                format!("location: {location:?} holds a line break or another control character"),
            );
        }
        if let Some(known) = names.get(&code)
            && known != location
        {
            return bad(
                summary,
                &file,
                line,
                format!(
                    "location: {location:?} uses code {code}, which earlier rows give to {known:?}"
                ),
            );
        }
        names
            .entry(code.clone())
            .or_insert_with(|| location.to_owned());
        if total.is_empty() {
            summary.blank_rows += 1;
            return;
        }
        let Some(total_doses) = parse_count(total) else {
            return bad(
                summary,
                &file,
                line,
                format!("total_vaccinations: {total:?} is not a whole number of doses"),
            );
        };
        if let Some(first) = first_line.get(&(code.clone(), date)) {
            return bad(
                summary,
                &file,
                line,
                format!("a second total for {code} on {date}; the first is on line {first}"),
            );
        }
        first_line.insert((code.clone(), date), line);
        reports.push((
            DoseReport {
                country: code,
                date,
                total_doses,
            },
            line,
        ));
    })?;
    reports.sort_by(|(left, _), (right, _)| {
        (&left.country, left.date).cmp(&(&right.country, right.date))
    });
    // A cumulative total never goes down: a report below the country's last kept one is a
    // bad row, left out, so that every series stays a count of doses given so far.
    let mut kept: Vec<DoseReport> = Vec::with_capacity(reports.len());
    let mut last: Option<(DoseReport, u64)> = None;
    for (report, line) in reports {
        if let Some((previous, previous_line)) = &last
            && previous.country == report.country
            && report.total_doses < previous.total_doses
        {
            bad(
                summary,
                &file,
                line,
                format!(
                    "total_vaccinations: {} for {} on {} is below {} on {} (line {previous_line}); a cumulative total cannot go down",
                    report.total_doses,
                    report.country,
                    report.date,
                    previous.total_doses,
                    previous.date
                ),
            );
            continue;
        }
        kept.push(report.clone());
        last = Some((report, line));
    }
    let reports = kept;
    // The file's bad rows, read last and found in two passes, are listed in line order.
    let first_bad = summary
        .bad_rows
        .iter()
        .position(|row| row.file == file)
        .unwrap_or(summary.bad_rows.len());
    summary.bad_rows[first_bad..].sort_by_key(|row| row.line);
    summary.rows_stored = reports.len() as u64;
    let bad_vaccination_rows = summary
        .bad_rows
        .iter()
        .filter(|row| row.file == file)
        .count() as u64;
    summary.rows_skipped = summary.aggregate_rows + summary.blank_rows + bad_vaccination_rows;
    Ok((names, reports))
}

/// The population table's rows for groups that the coverage report divides by (`World` and
/// each income group's, like `Low-income countries`) and that `group_populations` lacks.
pub fn missing_group_rows(group_populations: &BTreeMap<String, i64>) -> Vec<&'static str> {
    std::iter::once("World")
        .chain(IncomeGroup::ALL.map(IncomeGroup::population_entity))
        .filter(|entity| !group_populations.contains_key(*entity))
        .collect()
}
