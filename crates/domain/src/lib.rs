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

/// An enum of names used in the API and the database: `ALL`, `as_str`, `parse` (whose
/// error says what was expected, `$error` naming the kind of value) and `Display`.
macro_rules! named_enum {
    (
        $(#[$meta:meta])* $name:ident, $error:literal,
        { $($(#[$variant_meta:meta])* $variant:ident => $text:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$variant_meta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name used in the API and the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// Parses the name used in the API and the database.
            pub fn parse(text: &str) -> Result<Self, String> {
                Self::ALL.iter().copied().find(|value| value.as_str() == text).ok_or_else(|| {
                    let names: Vec<String> = Self::ALL.iter().map(|value| format!("{:?}", value.as_str())).collect();
                    format!("{text:?} is not {}: expected one of {}", $error, names.join(", "))
                })
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(self.as_str())
            }
        }
    };
}

pub mod access;
pub mod audit;
pub mod cooperation;
pub mod country;
pub mod coverage;
pub mod gs1;
pub mod ledger;
pub mod party;
pub mod time;
pub mod webhook;
