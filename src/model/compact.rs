//! Compact field types of [`super::Model`]. A cache can hold millions of models and every one
//! stays in memory, so each of these keeps a value, or its absence, in 8 bytes.

use std::fmt;
use std::num::NonZeroI64;
use std::ops::Deref;
use std::sync::Arc;

/// A UTC time to the millisecond, the precision of the Hub's times (`2024-02-19T11:06:12.000Z`).
/// `Option<HubTime>` takes 8 bytes: the time is stored as milliseconds since the Unix epoch with
/// the sign bit flipped, so that the one value never used, `i64::MIN`, is the zero the option's
/// `None` takes.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct HubTime(NonZeroI64);

impl HubTime {
    /// Reads an RFC 3339 time. The form the cache stores (`2024-02-19T11:06:12.000Z`) is read
    /// directly; any other form goes through a full RFC 3339 parse. `None` when the text is not
    /// a time.
    pub fn parse(text: &str) -> Option<HubTime> {
        let text = text.trim();
        match normalized_millis(text) {
            Some(millis) => HubTime::from_millis(millis),
            None => {
                let timestamp: jiff::Timestamp = text.parse().ok()?;
                HubTime::from_millis(timestamp.as_millisecond())
            }
        }
    }

    /// Returns the time `millis` milliseconds after 1970-01-01T00:00:00Z, or `None` outside the
    /// years -9999 to 9999 that RFC 3339 times can spell.
    pub fn from_millis(millis: i64) -> Option<HubTime> {
        jiff::Timestamp::from_millisecond(millis).ok()?;
        NonZeroI64::new(millis ^ i64::MIN).map(HubTime)
    }

    pub fn millis(self) -> i64 {
        self.0.get() ^ i64::MIN
    }

    pub fn timestamp(self) -> jiff::Timestamp {
        jiff::Timestamp::from_millisecond(self.millis()).expect("checked by HubTime::from_millis")
    }

    /// Formats the UTC day as `YYYY-MM-DD`.
    pub fn day(self) -> String {
        self.timestamp().strftime("%Y-%m-%d").to_string()
    }
}

impl PartialOrd for HubTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for HubTime {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.millis().cmp(&other.millis())
    }
}

/// The cache's form: UTC with milliseconds, `2024-02-19T11:06:12.000Z`.
impl fmt::Display for HubTime {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}",
            self.timestamp().strftime("%Y-%m-%dT%H:%M:%S%.3fZ")
        )
    }
}

impl fmt::Debug for HubTime {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "HubTime({self})")
    }
}

impl serde::Serialize for HubTime {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Reads the milliseconds of a time laid out exactly as `2024-02-19T11:06:12.000Z`, checking
/// that the date exists; `None` for any other text.
fn normalized_millis(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    if bytes.len() != 24 {
        return None;
    }
    let layout_ok = bytes.iter().enumerate().all(|(index, &byte)| match index {
        4 | 7 => byte == b'-',
        10 => byte == b'T',
        13 | 16 => byte == b':',
        19 => byte == b'.',
        23 => byte == b'Z',
        _ => byte.is_ascii_digit(),
    });
    if !layout_ok {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> i64 {
        bytes[range]
            .iter()
            .fold(0, |total, digit| total * 10 + i64::from(digit - b'0'))
    };
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let (hour, minute, second) = (number(11..13), number(14..16), number(17..19));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if !(1..=days_in_month).contains(&day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3_600 + minute * 60 + second;
    Some(seconds * 1_000 + number(20..23))
}

/// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A count the Hub may leave out (downloads, likes), in 8 bytes: `u64::MAX` stands for unknown,
/// and a count that large is stored as `u64::MAX - 1`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Count(u64);

impl Count {
    pub(crate) const UNKNOWN: Count = Count(u64::MAX);

    pub(crate) fn new(count: Option<u64>) -> Count {
        match count {
            Some(count) => Count(count.min(u64::MAX - 1)),
            None => Count::UNKNOWN,
        }
    }

    pub(crate) fn get(self) -> Option<u64> {
        (self != Count::UNKNOWN).then_some(self.0)
    }
}

impl serde::Serialize for Count {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.get().serialize(serializer)
    }
}

impl fmt::Debug for Count {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(formatter)
    }
}

/// A score the Hub may leave out, in 8 bytes: NaN stands for unknown, so a NaN score reads as
/// unknown too.
#[derive(Clone, Copy)]
pub(crate) struct Score(f64);

impl Score {
    pub(crate) fn new(score: Option<f64>) -> Score {
        Score(score.unwrap_or(f64::NAN))
    }

