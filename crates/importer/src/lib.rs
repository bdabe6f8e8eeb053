//! Importers: reference data from outside into the platform's domain types.
//!
//! - [`owid`] reads Our World in Data's vaccination table with the UN population table and
//!   the World Bank income classification, keeps every good row and reports every bad one
//!   with its file and line;
//! - [`snapshot`] is the compact daily table the project ships, derived from those files by
//!   [`snapshot::render`], so that a fresh clone works without them.
//!
//! Importers read and parse; storing the result is the store's business.

#![warn(missing_docs)]

pub mod owid;
pub mod snapshot;

pub use domain::country::{DoseReport, ReferenceData};
pub use owid::{ImportError, ImportSummary, Input, RowError, read_owid};
