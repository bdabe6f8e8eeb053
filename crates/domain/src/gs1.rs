//! GS1 element strings as printed on vaccine packs: GTIN, lot number, expiry date and serial number.
//!
//! Two forms are read:
//!
//! - the human-readable form, each application identifier (AI) in parentheses and in any
//!   order: `(01)09501101530003(17)220331(10)AB1234`. Spaces around elements, as printed
//!   under a barcode, are ignored. A value ends where the next `(` followed by two to four
//!   digits and `)` begins, so a lot number containing such a pattern cannot be written in
//!   this form (use the raw form);
//! - the raw form a scanner sends: AIs without parentheses, each variable-length field
//!   ended by the FNC1 separator (ASCII 29, GS) unless it is last:
//!   `010950110153000317220331` `10AB1234`. An optional symbology identifier (`]d2`,
//!   `]C1`, `]Q3`, `]e0`) and a leading separator are skipped.
//!
//! Only the AIs a vaccine lot needs are read: 01 (GTIN), 10 (lot number), 17 (expiry
//! date), 21 (serial number). Any other AI is refused rather than skipped, because in the
//! raw form an unknown AI's length is unknown and everything after it would be misread.
//!
//! Pure: no IO and no clock. The century of a two-digit expiry year is 2000 + YY in
//! [`parse_element_string`]; [`parse_element_string_in_year`] applies the GS1 General
//! Specifications' sliding window given the current year from outside.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// The longest element string read, in characters: a limit on the work one input can cause.
/// The four AIs with their longest values take 56 characters.
pub const ELEMENT_STRING_LENGTH_CHARS_MAX: usize = 200;

/// The longest lot number (AI 10) and serial number (AI 21), in characters.
pub const VARIABLE_FIELD_LENGTH_CHARS_MAX: usize = 20;

/// FNC1 as transmitted by a scanner: ASCII 29, "group separator".
pub const GROUP_SEPARATOR: char = '\u{1D}';

const SYMBOLOGY_IDENTIFIERS: [&str; 4] = ["]d2", "]C1", "]Q3", "]e0"];

