//! Parties (countries, manufacturers, organizations), the roles of their users, and products.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::country::IncomeGroup;
use crate::gs1::Gtin;
use crate::ledger::{LotId, PartyCode};

named_enum!(
    /// What kind of party: it decides what the party's officials may do.
    PartyKind, "a party kind", {
        /// A country (ISO 3166-1 alpha-3 code): it asks for, receives and administers doses.
        Country => "country",
        /// A vaccine maker: it has products, registers lots and releases their doses.
        Manufacturer => "manufacturer",
        /// WHO, UNICEF or a pooled-procurement facility: it runs allocation rounds and
        /// oversees everything.
        Organization => "organization",
    }
);

named_enum!(
    /// A user's role within their party.
    Role, "a role", {
        /// Acts for the party.
        Official => "official",
        /// Reads what the party may read and changes nothing.
        Viewer => "viewer",
        /// Runs the platform: creates parties and users, never edits the ledger by hand.
        Admin => "admin",
    }
);

named_enum!(
    /// The cold chain a product needs.
    Storage, "a storage temperature", {
        /// Refrigerated, `2-8C`: between 2 and 8 degrees Celsius.
        Refrigerated => "2-8C",
        /// Frozen, `-20C`: at minus 20 degrees Celsius.
        Frozen => "-20C",
        /// Ultra-cold, `-70C`: at minus 70 degrees Celsius.
        UltraCold => "-70C",
    }
);

/// A party: who holds doses, asks for them, makes them or coordinates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    /// The party's code: its country code for a country, a lowercase slug otherwise.
    pub code: PartyCode,
    /// What kind of party it is.
    pub kind: PartyKind,
    /// The party's display name.
    pub name: String,
    /// Countries only.
    pub population: Option<i64>,
    /// Countries only.
    pub income_group: Option<IncomeGroup>,
}

/// A vaccine product of a manufacturer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// The product's code, unique among products, like `BNT162b2`.
    pub code: ProductCode,
    /// The manufacturer that makes it.
    pub manufacturer: PartyCode,
    /// The product's display name.
    pub name: String,
    /// The doses one person needs for a full course.
    pub doses_per_course: i64,
    /// The cold chain it needs.
    pub storage: Storage,
    /// The time from manufacture to expiry, in days.
    pub shelf_life_days: i64,
    /// The GTIN printed on its packs, by which a GS1 element string finds the product.
    pub gtin: Option<Gtin>,
}

/// A lot: doses of one product made together, with one expiry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lot {
    /// The id the store assigned when the lot was registered.
    pub id: LotId,
    /// The code of the lot's product.
    pub product: ProductCode,
    /// The manufacturer that made the lot and released its doses.
    pub manufacturer: PartyCode,
    /// The lot number (GS1 AI 10), unique per product.
    pub lot_number: LotNumber,
    /// The last day its doses may be used (GS1 AI 17).
    pub expiry: NaiveDate,
    /// Doses released when the lot was registered.
    pub doses: i64,
    /// The GTIN of the GS1 element string the lot was registered with, if it was.
    pub gtin: Option<Gtin>,
    /// The serial number (GS1 AI 21) of that element string, if it had one.
    pub serial: Option<String>,
}

// Limits on what a party or product may say, so that every field is bounded.

/// The longest display name of a party, product or token, in characters.
pub const NAME_LENGTH_CHARS_MAX: usize = 200;
/// The longest product code, in characters.
pub const PRODUCT_CODE_LENGTH_CHARS_MAX: usize = 64;
/// The longest lot number, as GS1 AI 10 allows it, in characters.
pub const LOT_NUMBER_LENGTH_CHARS_MAX: usize = 20;
/// The longest shelf life a product may have, ten years, in days.
pub const SHELF_LIFE_DAYS_MAX: i64 = 3_650;
/// The most doses a product's full course may take.
pub const DOSES_PER_COURSE_MAX: i64 = 10;
/// The largest population a country may have, in people.
pub const POPULATION_MAX: i64 = 10_000_000_000;

