//! The round's input: the `Problem` types and their parsing and validation from spec JSON.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// Largest population, lot size or dose count accepted: far above any real country or lot,
/// low enough that every exact product the engine forms fits in an `i128`.
pub const QUANTITY_MAX: u64 = 10_000_000_000_000;

/// Largest sum of all lots' doses accepted (2^53), for the same reason.
pub const TOTAL_DOSES_MAX: u64 = 1 << 53;

/// Largest weight accepted: weights are relative, and this keeps w_j N_j a finite number.
pub const WEIGHT_MAX: f64 = 1e12;

/// One allocation round, as described by `spec/allocation.md`. Read through serde too, a
/// field the spec does not define is refused, as [`parse_problem`] refuses it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// Day of the round.
    pub date: NaiveDate,
    /// Default target in doses per 100 people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_per_100: Option<f64>,
    /// Who may receive doses, each once; the answer lists them in this order.
    pub recipients: Vec<Recipient>,
    /// The doses available now.
    pub lots: Vec<Lot>,
}

/// A country or district that can receive doses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Recipient {
    /// Unique among the recipients; earmarks and the answer name the recipient by it.
    pub id: String,
    /// People, N_j > 0: coverage is doses per 100 of them.
    pub population: u64,
    /// Doses delivered before the round, d_j; they count toward coverage.
    #[serde(default)]
    pub doses_received: u64,
    /// w_j > 0: the equalised quantity is coverage / weight (default 1).
    #[serde(default = "one")]
    pub weight: f64,
    /// Target in doses per 100 people, overriding the round's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_per_100: Option<f64>,
    /// At most this many doses this round (an explicit request).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_doses: Option<u64>,
    /// Doses it can administer per day, a_j > 0; `None` means no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub absorption_per_day: Option<f64>,
    /// First day doses can be administered; `None` means the round's `date`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// Days of shelf life a lot must have left on the `start` day to be accepted (default 0).
    #[serde(default)]
    pub min_shelf_days: i64,
    /// Authorised products; `None` means all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<String>>,
}

/// Doses of one product with one expiry date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    /// Unique among the lots; shipments and unallocated doses name the lot by it.
    pub id: String,
    /// Product name, matched against recipients' `products`.
    pub product: String,
    /// Doses in the lot, s_i > 0.
    pub doses: u64,
    /// Last day on which a dose may be administered.
    pub expiry: NaiveDate,
    /// Earmark: only these recipient ids may receive the lot; `None` means any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recipients: Option<Vec<String>>,
}

fn one() -> f64 {
    1.0
}

/// Why an input was refused: the JSON path of the offending field and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct InputError {
    /// Path of the field, e.g. `lots[3].expiry`; `$` for the document itself.
    pub path: String,
    /// What is wrong with it, e.g. `not a date: "2021-13-01"`.
    pub reason: String,
}

