//! The Equidose domain core: countries and income groups, coverage, the dose ledger's rules and GS1 pack data.
//!
//! Everything here is pure: no IO, no clock, no randomness. The main types:
//!
//! - [`country::CountryCode`], [`country::IncomeGroup`] and [`country::Country`]: who is covered;
//! - [`coverage::coverage_on`]: doses per 100 people by country or income group on a day,
//!   from each country's last reported cumulative total;
//! - [`ledger`]: accounts, movements and the rules that keep every dose accounted for;
//! - [`gs1`]: GS1 element strings as printed on vaccine packs;
//! - [`party`]: parties, roles, products and lots;
//! - [`access`]: the one authorization policy (who may do what to which object);
//! - [`audit`]: the audit trail's vocabulary;
//! - [`time`]: [`time::Timestamp`] and the [`time::Clock`] the edges are given.

#![warn(missing_docs)]

pub mod access;
pub mod audit;
pub mod country;
pub mod coverage;
pub mod gs1;
pub mod ledger;
pub mod party;
pub mod time;