/// Characters that show nothing by themselves: format characters (zero-width spaces and
/// joiners, the byte-order mark, soft hyphens, word joiners) and the bidirectional marks.
fn is_invisible(character: char) -> bool {
    matches!(character,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{E0000}'..='\u{E007F}')
}

/// Bidirectional embeddings, overrides and isolates: they reorder the text around them
/// (the "Trojan Source" trick), so a name must not carry them.
fn is_bidi_control(character: char) -> bool {
    matches!(character, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks a display name: something visible, bounded, no control characters and no
/// bidirectional overrides.
pub fn check_name(name: &str) -> Result<(), String> {
    if name
        .chars()
        .all(|character| character.is_whitespace() || is_invisible(character))
    {
        Err("must not be blank (invisible characters alone do not count)".into())
    } else if name.chars().any(is_bidi_control) {
        Err("must not contain bidirectional control characters (U+202A to U+202E, U+2066 to U+2069)".into())
    } else if name.chars().count() > NAME_LENGTH_CHARS_MAX {
        Err(format!(
            "must be at most {NAME_LENGTH_CHARS_MAX} characters"
        ))
    } else if name.chars().any(char::is_control) {
        Err("must not contain control characters".into())
    } else {
        Ok(())
    }
}

macro_rules! checked_text {
    ($(#[$meta:meta])* $name:ident, $check:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The value, if `text` is one (see the check it is built by).
            pub fn parse(text: &str) -> Result<Self, String> {
                $check(text).map(|()| Self(text.to_owned()))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(text: &str) -> Result<Self, String> {
                Self::parse(text)
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(text: String) -> Result<Self, String> {
                Self::parse(&text)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str(&self.0)
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }
    };
}

checked_text!(
    /// A product's code, like `BNT162b2`: built only through [`ProductCode::parse`]
    /// ([`check_product_code`]), so every stored code is well formed.
    ProductCode,
    check_product_code
);

checked_text!(
    /// A lot number as GS1 allows it in AI 10, like `AB1234`: built only through
    /// [`LotNumber::parse`] ([`check_lot_number`]).
    LotNumber,
    check_lot_number
);

/// Checks a product code: letters, digits, `-`, `_` and `.`, like `BNT162b2` or `AZD1222`.
pub fn check_product_code(code: &str) -> Result<(), String> {
    let valid = !code.is_empty()
        && code.len() <= PRODUCT_CODE_LENGTH_CHARS_MAX
        && code
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.'));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "{code:?} is not a product code: 1 to {PRODUCT_CODE_LENGTH_CHARS_MAX} letters, digits, '-', '_' or '.'"
        ))
    }
}

/// Checks a lot number as GS1 allows it in AI 10: 1 to 20 printable ASCII characters.
pub fn check_lot_number(lot_number: &str) -> Result<(), String> {
    let valid = !lot_number.is_empty()
        && lot_number.len() <= LOT_NUMBER_LENGTH_CHARS_MAX
        && lot_number.bytes().all(|byte| byte.is_ascii_graphic());
    if valid {
        Ok(())
    } else {
        Err(format!(
            "{lot_number:?} is not a lot number: 1 to {LOT_NUMBER_LENGTH_CHARS_MAX} printable characters without spaces"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        for kind in PartyKind::ALL {
            assert_eq!(PartyKind::parse(kind.as_str()), Ok(*kind));
        }
        assert_eq!(Storage::parse("-70C"), Ok(Storage::UltraCold));
        assert_eq!(
            Role::parse("root").unwrap_err(),
            "\"root\" is not a role: expected one of \"official\", \"viewer\", \"admin\""
        );
    }

    #[test]
    fn fields_are_bounded() {
        assert!(check_name("Ethiopia").is_ok());
        assert!(check_name("  ").is_err());
        assert!(check_name("\u{200B}\u{200D}\u{FEFF}").is_err());
        assert!(check_name("\u{202E}\u{2066}").is_err());
        assert!(check_name("Ethiopia\u{202E}").is_err());
        assert!(check_name("Côte d'Ivoire").is_ok());
        assert!(check_name(&"x".repeat(201)).is_err());
        assert!(check_product_code("BNT162b2").is_ok());
        assert!(check_product_code("BNT 162").is_err());
        assert!(check_lot_number("AB1234").is_ok());
        assert!(check_lot_number("AB 1234").is_err());
        assert!(check_lot_number(&"1".repeat(21)).is_err());
    }
}