    pub(crate) fn get(self) -> Option<f64> {
        (!self.0.is_nan()).then_some(self.0)
    }
}

impl PartialEq for Score {
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get()
    }
}

impl fmt::Debug for Score {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.get().fmt(formatter)
    }
}

/// A text shared by many models (an author, a pipeline_tag, a library), behind one thin
/// pointer: `Option<SharedText>` takes 8 bytes where `Option<Arc<str>>` takes 16.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SharedText(Arc<Box<str>>);

impl SharedText {
    pub fn new(text: &str) -> SharedText {
        SharedText(Arc::new(text.into()))
    }

    /// True when both are the same shared copy.
    pub fn ptr_eq(this: &SharedText, other: &SharedText) -> bool {
        Arc::ptr_eq(&this.0, &other.0)
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl std::borrow::Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> SharedText {
        SharedText::new(text)
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        **self == *other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        **self == **other
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(formatter)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(formatter)
    }
}

impl serde::Serialize for SharedText {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sizes_leave_room_for_none() {
        assert_eq!(size_of::<Option<HubTime>>(), 8);
        assert_eq!(size_of::<Option<SharedText>>(), 8);
        assert_eq!(size_of::<Count>(), 8);
        assert_eq!(size_of::<Score>(), 8);
    }

    #[test]
    fn reads_and_writes_the_cache_form() {
        let time = HubTime::parse("2024-02-19T11:06:12.345Z").unwrap();
        assert_eq!(time.to_string(), "2024-02-19T11:06:12.345Z");
        assert_eq!(time.day(), "2024-02-19");
        let epoch = HubTime::parse("1970-01-01T00:00:00.000Z").unwrap();
        assert_eq!(epoch.millis(), 0);
        assert_eq!(epoch.to_string(), "1970-01-01T00:00:00.000Z");
    }

    #[test]
    fn reads_other_rfc_3339_forms() {
        let time = HubTime::parse("2024-02-19T13:06:12+02:00").unwrap();
        assert_eq!(time.to_string(), "2024-02-19T11:06:12.000Z");
        assert_eq!(HubTime::parse("not a date"), None);
        assert_eq!(HubTime::parse("2023-02-29T00:00:00.000Z"), None);
        assert_eq!(HubTime::parse("2024-13-01T00:00:00.000Z"), None);
    }

    #[test]
    fn orders_by_time() {
        let early = HubTime::parse("1969-12-31T23:59:59.999Z").unwrap();
        let late = HubTime::parse("2024-01-01T00:00:00.000Z").unwrap();
        assert!(early < late);
        assert!(early.millis() < 0);
    }

    #[test]
    fn counts_and_scores_keep_unknown_apart() {
        assert_eq!(Count::new(None).get(), None);
        assert_eq!(Count::new(Some(0)).get(), Some(0));
        assert_eq!(Count::new(Some(u64::MAX)).get(), Some(u64::MAX - 1));
        assert_eq!(Score::new(None).get(), None);
        assert_eq!(Score::new(Some(-1.5)).get(), Some(-1.5));
        assert_eq!(Score::new(Some(f64::NAN)).get(), None);
    }

    proptest! {
        #[test]
        fn the_direct_read_agrees_with_the_full_parse(millis in -62_135_596_800_000i64..253_402_300_799_999) {
            let timestamp = jiff::Timestamp::from_millisecond(millis).unwrap();
            let text = timestamp.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
            let time = HubTime::parse(&text).unwrap();
            prop_assert_eq!(time.millis(), millis);
            prop_assert_eq!(time.to_string(), text);
        }
    }
}
