//! The fast reader of the input JSON: straight into [`Problem`], without building a
//! `serde_json::Value` of the whole document first.
//!
//! It accepts only documents that the checked reader in `input` accepts too, and reads
//! them into the same values; anything else is an error here, and the caller then reads the
//! document again with the checked reader, which names the field and the reason. So it may
//! refuse more than it must (`5.0` or `null` for a population, a repeated key: all left to
//! the checked reader), never less. Its errors are never shown.
//!
//! What keeps the two in step: every value goes through the same `serde_json` parser
//! routines (numbers, strings, `null`); fields it does not know are read as a
//! `serde_json::Value`, as the checked reader reads them (so a number out of range or a
//! nesting too deep in one of them fails here too); dates are read by the same function.

use std::fmt;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::input::{Lot, Problem, Recipient, parse_date};

/// Reads a whole document, or fails (for the checked reader to say why).
pub(crate) fn read(json: &str) -> Option<Problem> {
    serde_json::from_str::<Typed<Problem>>(json)
        .ok()
        .map(|typed| typed.0)
}

/// A value read by this module's rules.
struct Typed<T>(T);

/// The index of an object's key among `names`, or `None` for a key the reader does not
/// know; read without allocating.
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Key {
    type Value = Option<usize>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.iter().position(|&name| name == key))
    }
}

/// Stores the value of a key seen for the first time; a repeated key is an error here (the
/// checked reader keeps the last value).
fn once<T, E: de::Error>(slot: &mut Option<Option<T>>, value: Option<T>) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::custom("repeated key"));
    }
    *slot = Some(value);
    Ok(())
}

/// A value that must be there and not `null`.
fn required<T, E: de::Error>(slot: Option<Option<T>>) -> Result<T, E> {
    slot.flatten()
        .ok_or_else(|| E::custom("required field is missing"))
}

/// Reads the value of a key the reader does not know, as the checked reader does. Not
/// with `IgnoredAny`: `serde_json` skips with it without the checks its parser makes
/// (numbers in range, nesting depth), so a document skipped that way could be one the
/// checked reader refuses.
fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<serde_json::Value>().map(drop)
}

/// A date string, read by the checked reader's function.
struct Date(NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl Visitor<'_> for DateVisitor {
            type Value = Date;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a date string")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
                parse_date(text)
                    .map(Date)
                    .ok_or_else(|| E::custom("not a date"))
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

/// An array of `T`, read element by element into one vector.
struct List<T>(Vec<T>);

impl<'de, T> Deserialize<'de> for List<T>
where
    Typed<T>: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T> Visitor<'de> for ListVisitor<T>
        where
            Typed<T>: Deserialize<'de>,
        {
            type Value = List<T>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("an array")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(Typed(item)) = seq.next_element::<Typed<T>>()? {
                    items.push(item);
                }
                Ok(List(items))
            }
        }
        deserializer.deserialize_seq(ListVisitor(std::marker::PhantomData))
    }
}

const PROBLEM_KEYS: &[&str] = &["date", "target_per_100", "recipients", "lots"];

impl<'de> Deserialize<'de> for Typed<Problem> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProblemVisitor;
        impl<'de> Visitor<'de> for ProblemVisitor {
            type Value = Typed<Problem>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a round")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut date = None;
                let mut target_per_100 = None;
                let mut recipients = None;
                let mut lots = None;
                while let Some(key) = map.next_key_seed(Key(PROBLEM_KEYS))? {
                    match key {
                        Some(0) => once(&mut date, map.next_value::<Option<Date>>()?)?,
                        Some(1) => once(&mut target_per_100, map.next_value::<Option<f64>>()?)?,
                        Some(2) => once(&mut recipients, map.next_value::<Option<List<_>>>()?)?,
                        Some(3) => once(&mut lots, map.next_value::<Option<List<_>>>()?)?,
                        _ => skip(&mut map)?,
                    }
                }
                Ok(Typed(Problem {
                    date: required(date)?.0,
                    target_per_100: target_per_100.flatten(),
                    recipients: required(recipients)?.0,
                    lots: required(lots)?.0,
                }))
            }
        }
        deserializer.deserialize_map(ProblemVisitor)
    }
}

