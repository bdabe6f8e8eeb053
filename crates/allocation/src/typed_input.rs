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
//! routines (numbers, strings, `null`); both know the same names (`input::PROBLEM_FIELDS`,
//! `RECIPIENT_FIELDS`, `LOT_FIELDS`), and a name neither knows fails here at once, so the
//! checked reader names it; dates are read by the same function.

use std::fmt;

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::input::{
    LOT_FIELDS, Lot, PROBLEM_FIELDS, Problem, RECIPIENT_FIELDS, Recipient, parse_date,
};

/// Reads a whole document, or fails (for the checked reader to say why).
pub(crate) fn read(json: &str) -> Option<Problem> {
    serde_json::from_str::<Typed<Problem>>(json)
        .ok()
        .map(|typed| typed.0)
}

/// A value read by this module's rules.
struct Typed<T>(T);

/// The index of an object's key among `names`, read without allocating; a key the reader
/// does not know is an error (the checked reader then names it).
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = usize;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for Key {
    type Value = usize;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        self.0
            .iter()
            .position(|&name| name == key)
            .ok_or_else(|| E::custom("unknown field"))
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
                while let Some(key) = map.next_key_seed(Key(PROBLEM_FIELDS))? {
                    match key {
                        0 => once(&mut date, map.next_value::<Option<Date>>()?)?,
                        1 => once(&mut target_per_100, map.next_value::<Option<f64>>()?)?,
                        2 => once(&mut recipients, map.next_value::<Option<List<_>>>()?)?,
                        3 => once(&mut lots, map.next_value::<Option<List<_>>>()?)?,
                        _ => return Err(de::Error::custom("unknown field")),
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
                while let Some(key) = map.next_key_seed(Key(RECIPIENT_FIELDS))? {
                    match key {
                        0 => once(&mut id, map.next_value::<Option<String>>()?)?,
                        1 => once(&mut population, map.next_value::<Option<u64>>()?)?,
                        2 => once(&mut doses_received, map.next_value::<Option<u64>>()?)?,
                        3 => once(&mut weight, map.next_value::<Option<f64>>()?)?,
                        4 => once(&mut target_per_100, map.next_value::<Option<f64>>()?)?,
                        5 => once(&mut max_doses, map.next_value::<Option<u64>>()?)?,
                        6 => {
                            once(&mut absorption_per_day, map.next_value::<Option<f64>>()?)?;
                        }
                        7 => once(&mut start, map.next_value::<Option<Date>>()?)?,
                        8 => once(&mut min_shelf_days, map.next_value::<Option<i64>>()?)?,
                        9 => {
                            once(&mut products, map.next_value::<Option<Vec<String>>>()?)?;
                        }
                        _ => return Err(de::Error::custom("unknown field")),
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
                while let Some(key) = map.next_key_seed(Key(LOT_FIELDS))? {
                    match key {
                        0 => once(&mut id, map.next_value::<Option<String>>()?)?,
                        1 => once(&mut product, map.next_value::<Option<String>>()?)?,
                        2 => once(&mut doses, map.next_value::<Option<u64>>()?)?,
                        3 => once(&mut expiry, map.next_value::<Option<Date>>()?)?,
                        4 => {
                            once(&mut recipients, map.next_value::<Option<Vec<String>>>()?)?;
                        }
                        _ => return Err(de::Error::custom("unknown field")),
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
