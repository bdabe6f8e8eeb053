//! Time as the platform records it: [`Timestamp`] (UTC, milliseconds) and the [`Clock`] that
//! every edge is given, so that nothing in the core reads the system's time by itself.

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Serialize};

/// A moment in UTC, to the millisecond.
///
/// Stored and sent as fixed-width RFC 3339 text, `2021-08-06T09:30:00.000Z` (24 characters),
/// on both backends: with one width and one zone, text order is time order, so the
/// database sorts and compares timestamps as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp(DateTime<Utc>);

/// The length of every timestamp's text.
pub const TIMESTAMP_LENGTH_CHARS: usize = 24;

/// A text that is not a timestamp of the platform's form.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{input:?} is not a timestamp: expected UTC RFC 3339 with milliseconds, like 2021-08-06T09:30:00.000Z"
)]
pub struct TimestampError {
    input: String,
}

impl Timestamp {
    /// The moment, truncated to the millisecond.
    pub fn from_datetime(moment: DateTime<Utc>) -> Self {
        let millis = moment.timestamp_millis();
        Self(Utc.timestamp_millis_opt(millis).single().unwrap_or(moment))
    }

    /// Midnight UTC at the start of `day`.
    pub fn start_of(day: NaiveDate) -> Self {
        Self(day.and_time(chrono::NaiveTime::MIN).and_utc())
    }

    /// Parses the fixed-width form (and, for data written by hand, any RFC 3339 time).
    pub fn parse(text: &str) -> Result<Self, TimestampError> {
        DateTime::parse_from_rfc3339(text)
            .map(|moment| Self::from_datetime(moment.with_timezone(&Utc)))
            .map_err(|_| TimestampError {
                input: text.to_owned(),
            })
    }

    /// The day (UTC) this moment falls on.
    pub fn date(self) -> NaiveDate {
        self.0.date_naive()
    }

    /// The moment `duration` later (earlier when negative); saturates at the calendar's ends.
    pub fn plus(self, duration: Duration) -> Self {
        Self(self.0.checked_add_signed(duration).unwrap_or(self.0))
    }

    /// The moment as chrono's type.
    pub fn as_datetime(self) -> DateTime<Utc> {
        self.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0.to_rfc3339_opts(SecondsFormat::Millis, true))
    }
}

impl TryFrom<String> for Timestamp {
    type Error = TimestampError;
    fn try_from(text: String) -> Result<Self, TimestampError> {
        Self::parse(&text)
    }
}

impl From<Timestamp> for String {
    fn from(timestamp: Timestamp) -> String {
        timestamp.to_string()
    }
}

/// Where "now" comes from. The server is given one; tests give a fixed one.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current moment.
    fn now(&self) -> Timestamp;

    /// Today (UTC).
    fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

/// A clock that always says the same moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub Timestamp);

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_fixed_width_and_parses_back() {
        let moment = Timestamp::parse("2021-08-06T09:30:00.123456Z").unwrap();
        assert_eq!(moment.to_string(), "2021-08-06T09:30:00.123Z");
        assert_eq!(moment.to_string().len(), TIMESTAMP_LENGTH_CHARS);
        assert_eq!(Timestamp::parse(&moment.to_string()), Ok(moment));
        let midnight = Timestamp::start_of(NaiveDate::from_ymd_opt(2021, 8, 6).unwrap());
        assert_eq!(midnight.to_string(), "2021-08-06T00:00:00.000Z");
        assert!(Timestamp::parse("yesterday").is_err());
    }

    #[test]
    fn text_order_is_time_order() {
        let earlier = Timestamp::parse("2021-08-06T09:30:00.999Z").unwrap();
        let later = earlier.plus(Duration::milliseconds(1));
        assert!(earlier < later);
        assert!(earlier.to_string() < later.to_string());
    }
}