/// Why an element string, a GTIN or a date cannot be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Gs1Error {
    /// The element string is empty or white space only.
    #[error(
        "the GS1 element string is empty; type or scan the text printed on the pack, such as (01)09501101530003(17)220331(10)AB1234"
    )]
    ElementStringEmpty,
    /// The element string is longer than [`ELEMENT_STRING_LENGTH_CHARS_MAX`] characters.
    #[error(
        "the GS1 element string has more than {maximum_chars} characters; a pack's element string is much shorter, so check that only one code was pasted"
    )]
    ElementStringTooLong {
        /// The longest element string read, in characters.
        maximum_chars: usize,
    },
    /// Something other than an application identifier stands where one must begin.
    #[error(
        "expected an application identifier at character {position}, like (01) or 01, but found {found:?}"
    )]
    ExpectedApplicationIdentifier {
        /// Where, counted in characters from 1.
        position: usize,
        /// The text there, at most 12 characters.
        found: String,
    },
    /// The element string uses an application identifier other than 01, 10, 17 and 21.
    #[error(
        "application identifier ({ai}) is not read here; a vaccine pack's element string uses (01) GTIN, (10) lot number, (17) expiry date and (21) serial number"
    )]
    UnknownApplicationIdentifier {
        /// The application identifier, like `10`.
        ai: String,
    },
    /// An application identifier appears twice.
    #[error("application identifier ({ai}) appears more than once; give each one once")]
    DuplicateApplicationIdentifier {
        /// The application identifier, like `10`.
        ai: String,
    },
    /// The element string has no (01) GTIN.
    #[error(
        "the element string has no GTIN; it must contain application identifier (01) followed by the pack's 14-digit GTIN"
    )]
    GtinMissing,
    /// An application identifier has no value.
    #[error("application identifier ({ai}) has no value; write the value right after it")]
    FieldEmpty {
        /// The application identifier, like `10`.
        ai: String,
    },
    /// A fixed-length value (the GTIN or the expiry date) contains something other than digits.
    #[error("({ai}) {value:?} must contain digits only")]
    FieldNotDigits {
        /// The application identifier, like `10`.
        ai: String,
        /// The value given.
        value: String,
    },
    /// A fixed-length value has too few or too many digits.
    #[error(
        "({ai}) must be followed by exactly {expected_chars} digits, but {value:?} has {length_chars}"
    )]
    FieldWrongLength {
        /// The application identifier, like `10`.
        ai: String,
        /// The value given.
        value: String,
        /// The length the application identifier requires, in characters.
        expected_chars: usize,
        /// The value's length, in characters.
        length_chars: usize,
    },
    /// A lot or serial number is longer than [`VARIABLE_FIELD_LENGTH_CHARS_MAX`] characters.
    #[error(
        "({ai}) {value:?} has {length_chars} characters, more than the {maximum_chars} allowed"
    )]
    FieldTooLong {
        /// The application identifier, like `10`.
        ai: String,
        /// The value given.
        value: String,
        /// The value's length, in characters.
        length_chars: usize,
        /// The longest value allowed, in characters.
        maximum_chars: usize,
    },
    /// A lot or serial number contains a character outside GS1's character set 82.
    #[error(
        "({ai}) {value:?} contains {character:?}, which GS1 does not allow here; use only letters A-Z and a-z, digits and !\"%&'()*+,-./:;<=>?_"
    )]
    FieldInvalidCharacter {
        /// The application identifier, like `10`.
        ai: String,
        /// The value given.
        value: String,
        /// The first character outside the set.
        character: char,
    },
    /// An (17) expiry date names no day of the calendar.
    #[error(
        "(17) {value:?} is not a date; an expiry date is YYMMDD with a month from 01 to 12 and a day that month has (00 means its last day)"
    )]
    ExpiryNotADate {
        /// The six digits given.
        value: String,
    },
    /// A GTIN contains something other than digits.
    #[error("GTIN {input:?} must contain digits only")]
    GtinNotDigits {
        /// The text given.
        input: String,
    },
    /// A GTIN has a number of digits other than 8, 12, 13 or 14.
    #[error("a GTIN has 8, 12, 13 or 14 digits, but {input:?} has {length_chars}")]
    GtinWrongLength {
        /// The text given.
        input: String,
        /// Its length, in characters.
        length_chars: usize,
    },
    /// A GTIN's last digit is not the check digit its other digits give.
    #[error(
        "GTIN {gtin} ends in check digit {found}, but its other digits give {expected}; check the number for a typing error"
    )]
    GtinCheckDigitMismatch {
        /// The GTIN given.
        gtin: String,
        /// The check digit its other digits give.
        expected: char,
        /// Its last digit.
        found: char,
    },
    /// An expiry date to write falls outside the years 2000 to 2099 that (17) YYMMDD covers.
    #[error(
        "expiry date {expiry} cannot be written as (17) YYMMDD, which covers 2000-01-01 to 2099-12-31"
    )]
    ExpiryNotEncodable {
        /// The date.
        expiry: NaiveDate,
    },
    /// A lot or serial number to write in the human-readable form contains text that reads as
    /// an application identifier in parentheses.
    #[error(
        "({ai}) {value:?} contains text that reads as an application identifier in parentheses, so it cannot be written in the human-readable form; use the raw form"
    )]
    ValueAmbiguousInHumanReadableForm {
        /// The application identifier, like `10`.
        ai: String,
        /// The value given.
        value: String,
    },
}

/// A Global Trade Item Number, normalised to 14 digits with a verified check digit.
/// Built only through [`Gtin::parse`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Gtin(String);

impl Gtin {
    /// Reads a GTIN-8, -12, -13 or -14, checks its check digit and pads it with leading
    /// zeros to 14 digits (padding does not change the check digit, which weighs digits
    /// from the right).
    pub fn parse(input: &str) -> Result<Gtin, Gs1Error> {
        if !input.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(Gs1Error::GtinNotDigits {
                input: input.to_owned(),
            });
        }
        // Digits only, so bytes and characters agree.
        let length_chars = input.len();
        if ![8, 12, 13, 14].contains(&length_chars) {
            return Err(Gs1Error::GtinWrongLength {
                input: input.to_owned(),
                length_chars,
            });
        }
        let (body, last) = input.split_at(length_chars - 1);
        let expected = check_digit(body);
        let found = char::from(last.as_bytes()[0]);
        if expected != found {
            return Err(Gs1Error::GtinCheckDigitMismatch {
                gtin: input.to_owned(),
                expected,
                found,
            });
        }
        Ok(Gtin(format!("{input:0>14}")))
    }

    /// The 14 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The GS1 mod-10 check digit of `body` (ASCII digits): weights 3, 1, 3, … from the right.
fn check_digit(body: &str) -> char {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(index, byte)| {
            let digit = u32::from(byte - b'0');
            if index % 2 == 0 { digit * 3 } else { digit }
        })
        .sum();
    let digit = (10 - sum % 10) % 10;
    char::from_digit(digit, 10).expect("a number below 10 is one digit")
}