const RECIPIENT_KEYS: &[&str] = &[
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

impl<'de> Deserialize<'de> for Typed<Recipient> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RecipientVisitor;
        impl<'de> Visitor<'de> for RecipientVisitor {
            type Value = Typed<Recipient>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a recipient")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut id = None;
                let mut population = None;
                let mut doses_received = None;
                let mut weight = None;
                let mut target_per_100 = None;
                let mut max_doses = None;
                let mut absorption_per_day = None;
                let mut start = None;
                let mut min_shelf_days = None;
                let mut products = None;
                while let Some(key) = map.next_key_seed(Key(RECIPIENT_KEYS))? {
                    match key {
                        Some(0) => once(&mut id, map.next_value::<Option<String>>()?)?,
                        Some(1) => once(&mut population, map.next_value::<Option<u64>>()?)?,
                        Some(2) => once(&mut doses_received, map.next_value::<Option<u64>>()?)?,
                        Some(3) => once(&mut weight, map.next_value::<Option<f64>>()?)?,
                        Some(4) => once(&mut target_per_100, map.next_value::<Option<f64>>()?)?,
                        Some(5) => once(&mut max_doses, map.next_value::<Option<u64>>()?)?,
                        Some(6) => {
                            once(&mut absorption_per_day, map.next_value::<Option<f64>>()?)?;
                        }
                        Some(7) => once(&mut start, map.next_value::<Option<Date>>()?)?,
                        Some(8) => once(&mut min_shelf_days, map.next_value::<Option<i64>>()?)?,
                        Some(9) => {
                            once(&mut products, map.next_value::<Option<Vec<String>>>()?)?;
                        }
                        _ => skip(&mut map)?,
                    }
                }
                Ok(Typed(Recipient {
                    id: required(id)?,
                    population: required(population)?,
                    doses_received: doses_received.flatten().unwrap_or(0),
                    weight: weight.flatten().unwrap_or(1.0),
                    target_per_100: target_per_100.flatten(),
                    max_doses: max_doses.flatten(),
                    absorption_per_day: absorption_per_day.flatten(),
                    start: start.flatten().map(|date| date.0),
                    min_shelf_days: min_shelf_days.flatten().unwrap_or(0),
                    products: products.flatten(),
                }))
            }
        }
        deserializer.deserialize_map(RecipientVisitor)
    }
}

const LOT_KEYS: &[&str] = &["id", "product", "doses", "expiry", "recipients"];

impl<'de> Deserialize<'de> for Typed<Lot> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LotVisitor;
        impl<'de> Visitor<'de> for LotVisitor {
            type Value = Typed<Lot>;

            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a lot")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut id = None;
                let mut product = None;
                let mut doses = None;
                let mut expiry = None;
                let mut recipients = None;
                while let Some(key) = map.next_key_seed(Key(LOT_KEYS))? {
                    match key {
                        Some(0) => once(&mut id, map.next_value::<Option<String>>()?)?,
                        Some(1) => once(&mut product, map.next_value::<Option<String>>()?)?,
                        Some(2) => once(&mut doses, map.next_value::<Option<u64>>()?)?,
                        Some(3) => once(&mut expiry, map.next_value::<Option<Date>>()?)?,
                        Some(4) => {
                            once(&mut recipients, map.next_value::<Option<Vec<String>>>()?)?;
                        }
                        _ => skip(&mut map)?,
                    }
                }
                Ok(Typed(Lot {
                    id: required(id)?,
                    product: required(product)?,
                    doses: required(doses)?,
                    expiry: required(expiry)?.0,
                    recipients: recipients.flatten(),
                }))
            }
        }
        deserializer.deserialize_map(LotVisitor)
    }
}