impl InputError {
    fn new(path: impl Into<String>, reason: impl Into<String>) -> Self {
        InputError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// Parses and validates input JSON per the spec; the error's Display is
/// `"<json path>: <reason>"`, e.g. `lots[3].expiry: not a date: "2021-13-01"`.
pub fn parse_problem(json: &str) -> Result<Problem, InputError> {
    // A byte-order mark is allowed before the document, as the CSV readers allow one.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    // The typed reader takes what the checked one would take, to the same values, in a
    // fraction of the time; it refuses everything else, and then the checked reader, which
    // walks a `serde_json::Value` of the document, says what is wrong and where.
    let problem = match crate::typed_input::read(json) {
        Some(problem) => problem,
        None => parse_checked(json)?,
    };
    problem.validate()?;
    Ok(problem)
}

/// The names of the round's fields, in the spec's order; any other name is refused, so
/// that a misspelt optional field (`"max_dose"`) is not silently taken for an absent one.
pub(crate) const PROBLEM_FIELDS: &[&str] = &["date", "target_per_100", "recipients", "lots"];

/// The names of a recipient's fields, in the spec's order.
pub(crate) const RECIPIENT_FIELDS: &[&str] = &[
    "id",
    "population",
    "doses_received",
    "weight",
    "target_per_100",
    "max_doses",
    "absorption_per_day",
    "start",
    "min_shelf_days",
    "products",
];

/// The names of a lot's fields, in the spec's order.
pub(crate) const LOT_FIELDS: &[&str] = &["id", "product", "doses", "expiry", "recipients"];

/// Reads the document through a `serde_json::Value`, checking each object's names first
/// and then each field in a fixed order, and naming the first one that is wrong (no
/// validation yet).
fn parse_checked(json: &str) -> Result<Problem, InputError> {
    let value: Value = serde_json::from_str(json)
        .map_err(|error| InputError::new("$", format!("not valid JSON: {error}")))?;
    let root = fields(&value, "$", PROBLEM_FIELDS)?;
    let date = required(root, "$", "date", date)?;
    let target_per_100 = optional(root, "$", "target_per_100", number)?;
    let recipients = required(root, "$", "recipients", |v, p| {
        array(v, p)?
            .iter()
            .enumerate()
            .map(|(i, item)| recipient(item, &format!("{p}[{i}]")))
            .collect::<Result<Vec<_>, _>>()
    })?;
    let lots = required(root, "$", "lots", |v, p| {
        array(v, p)?
            .iter()
            .enumerate()
            .map(|(i, item)| lot(item, &format!("{p}[{i}]")))
            .collect::<Result<Vec<_>, _>>()
    })?;
    Ok(Problem {
        date,
        target_per_100,
        recipients,
        lots,
    })
}

impl Problem {
    /// Checks the rules that the types alone do not enforce, in a fixed order; the first
    /// broken rule is reported with its JSON path.
    pub fn validate(&self) -> Result<(), InputError> {
        if let Some(target) = self.target_per_100 {
            check_target(target, || "target_per_100".into())?;
        }
        // Paths are only written out for the error: a valid round has thousands of fields.
        let field = |i: usize, name: &str| format!("recipients[{i}].{name}");
        let mut ids = HashSet::with_capacity(self.recipients.len());
        for (i, r) in self.recipients.iter().enumerate() {
            if r.id.trim().is_empty() {
                return Err(InputError::new(field(i, "id"), "must not be empty"));
            }
            if !ids.insert(r.id.as_str()) {
                return Err(InputError::new(
                    field(i, "id"),
                    format!("duplicate id {:?}", r.id),
                ));
            }
            if r.population == 0 {
                return Err(InputError::new(
                    field(i, "population"),
                    "must be greater than 0",
                ));
            }
            check_quantity(r.population, || field(i, "population"))?;
            check_quantity(r.doses_received, || field(i, "doses_received"))?;
            if !(r.weight.is_finite() && r.weight > 0.0) {
                return Err(InputError::new(
                    field(i, "weight"),
                    format!("must be greater than 0, got {}", r.weight),
                ));
            }
            if r.weight > WEIGHT_MAX {
                return Err(InputError::new(
                    field(i, "weight"),
                    format!("must be at most {WEIGHT_MAX:e}, got {}", r.weight),
                ));
            }
            if let Some(target) = r.target_per_100 {
                check_target(target, || field(i, "target_per_100"))?;
            }
            if let Some(rate) = r.absorption_per_day
                && !(rate.is_finite() && rate > 0.0)
            {
                return Err(InputError::new(
                    field(i, "absorption_per_day"),
                    format!("must be greater than 0, got {rate}"),
                ));
            }
            if r.min_shelf_days < 0 {
                return Err(InputError::new(
                    field(i, "min_shelf_days"),
                    format!("must not be negative, got {}", r.min_shelf_days),
                ));
            }
        }
        let field = |i: usize, name: &str| format!("lots[{i}].{name}");
        let mut lot_ids = HashSet::with_capacity(self.lots.len());
        let mut total: u64 = 0;
        for (i, lot) in self.lots.iter().enumerate() {
            if lot.id.trim().is_empty() {
                return Err(InputError::new(field(i, "id"), "must not be empty"));
            }
            if !lot_ids.insert(lot.id.as_str()) {
                return Err(InputError::new(
                    field(i, "id"),
                    format!("duplicate id {:?}", lot.id),
                ));
            }
            if lot.doses == 0 {
                return Err(InputError::new(field(i, "doses"), "must be greater than 0"));
            }
            check_quantity(lot.doses, || field(i, "doses"))?;
            total = total.saturating_add(lot.doses);
            if total > TOTAL_DOSES_MAX {
                return Err(InputError::new(
                    field(i, "doses"),
                    format!("the lots' doses add up to more than {TOTAL_DOSES_MAX}"),
                ));
            }
            if let Some(earmark) = &lot.recipients {
                for (k, id) in earmark.iter().enumerate() {
                    if !ids.contains(id.as_str()) {
                        return Err(InputError::new(
                            format!("lots[{i}].recipients[{k}]"),
                            format!("unknown recipient {id:?}"),
                        ));
                    }
                }
            }
        }
        Ok(())
    }
}

fn check_target(target: f64, path: impl FnOnce() -> String) -> Result<(), InputError> {
    if target.is_finite() && target >= 0.0 {
        Ok(())
    } else {
        Err(InputError::new(
            path(),
            format!("must be a number of at least 0, got {target}"),
        ))
    }
}

fn check_quantity(value: u64, path: impl FnOnce() -> String) -> Result<(), InputError> {
    if value <= QUANTITY_MAX {
        Ok(())
    } else {
        Err(InputError::new(
            path(),
            format!("must be at most {QUANTITY_MAX}, got {value}"),
        ))
    }
}

fn recipient(value: &Value, path: &str) -> Result<Recipient, InputError> {
    let o = fields(value, path, RECIPIENT_FIELDS)?;
    Ok(Recipient {
        id: required(o, path, "id", string)?,
        population: required(o, path, "population", integer)?,
        doses_received: optional(o, path, "doses_received", integer)?.unwrap_or(0),
        weight: optional(o, path, "weight", number)?.unwrap_or(1.0),
        target_per_100: optional(o, path, "target_per_100", number)?,
        max_doses: optional(o, path, "max_doses", integer)?,
        absorption_per_day: optional(o, path, "absorption_per_day", number)?,
        start: optional(o, path, "start", date)?,
        min_shelf_days: optional(o, path, "min_shelf_days", signed_integer)?.unwrap_or(0),
        products: optional(o, path, "products", strings)?,
    })
}

fn lot(value: &Value, path: &str) -> Result<Lot, InputError> {
    let o = fields(value, path, LOT_FIELDS)?;
    Ok(Lot {
        id: required(o, path, "id", string)?,
        product: required(o, path, "product", string)?,
        doses: required(o, path, "doses", integer)?,
        expiry: required(o, path, "expiry", date)?,
        recipients: optional(o, path, "recipients", strings)?,
    })
}

fn field_path(parent: &str, key: &str) -> String {
    if parent == "$" {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn required<T>(
    o: &Map<String, Value>,
    parent: &str,
    key: &str,
    read: impl Fn(&Value, &str) -> Result<T, InputError>,
) -> Result<T, InputError> {
    let path = field_path(parent, key);
    match o.get(key) {
        None | Some(Value::Null) => Err(InputError::new(path, "required field is missing")),
        Some(v) => read(v, &path),
    }
}

/// An absent field and an explicit `null` both mean "not given".
fn optional<T>(
    o: &Map<String, Value>,
    parent: &str,
    key: &str,
    read: impl Fn(&Value, &str) -> Result<T, InputError>,
) -> Result<Option<T>, InputError> {
    let path = field_path(parent, key);
    match o.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => read(v, &path).map(Some),
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn wrong_type(value: &Value, path: &str, expected: &str) -> InputError {
    InputError::new(path, format!("expected {expected}, got {}", kind(value)))
}

fn object<'a>(value: &'a Value, path: &str) -> Result<&'a Map<String, Value>, InputError> {
    value
        .as_object()
        .ok_or_else(|| wrong_type(value, path, "an object"))
}

/// An object whose every name is one of `known`; the first other name is refused with the
/// names that are known.
fn fields<'a>(
    value: &'a Value,
    path: &str,
    known: &[&str],
) -> Result<&'a Map<String, Value>, InputError> {
    let o = object(value, path)?;
    match o.keys().find(|key| !known.contains(&key.as_str())) {
        None => Ok(o),
        Some(key) => {
            // A name that is not a plain word is quoted, so that the path still reads as one.
            let plain = !key.is_empty()
                && key
                    .chars()
                    .all(|character| character.is_ascii_alphanumeric() || character == '_');
            let path = if plain {
                field_path(path, key)
            } else if path == "$" {
                format!("{key:?}")
            } else {
                format!("{path}[{key:?}]")
            };
            Err(InputError::new(
                path,
                format!("unknown field; expected one of {}", known.join(", ")),
            ))
        }
    }
}

fn array<'a>(value: &'a Value, path: &str) -> Result<&'a Vec<Value>, InputError> {
    value
        .as_array()
        .ok_or_else(|| wrong_type(value, path, "an array"))
}