impl FromStr for Gtin {
    type Err = Gs1Error;
    fn from_str(input: &str) -> Result<Gtin, Gs1Error> {
        Gtin::parse(input)
    }
}

impl TryFrom<String> for Gtin {
    type Error = Gs1Error;
    fn try_from(input: String) -> Result<Gtin, Gs1Error> {
        Gtin::parse(&input)
    }
}

impl From<Gtin> for String {
    fn from(gtin: Gtin) -> String {
        gtin.0
    }
}

impl fmt::Display for Gtin {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

/// What an element string says about a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gs1Data {
    /// The product's GTIN (AI 01).
    pub gtin: Gtin,
    /// The lot number (AI 10), if the string has one.
    pub lot_number: Option<String>,
    /// The expiry date (AI 17), if the string has one.
    pub expiry: Option<NaiveDate>,
    /// The pack's serial number (AI 21), if the string has one.
    pub serial: Option<String>,
}

impl Gs1Data {
    /// The human-readable form, AIs in the order 01, 17, 10, 21, as on the spec's example.
    /// Refuses values [`parse_element_string`] would not read back identically.
    pub fn to_element_string(&self) -> Result<String, Gs1Error> {
        let mut text = format!("(01){}", self.gtin);
        if let Some(expiry) = self.expiry {
            text.push_str("(17)");
            text.push_str(&format_expiry(expiry)?);
        }
        for (ai, value) in [("10", &self.lot_number), ("21", &self.serial)] {
            if let Some(value) = value {
                check_variable_field(ai, value)?;
                let characters: Vec<char> = value.chars().collect();
                if (0..characters.len()).any(|index| ai_in_parentheses_at(&characters, index)) {
                    return Err(Gs1Error::ValueAmbiguousInHumanReadableForm {
                        ai: ai.to_owned(),
                        value: value.clone(),
                    });
                }
                text.push_str(&format!("({ai}){value}"));
            }
        }
        Ok(text)
    }

    /// The raw form a scanner sends: fixed-length fields first, then the variable-length
    /// ones, each but the last ended by [`GROUP_SEPARATOR`].
    pub fn to_raw_element_string(&self) -> Result<String, Gs1Error> {
        let mut text = format!("01{}", self.gtin);
        if let Some(expiry) = self.expiry {
            text.push_str("17");
            text.push_str(&format_expiry(expiry)?);
        }
        let mut variable_fields = Vec::new();
        for (ai, value) in [("10", &self.lot_number), ("21", &self.serial)] {
            if let Some(value) = value {
                check_variable_field(ai, value)?;
                variable_fields.push(format!("{ai}{value}"));
            }
        }
        text.push_str(&variable_fields.join(&GROUP_SEPARATOR.to_string()));
        Ok(text)
    }
}

fn format_expiry(expiry: NaiveDate) -> Result<String, Gs1Error> {
    if !(2000..=2099).contains(&expiry.year()) {
        return Err(Gs1Error::ExpiryNotEncodable { expiry });
    }
    Ok(format!(
        "{:02}{:02}{:02}",
        expiry.year() - 2000,
        expiry.month(),
        expiry.day()
    ))
}

/// Reads an element string in either form, a two-digit expiry year YY meaning 2000 + YY.
///
/// Checks, in order: the input is not empty and not over
/// [`ELEMENT_STRING_LENGTH_CHARS_MAX`]; then each element from left to right (its AI is
/// known and not repeated, its value well formed); then that a GTIN was given.
pub fn parse_element_string(input: &str) -> Result<Gs1Data, Gs1Error> {
    parse_with_century(input, &|two_digit_year| 2000 + two_digit_year)
}

/// Reads an element string like [`parse_element_string`], choosing the century of a
/// two-digit expiry year by the GS1 General Specifications' rule (section 7.12) relative
/// to `current_year`: a year 51 to 99 years ahead of the current one is in the previous
/// century, a year 50 to 99 years behind it in the next, any other in the current century.
pub fn parse_element_string_in_year(input: &str, current_year: i32) -> Result<Gs1Data, Gs1Error> {
    // In i64, so that no `current_year` can overflow; a century chrono cannot represent
    // makes the date invalid instead.
    let current_year = i64::from(current_year);
    let current_century = current_year.div_euclid(100) * 100;
    let current_two_digit_year = current_year.rem_euclid(100);
    parse_with_century(input, &|two_digit_year| {
        let difference = two_digit_year - current_two_digit_year;
        if difference >= 51 {
            current_century - 100 + two_digit_year
        } else if difference <= -50 {
            current_century + 100 + two_digit_year
        } else {
            current_century + two_digit_year
        }
    })
}

