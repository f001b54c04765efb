//! The storage contract: behaviour every `Store` backend must show, written once as functions
//! taking `Arc<dyn Store>` (in the modules below) and run here against both backends: SQLite,
//! each check on a fresh database file, and PostgreSQL, each check on a fresh database of its
//! own (`knot_store::testing`), so the checks run in parallel.

// Helpers outside #[test] functions unwrap too: in a test, a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod accounts;
mod audit;
mod care;
mod clinic;
mod clinic_audit;
mod clinic_memberships;
mod diary;
mod diary_page;
mod erase;
mod fixtures;
mod limits;
mod live;
#[path = "../local_ctx/mod.rs"]
mod local_ctx;
mod resets;
mod security;
mod tenancy;
mod two_factor;

/// Runs each named check on a fresh SQLite file in its own temporary directory.
macro_rules! on_sqlite {
    ($($check:path => $name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let dir = tempfile::tempdir().unwrap();
                    let url = format!("sqlite:{}", dir.path().join("knot.db").display());
                    let store = knot_store::open(&url).await.unwrap();
                    $check(store).await;
                }
            )*
        }
    };
}

/// Runs each named check on a fresh PostgreSQL database, dropped afterwards (also when the
/// check fails).
macro_rules! on_postgres {
    ($($check:path => $name:ident),* $(,)?) => {
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let db = knot_store::testing::TempDatabase::create().unwrap();
                    let store = knot_store::open(db.url()).await.unwrap();
                    $check(store).await;
                }
            )*
        }
    };
}

/// Both runners over the same checks.
macro_rules! on_both {
    ($($check:path => $name:ident),* $(,)?) => {
        on_sqlite! { $($check => $name),* }
        on_postgres! { $($check => $name),* }
    };
}

on_both! {
    crate::clinic::another_clinic_sees_nothing_of_a_clinics_clients => another_clinic_sees_nothing_of_a_clinics_clients,
    crate::clinic::the_front_desk_never_reaches_clinical_data => the_front_desk_never_reaches_clinical_data,
    crate::clinic::a_signed_visit_refuses_changes_and_a_second_signature => a_signed_visit_refuses_changes_and_a_second_signature,
    crate::clinic::an_invitation_is_accepted_once_even_when_raced => an_invitation_is_accepted_once_even_when_raced,
    crate::clinic::staff_leave_but_the_last_admin_stays => staff_leave_but_the_last_admin_stays,
    crate::clinic::consent_is_given_and_withdrawn_once => consent_is_given_and_withdrawn_once,
    crate::clinic::clinic_reads_and_changes_are_audited => clinic_reads_and_changes_are_audited,
    crate::clinic::signing_sees_a_withdrawal_and_refuses_with_the_seals_reason => signing_sees_a_withdrawal_and_refuses_with_the_seals_reason,
    crate::clinic::listing_visits_keeps_each_visits_charting_with_it => listing_visits_keeps_each_visits_charting_with_it,
    crate::clinic_audit::a_clinics_audit_rows_are_its_own_newest_first_and_paged => a_clinics_audit_rows_are_its_own_newest_first_and_paged,
    crate::clinic_memberships::an_account_lists_only_the_clinics_it_is_on_the_staff_of => an_account_lists_only_the_clinics_it_is_on_the_staff_of,
    crate::limits::racing_callers_never_count_past_the_cap => racing_callers_never_count_past_the_cap,
    crate::limits::a_declined_rule_changes_nothing_and_keys_come_back_in_order => a_declined_rule_changes_nothing_and_keys_come_back_in_order,
    crate::limits::old_counters_are_swept => old_counters_are_swept,
    crate::resets::a_reset_token_works_once_however_many_race => a_reset_token_works_once_however_many_race,
    crate::resets::asking_again_retires_the_earlier_token => asking_again_retires_the_earlier_token,
    crate::resets::an_expired_token_does_nothing_and_is_swept => an_expired_token_does_nothing_and_is_swept,
    crate::two_factor::two_factor_is_turned_on_once_and_off_whole => two_factor_is_turned_on_once_and_off_whole,
    crate::two_factor::a_time_step_is_accepted_once_even_when_raced => a_time_step_is_accepted_once_even_when_raced,
    crate::two_factor::a_recovery_code_is_used_once_and_only_by_its_account => a_recovery_code_is_used_once_and_only_by_its_account,
    crate::live::a_live_session_steps_once_per_version_and_is_stored_once => a_live_session_steps_once_per_version_and_is_stored_once,
    crate::live::live_sessions_are_their_persons_own_and_idle_ones_are_cleared => live_sessions_are_their_persons_own_and_idle_ones_are_cleared,
    crate::diary_page::pages_walk_every_current_entry_once_either_way => pages_walk_every_current_entry_once_either_way,
    crate::diary_page::pages_refuse_bad_limits_and_show_no_one_else => pages_refuse_bad_limits_and_show_no_one_else,
    crate::diary::entries_round_trip_every_measure_kind => entries_round_trip_every_measure_kind,
    crate::diary::entries_are_ordered_by_recorded_time_then_id => entries_are_ordered_by_recorded_time_then_id,
    crate::diary::entry_filters_select_by_time_kind_and_history => entry_filters_select_by_time_kind_and_history,
    crate::diary::corrections_keep_the_original => corrections_keep_the_original,
    crate::diary::deletion_is_a_mark_that_cannot_be_repeated => deletion_is_a_mark_that_cannot_be_repeated,
    crate::diary::values_that_are_not_numbers_are_refused => values_that_are_not_numbers_are_refused,
    crate::tenancy::another_person_cannot_read_or_change_entries => another_person_cannot_read_or_change_entries,
    crate::tenancy::another_person_cannot_see_sessions_plans_or_screenings => another_person_cannot_see_sessions_plans_or_screenings,
    crate::tenancy::a_context_mixing_clinic_and_person_is_refused => a_context_mixing_clinic_and_person_is_refused,
    crate::care::sessions_round_trip_oldest_first_and_filter_by_since => sessions_round_trip_oldest_first_and_filter_by_since,
    crate::care::saving_a_plan_makes_it_the_only_active_one => saving_a_plan_makes_it_the_only_active_one,
    crate::care::latest_screening_is_the_last_taken => latest_screening_is_the_last_taken,
    crate::accounts::personal_context_is_created_once => personal_context_is_created_once,
    crate::security::security_events_are_listed_only_to_their_own_account => security_events_are_listed_only_to_their_own_account,
    crate::security::a_server_key_is_made_once_then_kept => a_server_key_is_made_once_then_kept,
    crate::accounts::account_emails_are_unique_whatever_their_case => account_emails_are_unique_whatever_their_case,
    crate::accounts::web_sessions_expire_and_can_be_ended => web_sessions_expire_and_can_be_ended,
    crate::accounts::a_login_is_given_once_per_address_and_ends_other_sessions => a_login_is_given_once_per_address_and_ends_other_sessions,
    crate::audit::audit_rows_record_writes_and_reads => audit_rows_record_writes_and_reads,
    crate::audit::refused_changes_leave_no_audit_row => refused_changes_leave_no_audit_row,
    crate::audit::audit_rows_name_where_the_request_came_from => audit_rows_name_where_the_request_came_from,
    crate::audit::concurrent_reads_are_each_audited => concurrent_reads_are_each_audited,
    crate::audit::report_records_are_the_three_reads_in_one => report_records_are_the_three_reads_in_one,
}