fn string(value: &Value, path: &str) -> Result<String, InputError> {
    value
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| wrong_type(value, path, "a string"))
}

fn strings(value: &Value, path: &str) -> Result<Vec<String>, InputError> {
    array(value, path)?
        .iter()
        .enumerate()
        .map(|(i, item)| string(item, &format!("{path}[{i}]")))
        .collect()
}

fn number(value: &Value, path: &str) -> Result<f64, InputError> {
    value
        .as_f64()
        .ok_or_else(|| wrong_type(value, path, "a number"))
}

/// A whole number; `1e6` or `5.0` are accepted since JSON writers often emit them.
fn signed_integer(value: &Value, path: &str) -> Result<i64, InputError> {
    if let Some(i) = value.as_i64() {
        return Ok(i);
    }
    if value.is_u64() {
        return Err(InputError::new(path, format!("too large: {value}")));
    }
    let x = number(value, path)?;
    if x.fract() != 0.0 {
        return Err(InputError::new(path, format!("not an integer: {value}")));
    }
    if x.abs() > QUANTITY_MAX as f64 {
        return Err(InputError::new(path, format!("too large: {value}")));
    }
    #[allow(
        clippy::cast_possible_truncation,
        reason = "x is a whole number of at most 10^13 in magnitude: exact in an i64"
    )]
    let whole = x as i64;
    Ok(whole)
}