/// The fields read so far; each AI at most once.
#[derive(Default)]
struct Fields {
    gtin: Option<Gtin>,
    lot_number: Option<String>,
    expiry: Option<NaiveDate>,
    serial: Option<String>,
}

fn parse_with_century(input: &str, year_of: &dyn Fn(i64) -> i64) -> Result<Gs1Data, Gs1Error> {
    // Bound the work before looking at anything else.
    if input
        .chars()
        .nth(ELEMENT_STRING_LENGTH_CHARS_MAX * 2)
        .is_some()
    {
        return Err(Gs1Error::ElementStringTooLong {
            maximum_chars: ELEMENT_STRING_LENGTH_CHARS_MAX,
        });
    }
    // Whitespace is in no field's character set, so trimming cannot change a value.
    let trimmed = input.trim_matches(|character: char| character.is_whitespace());
    if trimmed.is_empty() {
        return Err(Gs1Error::ElementStringEmpty);
    }
    let characters: Vec<char> = trimmed.chars().collect();
    if characters.len() > ELEMENT_STRING_LENGTH_CHARS_MAX {
        return Err(Gs1Error::ElementStringTooLong {
            maximum_chars: ELEMENT_STRING_LENGTH_CHARS_MAX,
        });
    }
    let mut fields = Fields::default();
    if characters[0] == '(' {
        parse_human_readable(&characters, &mut fields, year_of)?;
    } else {
        parse_raw(&characters, &mut fields, year_of)?;
    }
    Ok(Gs1Data {
        gtin: fields.gtin.ok_or(Gs1Error::GtinMissing)?,
        lot_number: fields.lot_number,
        expiry: fields.expiry,
        serial: fields.serial,
    })
}

/// The length of the `(` + two to four digits + `)` starting at `index`, if there is one.
fn ai_in_parentheses_length(characters: &[char], index: usize) -> Option<usize> {
    if characters.get(index) != Some(&'(') {
        return None;
    }
    let digits = characters[index + 1..]
        .iter()
        .take(4)
        .take_while(|character| character.is_ascii_digit())
        .count();
    let closed = characters.get(index + 1 + digits) == Some(&')');
    ((2..=4).contains(&digits) && closed).then_some(digits + 2)
}

fn ai_in_parentheses_at(characters: &[char], index: usize) -> bool {
    ai_in_parentheses_length(characters, index).is_some()
}

fn excerpt(characters: &[char], start: usize) -> String {
    characters[start..].iter().take(12).collect()
}

fn parse_human_readable(
    characters: &[char],
    fields: &mut Fields,
    year_of: &dyn Fn(i64) -> i64,
) -> Result<(), Gs1Error> {
    let mut position = 0;
    while position < characters.len() {
        if characters[position] == ' ' {
            position += 1;
            continue;
        }
        let Some(ai_length) = ai_in_parentheses_length(characters, position) else {
            return Err(Gs1Error::ExpectedApplicationIdentifier {
                position: position + 1,
                found: excerpt(characters, position),
            });
        };
        let ai: String = characters[position + 1..position + ai_length - 1]
            .iter()
            .collect();
        let value_start = position + ai_length;
        let value_end = (value_start..characters.len())
            .find(|index| ai_in_parentheses_at(characters, *index))
            .unwrap_or(characters.len());
        let value: String = characters[value_start..value_end].iter().collect();
        set_field(fields, &ai, value.trim_matches(' '), year_of)?;
        position = value_end;
    }
    Ok(())
}

fn parse_raw(
    characters: &[char],
    fields: &mut Fields,
    year_of: &dyn Fn(i64) -> i64,
) -> Result<(), Gs1Error> {
    let text: String = characters.iter().collect();
    let mut position = SYMBOLOGY_IDENTIFIERS
        .iter()
        .find(|identifier| text.starts_with(**identifier))
        .map_or(0, |identifier| identifier.len());
    while position < characters.len() {
        // A separator at the start stands for FNC1 in first position; one after a
        // fixed-length field is redundant but common. Neither carries meaning.
        if characters[position] == GROUP_SEPARATOR {
            position += 1;
            continue;
        }
        let ai_end = position + 2;
        let is_ai = characters
            .get(position..ai_end)
            .is_some_and(|ai| ai.iter().all(char::is_ascii_digit));
        if !is_ai {
            return Err(Gs1Error::ExpectedApplicationIdentifier {
                position: position + 1,
                found: excerpt(characters, position),
            });
        }
        let ai: String = characters[position..ai_end].iter().collect();
        let fixed_length = match ai.as_str() {
            "01" => Some(14),
            "17" => Some(6),
            "10" | "21" => None,
            _ => return Err(Gs1Error::UnknownApplicationIdentifier { ai }),
        };
        // A fixed-length field ends after its length or at a separator, whichever is
        // first (a short one is then refused by its length check); a variable-length one
        // at a separator or the end.
        let limit = fixed_length.map_or(characters.len(), |length| {
            (ai_end + length).min(characters.len())
        });
        let value_end = (ai_end..limit)
            .find(|index| characters[*index] == GROUP_SEPARATOR)
            .unwrap_or(limit);
        let value: String = characters[ai_end..value_end].iter().collect();
        set_field(fields, &ai, &value, year_of)?;
        position = value_end;
    }
    Ok(())
}

