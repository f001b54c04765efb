//! When an entry applies: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` in the person's time zone, never
//! later than now (a minute's grace for clocks), never before 1900.
//!
//! Pure: the caller passes "now" in the time zone to read dates in (the CLI passes local time).

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

use super::error::MeasureError;

/// How far in the future a time may be (clocks disagree a little).
pub const CLOCK_GRACE: Duration = Duration::minutes(1);

/// The earliest day any record may be dated. Nobody's records start before 1900, so an earlier
/// date is a slip (a year typed as `1` or `26`), and refusing it keeps a mistyped record from
/// stretching every chart and day-by-day report across centuries.
pub fn earliest_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or(NaiveDate::MIN)
}

/// Where an instant falls outside what a record may be dated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutOfBounds {
    /// Later than now (beyond [`CLOCK_GRACE`]).
    Future,
    /// Before [`earliest_day`].
    TooEarly,
}

/// Whether a record may be dated `at`: not after now (with [`CLOCK_GRACE`]) and not before
/// [`earliest_day`]. The one rule for diary entries and sessions, from every front end.
pub fn check_when(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), OutOfBounds> {
    if at > now + CLOCK_GRACE {
        Err(OutOfBounds::Future)
    } else if at.date_naive() < earliest_day() {
        Err(OutOfBounds::TooEarly)
    } else {
        Ok(())
    }
}

/// The time an entry applies at. A date alone means now when it is today, else noon that day.
pub fn recorded_at<Tz: TimeZone>(
    typed: Option<&str>,
    now: &DateTime<Tz>,
) -> Result<DateTime<Utc>, MeasureError> {
    let Some(typed) = typed else {
        return Ok(now.with_timezone(&Utc));
    };
    let text = typed.trim();
    let bad = || MeasureError::BadTime {
        given: typed.to_string(),
    };
    let local = match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(date) if date == now.date_naive() => now.naive_local(),
        Ok(date) => date.and_time(NaiveTime::from_hms_opt(12, 0, 0).ok_or_else(bad)?),
        Err(_) => ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
            .iter()
            .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
            .ok_or_else(bad)?,
    };
    let at = in_zone(&now.timezone(), local).ok_or_else(bad)?;
    match check_when(at, now.with_timezone(&Utc)) {
        Ok(()) => Ok(at),
        Err(OutOfBounds::Future) => Err(MeasureError::FutureTime {
            given: typed.to_string(),
        }),
        Err(OutOfBounds::TooEarly) => Err(bad()),
    }
}

/// The start of a day (`YYYY-MM-DD`) in the time zone of `now`, for "since" filters.
pub fn start_of_day<Tz: TimeZone>(
    typed: &str,
    now: &DateTime<Tz>,
) -> Result<DateTime<Utc>, MeasureError> {
    let bad = || MeasureError::BadTime {
        given: typed.to_string(),
    };
    let date = NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").map_err(|_| bad())?;
    in_zone(&now.timezone(), date.and_time(NaiveTime::MIN)).ok_or_else(bad)
}

/// A local wall-clock time in a zone; on a daylight-saving fold, the earlier instant. A time
/// skipped by a clock change does not exist and gives None.
fn in_zone<Tz: TimeZone>(zone: &Tz, local: NaiveDateTime) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&local)
        .earliest()
        .map(|at| at.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    fn now() -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339("2024-03-05T10:00:00-05:00").unwrap()
    }

    #[test]
    fn no_time_means_now() {
        assert_eq!(recorded_at(None, &now()), Ok(now().with_timezone(&Utc)));
    }

    #[test]
    fn a_date_and_time_is_read_in_the_local_zone() {
        let at = recorded_at(Some("2024-03-04T08:30"), &now()).unwrap();
        assert_eq!(at.to_rfc3339(), "2024-03-04T13:30:00+00:00");
        let spaced = recorded_at(Some("2024-03-04 08:30"), &now()).unwrap();
        assert_eq!(spaced, at);
    }

    #[test]
    fn a_past_date_alone_means_noon_and_today_means_now() {
        let at = recorded_at(Some("2024-03-01"), &now()).unwrap();
        assert_eq!(at.to_rfc3339(), "2024-03-01T17:00:00+00:00");
        assert_eq!(
            recorded_at(Some("2024-03-05"), &now()),
            Ok(now().with_timezone(&Utc))
        );
    }

    #[test]
    fn the_future_is_refused_beyond_a_minute() {
        assert!(recorded_at(Some("2024-03-05T10:01"), &now()).is_ok());
        assert!(matches!(
            recorded_at(Some("2024-03-05T10:02"), &now()),
            Err(MeasureError::FutureTime { .. })
        ));
        assert!(recorded_at(Some("2024-03-06"), &now()).is_err());
    }

    #[test]
    fn unreadable_times_say_how_to_write_them() {
        for bad in [
            "yesterday",
            "05/03/2024",
            "2024-02-30",
            "2024-03-04T25:00",
            "1850-01-01",
        ] {
            let error = recorded_at(Some(bad), &now()).unwrap_err();
            assert!(error.to_string().contains("YYYY-MM-DD"), "{bad}: {error}");
        }
    }

    #[test]
    fn start_of_day_is_local_midnight() {
        let at = start_of_day("2024-03-01", &now()).unwrap();
        assert_eq!(at.to_rfc3339(), "2024-03-01T05:00:00+00:00");
        assert!(start_of_day("March", &now()).is_err());
    }
}

#[cfg(test)]
mod bounds_tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2024-03-05T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn check_when_refuses_the_year_one_and_later_than_now_but_allows_the_clock_grace() {
        let year_one = NaiveDate::from_ymd_opt(1, 3, 5)
            .unwrap()
            .and_hms_opt(8, 0, 0)
            .unwrap()
            .and_utc();
        assert_eq!(check_when(year_one, now()), Err(OutOfBounds::TooEarly));
        let first_day = earliest_day().and_hms_opt(0, 0, 0).unwrap().and_utc();
        assert_eq!(check_when(first_day, now()), Ok(()));
        assert_eq!(check_when(now() + CLOCK_GRACE, now()), Ok(()));
        assert_eq!(
            check_when(now() + CLOCK_GRACE + Duration::seconds(1), now()),
            Err(OutOfBounds::Future)
        );
    }
}