fn integer(value: &Value, path: &str) -> Result<u64, InputError> {
    if let Some(u) = value.as_u64() {
        return Ok(u);
    }
    let i = signed_integer(value, path)?;
    u64::try_from(i)
        .map_err(|_| InputError::new(path, format!("must not be negative, got {value}")))
}

fn date(value: &Value, path: &str) -> Result<NaiveDate, InputError> {
    let text = value
        .as_str()
        .ok_or_else(|| wrong_type(value, path, "a date string"))?;
    parse_date(text).ok_or_else(|| InputError::new(path, format!("not a date: {text:?}")))
}

/// A date as the spec writes them (`2021-08-04`): four digits of year, two of month, two
/// of day; both readers read dates with this. Nothing else is a date (chrono alone would also
/// read `-021-08-04`, a year before 0 the checker rightly refuses).
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *text.as_bytes() else {
        return None;
    };
    if ![y0, y1, y2, y3, m0, m1, d0, d1]
        .iter()
        .all(u8::is_ascii_digit)
    {
        return None;
    }
    let number = |digits: &[u8]| {
        digits
            .iter()
            .fold(0u32, |n, &digit| 10 * n + u32::from(digit - b'0'))
    };
    let year = i32::try_from(number(&[y0, y1, y2, y3])).ok()?;
    NaiveDate::from_ymd_opt(year, number(&[m0, m1]), number(&[d0, d1]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{RngExt, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    /// Whatever the typed reader takes, the checked reader takes too, with the same values.
    fn same_reading(json: &str) -> bool {
        match crate::typed_input::read(json) {
            Some(typed) => {
                let checked = parse_checked(json)
                    .unwrap_or_else(|e| panic!("typed took what checked refuses ({e}): {json}"));
                assert_eq!(typed, checked, "{json}");
                true
            }
            None => false,
        }
    }

    #[test]
    fn dates_in_ten_characters_read_as_chrono_reads_them() {
        let mut texts: Vec<String> = Vec::new();
        for year in [0, 1, 999, 1900, 2000, 2021, 2024, 9999] {
            for month in 0..=13 {
                for day in 0..=32 {
                    texts.push(format!("{year:04}-{month:02}-{day:02}"));
                }
            }
        }
        texts.push("2021-0a-01".into());
        for text in &texts {
            let chrono = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            assert_eq!(parse_date(text), chrono, "{text}");
        }
        // Other forms chrono reads are not dates here.
        for text in [
            "-021-08-04",
            "+2021-08-04",
            "2021-8-4",
            "12021-08-04",
            "2021/08/04",
            "2021-08-4 ",
            " 2021-8-04",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }

    #[test]
    fn the_typed_reader_takes_generated_rounds_as_the_checked_one_reads_them() {
        for seed in 0..20 {
            let size = usize::try_from(seed).unwrap();
            let problem = crate::generate::generate(1 + size % 7, 3 * size, seed);
            for json in [
                serde_json::to_string(&problem).unwrap(),
                serde_json::to_string_pretty(&problem).unwrap(),
            ] {
                assert!(
                    same_reading(&json),
                    "seed {seed}: the typed reader refused {json}"
                );
                assert_eq!(parse_checked(&json).unwrap(), problem);
            }
        }
    }

    /// Values the typed reader must refuse or read exactly as the checked reader does.
    const ODD_VALUES: &[&str] = &[
        "null",
        "5.0",
        "1e6",
        "-0",
        "-1",
        "-5.0",
        "0",
        "1e400",
        "18446744073709551615",
        "18446744073709551616",
        "9223372036854775808",
        "10.5",
        "true",
        "\"x\"",
        "\"\\u0041\"",
        "\"2021-02-30\"",
        "\"2021-8-4\"",
        "\" 2021-08-04\"",
        "\"2021-08-04 \"",
        "\"+2021-08-04\"",
        "\"02021-08-04\"",
        "[]",
        "[\"R00000\"]",
        "[1]",
        "{}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "[1e400]",
    ];

    #[test]
    fn the_typed_reader_never_takes_what_the_checked_one_reads_differently() {
        let mut rng = ChaCha8Rng::seed_from_u64(8);
        let base = serde_json::to_string(&crate::generate::generate(3, 5, 1)).unwrap();
        let keys: Vec<usize> = base.match_indices("\":").map(|(i, _)| i + 2).collect();
        let (mut taken, mut readable) = (0, 0);
        for _ in 0..4000 {
            let mut json = base.clone();
            for _ in 0..rng.random_range(1..3) {
                match rng.random_range(0..4) {
                    // Replace the value after a key with an odd one.
                    0 | 1 => {
                        let keys: Vec<usize> =
                            json.match_indices("\":").map(|(i, _)| i + 2).collect();
                        let at = keys[rng.random_range(0..keys.len())];
                        let end = json[at..].find([',', '}']).map_or(json.len(), |k| at + k);
                        let value = ODD_VALUES[rng.random_range(0..ODD_VALUES.len())];
                        json.replace_range(at..end, value);
                    }
                    // A key of the document again, or one it does not know (which both refuse),
                    // with an odd value.
                    2 => {
                        let at = keys[rng.random_range(0..keys.len())].min(json.len() - 1);
                        if let Some(open) = json[..at].rfind('{') {
                            let name = ["\"id\"", "\"date\"", "\"doses\"", "\"extra\""]
                                [rng.random_range(0..4)];
                            let value = ODD_VALUES[rng.random_range(0..ODD_VALUES.len())];
                            json.insert_str(open + 1, &format!("{name}: {value}, "));
                        }
                    }
                    // Cut a character out.
                    _ => {
                        let at = rng.random_range(0..json.len());
                        if json.is_char_boundary(at) && json.is_char_boundary(at + 1) {
                            json.remove(at);
                        }
                    }
                }
            }
            if same_reading(&json) {
                taken += 1;
            }
            if parse_checked(&json).is_ok() {
                readable += 1;
            }
        }
        // The typed reader still reads most of the documents the checked one reads (it
        // leaves it `5.0`, `null` where a value is required, and repeated keys): a floor, so
        // that a typed reader that refused everything would fail here.
        assert!(
            taken * 2 > readable,
            "the typed reader took only {taken} of the {readable} the checked one reads"
        );
    }
}