fn set_field(
    fields: &mut Fields,
    ai: &str,
    value: &str,
    year_of: &dyn Fn(i64) -> i64,
) -> Result<(), Gs1Error> {
    let already_given = match ai {
        "01" => fields.gtin.is_some(),
        "10" => fields.lot_number.is_some(),
        "17" => fields.expiry.is_some(),
        "21" => fields.serial.is_some(),
        _ => {
            return Err(Gs1Error::UnknownApplicationIdentifier { ai: ai.to_owned() });
        }
    };
    if already_given {
        return Err(Gs1Error::DuplicateApplicationIdentifier { ai: ai.to_owned() });
    }
    match ai {
        "01" => {
            check_fixed_digits(ai, value, 14)?;
            fields.gtin = Some(Gtin::parse(value)?);
        }
        "17" => {
            check_fixed_digits(ai, value, 6)?;
            fields.expiry = Some(parse_expiry(value, year_of)?);
        }
        "10" => {
            check_variable_field(ai, value)?;
            fields.lot_number = Some(value.to_owned());
        }
        _ => {
            check_variable_field(ai, value)?;
            fields.serial = Some(value.to_owned());
        }
    }
    Ok(())
}

fn check_fixed_digits(ai: &str, value: &str, expected_chars: usize) -> Result<(), Gs1Error> {
    if value.is_empty() {
        return Err(Gs1Error::FieldEmpty { ai: ai.to_owned() });
    }
    if !value.chars().all(|character| character.is_ascii_digit()) {
        return Err(Gs1Error::FieldNotDigits {
            ai: ai.to_owned(),
            value: value.to_owned(),
        });
    }
    let length_chars = value.len();
    if length_chars != expected_chars {
        return Err(Gs1Error::FieldWrongLength {
            ai: ai.to_owned(),
            value: value.to_owned(),
            expected_chars,
            length_chars,
        });
    }
    Ok(())
}

/// GS1 AI encodable character set 82, which lot and serial numbers are written in.
fn is_in_character_set_82(character: char) -> bool {
    character.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(character)
}

fn check_variable_field(ai: &str, value: &str) -> Result<(), Gs1Error> {
    if value.is_empty() {
        return Err(Gs1Error::FieldEmpty { ai: ai.to_owned() });
    }
    let length_chars = value.chars().count();
    if length_chars > VARIABLE_FIELD_LENGTH_CHARS_MAX {
        return Err(Gs1Error::FieldTooLong {
            ai: ai.to_owned(),
            value: value.to_owned(),
            length_chars,
            maximum_chars: VARIABLE_FIELD_LENGTH_CHARS_MAX,
        });
    }
    if let Some(character) = value
        .chars()
        .find(|character| !is_in_character_set_82(*character))
    {
        return Err(Gs1Error::FieldInvalidCharacter {
            ai: ai.to_owned(),
            value: value.to_owned(),
            character,
        });
    }
    Ok(())
}

/// YYMMDD (ASCII digits, checked by the caller); a day of 00 means the month's last day.
fn parse_expiry(value: &str, year_of: &dyn Fn(i64) -> i64) -> Result<NaiveDate, Gs1Error> {
    let number = |range: std::ops::Range<usize>| -> u32 {
        value[range]
            .parse()
            .expect("two ASCII digits, checked by the caller")
    };
    let (month, day) = (number(2..4), number(4..6));
    let year = i32::try_from(year_of(i64::from(number(0..2)))).ok();
    let date = year.and_then(|year| {
        if day == 0 {
            NaiveDate::from_ymd_opt(year, month, 1)
                .and_then(|first| first.checked_add_months(Months::new(1)))
                .and_then(|next_month| next_month.pred_opt())
        } else {
            NaiveDate::from_ymd_opt(year, month, day)
        }
    });
    date.ok_or_else(|| Gs1Error::ExpiryNotADate {
        value: value.to_owned(),
    })
}
