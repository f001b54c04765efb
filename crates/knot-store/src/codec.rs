//! Column values and back: timestamps as sortable RFC 3339 text, dates as `YYYY-MM-DD`,
//! JSON-shaped fields as serde_json text, small counts as integers, words (roles, sides,
//! outcomes) as their names, and database errors as store errors. Shared by both backends, so
//! SQLite and PostgreSQL hold every value in the same form (nanoseconds included) and a
//! database can move from one to the other unchanged.

use chrono::{DateTime, Datelike, NaiveDate, SecondsFormat, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sqlx::error::ErrorKind;

use crate::error::{StoreError, StoreResult};
use knot_record::TenantCtx;
use knot_record::{Measure, Role, SessionOutcome, Side};

/// Encodes a time as UTC RFC 3339 with nine fractional digits, so text order is time order.
///
/// Years outside 0–9999 would break that order (and are never real diary dates), so they are
/// refused.
pub fn time_text(at: DateTime<Utc>) -> StoreResult<String> {
    if !(0..=9999).contains(&at.year()) {
        return Err(StoreError::Invalid(format!(
            "the time {at} is outside the years 0–9999; give a real date"
        )));
    }
    Ok(at.to_rfc3339_opts(SecondsFormat::Nanos, true))
}

/// Decodes a time written by [`time_text`].
pub fn parse_time(text: &str, column: &str) -> StoreResult<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|err| StoreError::Corrupt(format!("{column} {text:?} is not a time: {err}")))
}

/// Decodes an optional time column.
pub fn parse_optional_time(
    text: Option<String>,
    column: &str,
) -> StoreResult<Option<DateTime<Utc>>> {
    text.map(|text| parse_time(&text, column)).transpose()
}

/// Encodes a calendar date as `YYYY-MM-DD`.
pub fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Decodes a date written by [`date_text`].
pub fn parse_date(text: &str, column: &str) -> StoreResult<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|err| StoreError::Corrupt(format!("{column} {text:?} is not a date: {err}")))
}

/// Encodes a JSON-shaped field.
pub fn to_json<T: Serialize>(value: &T, column: &str) -> StoreResult<String> {
    serde_json::to_string(value)
        .map_err(|err| StoreError::Invalid(format!("the {column} cannot be stored: {err}")))
}

/// Decodes a JSON-shaped field.
pub fn from_json<T: DeserializeOwned>(text: &str, column: &str) -> StoreResult<T> {
    serde_json::from_str(text)
        .map_err(|err| StoreError::Corrupt(format!("{column} is not the expected JSON: {err}")))
}

/// Narrows a stored integer to the record's type.
pub fn narrow<T: TryFrom<i64>>(value: i64, column: &str) -> StoreResult<T> {
    T::try_from(value)
        .map_err(|_| StoreError::Corrupt(format!("{column} holds {value}, which is out of range")))
}

/// Refuses measures whose numbers JSON cannot hold: serde_json writes NaN and infinities as
/// `null`, which would silently lose the value.
pub fn check_measure(measure: &Measure) -> StoreResult<()> {
    let (number, what) = match measure {
        Measure::Threshold { kg_per_cm2, .. } => (*kg_per_cm2, "pressure threshold"),
        Measure::RangeOfMotion { degrees, .. } => (*degrees, "range of motion"),
        Measure::Pain { .. } | Measure::Function { .. } | Measure::Note { .. } => return Ok(()),
    };
    if number.is_finite() {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "the {what} value {number} is not a number that can be stored; give a finite number"
        )))
    }
}

/// The form an e-mail address is compared in: trimmed and lower-cased.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Decodes a stored role.
pub fn parse_role(word: &str) -> StoreResult<Role> {
    Role::parse(word).ok_or_else(|| StoreError::Corrupt(format!("unknown role {word:?}")))
}

/// Encodes how a session ended.
pub fn outcome_word(outcome: SessionOutcome) -> &'static str {
    match outcome {
        SessionOutcome::Completed => "completed",
        SessionOutcome::Stopped => "stopped",
        SessionOutcome::Quit => "quit",
    }
}

/// Decodes a word written by [`outcome_word`].
pub fn parse_outcome(word: &str) -> StoreResult<SessionOutcome> {
    match word {
        "completed" => Ok(SessionOutcome::Completed),
        "stopped" => Ok(SessionOutcome::Stopped),
        "quit" => Ok(SessionOutcome::Quit),
        _ => Err(StoreError::Corrupt(format!(
            "unknown session outcome {word:?}"
        ))),
    }
}

/// Decodes a stored side of the body.
pub fn parse_side(word: &str) -> StoreResult<Side> {
    Side::parse(word).ok_or_else(|| StoreError::Corrupt(format!("unknown side {word:?}")))
}

/// Whether a database error is a unique-constraint violation.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.kind() == ErrorKind::UniqueViolation)
}

/// Maps an error from a write to a tenant table. A foreign-key failure there means the
/// context names a person or user that is not in its clinic, which the caller sees as "no
/// such person" rather than as a database fault.
pub fn tenant_error(ctx: &TenantCtx) -> impl Fn(sqlx::Error) -> StoreError + '_ {
    move |err| match &err {
        sqlx::Error::Database(db) if db.kind() == ErrorKind::ForeignKeyViolation => {
            StoreError::NotFound {
                record: "person",
                id: ctx.person_id(),
            }
        }
        _ => StoreError::from(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn time_text_orders_like_time_across_fractions() {
        let whole = Utc.with_ymd_and_hms(2025, 3, 1, 8, 30, 0).unwrap();
        let later = whole + chrono::Duration::nanoseconds(1);
        let much_later = whole + chrono::Duration::seconds(1);
        let texts = [whole, later, much_later].map(|at| time_text(at).unwrap());
        assert!(texts[0] < texts[1] && texts[1] < texts[2], "{texts:?}");
        assert_eq!(parse_time(&texts[1], "t").unwrap(), later);
    }

    #[test]
    fn time_text_refuses_years_that_break_text_order() {
        let far = Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap();
        assert!(matches!(time_text(far), Err(StoreError::Invalid(_))));
    }

    #[test]
    fn check_measure_refuses_nan_and_infinity_but_not_zero() {
        let rom = |degrees| Measure::RangeOfMotion {
            movement: "shoulder-flexion".into(),
            degrees,
        };
        assert!(check_measure(&rom(0.0)).is_ok());
        assert!(check_measure(&rom(f64::NAN)).is_err());
        assert!(check_measure(&rom(f64::NEG_INFINITY)).is_err());
    }

    #[test]
    fn narrow_reports_out_of_range_values() {
        assert_eq!(narrow::<u8>(7, "score").unwrap(), 7);
        assert!(matches!(
            narrow::<u8>(300, "score"),
            Err(StoreError::Corrupt(_))
        ));
    }
}
