//! The Equidose domain core: countries and income groups, coverage, the dose ledger's rules and GS1 pack data.
//!
//! Everything here is pure: no IO, no clock, no randomness. The main types:
//!
//! - [`country::CountryCode`], [`country::IncomeGroup`] and [`country::Country`]: who is covered;
//! - [`coverage::coverage_on`]: doses per 100 people by country or income group on a day,
//!   from each country's last reported cumulative total;
//! - [`ledger`]: accounts, movements and the rules that keep every dose accounted for;
//! - [`gs1`]: GS1 element strings as printed on vaccine packs;
//! - [`party`]: parties, roles, products and lots.

pub mod country;
pub mod coverage;
pub mod gs1;
pub mod ledger;
pub mod party;
