//! How long a clinic keeps a client's records, and whether they may be deleted yet.
//!
//! Ontario (CMTO Standard of Practice, record keeping; the same rule as the other Ontario health
//! colleges): keep a client's health record at least ten years after the last visit or, if the
//! client was under 18 at the last visit, ten years after the day they turned, or would have
//! turned, 18. Taking the later of the two dates covers both cases. Other provinces differ, so
//! both numbers are clinic settings with Ontario's as the defaults.
//!
//! Dates err on the side of keeping: "ten years after" keeps the record through the anniversary
//! itself, and a 29 February birthday or last visit lands on 1 March in a common year.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// A clinic's retention rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionSettings {
    /// Years to keep after the last visit (Ontario: 10).
    pub years_after_last_visit: u32,
    /// The age of majority (Ontario: 18); a minor's records are kept
    /// `years_after_last_visit` years past it.
    pub age_of_majority: u32,
}

impl RetentionSettings {
    /// Ontario's rule: 10 years after the last visit, or until the client's 28th birthday.
    pub const ONTARIO: RetentionSettings = RetentionSettings {
        years_after_last_visit: 10,
        age_of_majority: 18,
    };
}

impl Default for RetentionSettings {
    fn default() -> RetentionSettings {
        RetentionSettings::ONTARIO
    }
}

/// The last day the records must be kept: the later of `years_after_last_visit` after the last
/// visit and, when the birth date is known, `age_of_majority + years_after_last_visit` years
/// after birth.
pub fn keep_until(
    last_visit: NaiveDate,
    birth_date: Option<NaiveDate>,
    settings: &RetentionSettings,
) -> NaiveDate {
    let after_visit = add_years(last_visit, settings.years_after_last_visit);
    match birth_date {
        Some(birth) => {
            let years = settings.age_of_majority + settings.years_after_last_visit;
            after_visit.max(add_years(birth, years))
        }
        None => after_visit,
    }
}

/// `Ok` when the records may be deleted on `today`; otherwise the date they are kept until and
/// which rule sets it.
pub fn may_delete(
    today: NaiveDate,
    last_visit: NaiveDate,
    birth_date: Option<NaiveDate>,
    settings: &RetentionSettings,
) -> Result<(), String> {
    let until = keep_until(last_visit, birth_date, settings);
    if today > until {
        return Ok(());
    }
    let years = settings.years_after_last_visit;
    let why = if until == add_years(last_visit, years) {
        format!("{years} years after the last visit on {last_visit}")
    } else {
        format!(
            "{years} years after the client's {}th birthday: they were a minor at the last visit on {last_visit}",
            settings.age_of_majority
        )
    };
    Err(format!(
        "these records must be kept until {until} ({why}); they may be deleted from {}",
        until.succ_opt().unwrap_or(until)
    ))
}

/// `date` plus whole years; 29 February goes to 1 March in a common year (the later day).
fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    let year = i32::try_from(years)
        .ok()
        .and_then(|y| date.year().checked_add(y));
    let Some(year) = year else {
        return NaiveDate::MAX;
    };
    date.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const ON: RetentionSettings = RetentionSettings::ONTARIO;

    #[test]
    fn an_adult_is_kept_ten_years_after_the_last_visit() {
        assert_eq!(
            keep_until(d(2020, 3, 15), Some(d(1980, 6, 1)), &ON),
            d(2030, 3, 15)
        );
        assert_eq!(keep_until(d(2020, 3, 15), None, &ON), d(2030, 3, 15));
    }

    #[test]
    fn a_minor_is_kept_until_the_twenty_eighth_birthday() {
        // Twelve at the last visit: ten years after 18 is later than ten after the visit.
        assert_eq!(
            keep_until(d(2020, 3, 15), Some(d(2008, 6, 1)), &ON),
            d(2036, 6, 1)
        );
        // Seventeen at the last visit, turning 18 soon after: the birthday rule still wins.
        assert_eq!(
            keep_until(d(2020, 3, 15), Some(d(2002, 6, 1)), &ON),
            d(2030, 6, 1)
        );
    }

    #[test]
    fn the_anniversary_itself_is_kept_and_the_next_day_may_delete() {
        assert!(may_delete(d(2030, 3, 15), d(2020, 3, 15), None, &ON).is_err());
        assert_eq!(
            may_delete(d(2030, 3, 16), d(2020, 3, 15), None, &ON),
            Ok(())
        );
    }

    #[test]
    fn the_refusal_names_the_date_and_the_rule() {
        let adult = may_delete(d(2025, 1, 1), d(2020, 3, 15), None, &ON).unwrap_err();
        assert!(
            adult.contains("2030-03-15") && adult.contains("last visit"),
            "{adult}"
        );
        let minor =
            may_delete(d(2031, 1, 1), d(2020, 3, 15), Some(d(2008, 6, 1)), &ON).unwrap_err();
        assert!(
            minor.contains("2036-06-01") && minor.contains("18th birthday"),
            "{minor}"
        );
    }

    #[test]
    fn a_leap_day_rounds_up_to_the_first_of_march() {
        assert_eq!(keep_until(d(2020, 2, 29), None, &ON), d(2030, 3, 1));
        assert_eq!(
            keep_until(d(2010, 1, 1), Some(d(2004, 2, 29)), &ON),
            d(2032, 2, 29)
        );
        assert_eq!(
            keep_until(d(2010, 1, 1), Some(d(2008, 2, 29)), &ON),
            d(2036, 2, 29)
        );
        assert_eq!(
            keep_until(d(2010, 1, 1), Some(d(2005, 2, 28)), &ON),
            d(2033, 2, 28)
        );
    }

    #[test]
    fn a_longer_clinic_setting_is_honoured() {
        let longer = RetentionSettings {
            years_after_last_visit: 15,
            age_of_majority: 19,
        };
        assert_eq!(keep_until(d(2020, 3, 15), None, &longer), d(2035, 3, 15));
        assert_eq!(
            keep_until(d(2020, 3, 15), Some(d(2010, 1, 1)), &longer),
            d(2044, 1, 1)
        );
        assert_eq!(RetentionSettings::default(), ON);
    }
}
